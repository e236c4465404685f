package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.hw.Action;
import org.sresim.report.Block;
import org.sresim.report.Cells;
import org.sresim.report.Figure;
import org.sresim.report.Part;
import org.sresim.report.Report;
import org.sresim.report.ReportContext;
import org.sresim.report.SweepFacts;
import org.sresim.report.Table;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;

/**
 * The report of a small sweep: every number behind a figure equals the same aggregate computed
 * here in Java from the raw rows, and the written files are well-formed and self-contained.
 */
class ReportTest {
    static final String SWEEP = """
            name: rep
            fixed: {pruning.ratio: 0.5, activation.sparsity: 0.5, accuracy.windows: 4}
            grid:
              network: [lenet5, cifar10-quick]
              ou.rows: [4, 9]
              adc.bits: [auto, 6]
            seeds: [1, 2]
            """;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static ReportSource source;
    static ReportContext ctx;
    static List<Part> parts;
    static Path out;
    static List<Map<String, Object>> points;
    static List<Map<String, Object>> layers;

    @BeforeAll
    static void sweepAndReport() throws Exception {
        spark = SharedSpark.get();
        Path file = dir.resolve("rep.yaml");
        Files.writeString(file, SWEEP);
        SweepPlan plan = SweepFile.load(file);
        new SweepJob(spark, new PrintWriter(new StringWriter())).run(plan, new SweepJob.Options(
                dir.resolve("results").toString(), file.toString(), SweepFile.asJson(file), "test"));
        source = ReportSource.open(spark, dir.resolve("results").toString(), "rep");
        ctx = ReportContext.of("rep", source);
        parts = Report.build(ctx);
        out = Path.of("target/report-test"); // kept, to look at
        Report.write("rep", parts, out);
        points = rows("SELECT * FROM points");
        layers = rows("SELECT * FROM layers");
    }

    @AfterAll
    static void dropViews() {
        source.close();
    }

    static List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            Map<String, Object> m = new HashMap<>();
            for (String f : r.schema().fieldNames()) {
                m.put(f, r.getAs(f));
            }
            out.add(m);
        }
        return out;
    }

    static Block.FigureBlock figure(String name) {
        return figure(parts, name);
    }

    static Block.FigureBlock figure(List<Part> report, String name) {
        return figures(report).stream().filter(f -> f.figure().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + name));
    }

    static List<Block.FigureBlock> figures() {
        return figures(parts);
    }

    static List<Block.FigureBlock> figures(List<Part> report) {
        return report.stream().flatMap(p -> p.blocks().stream()).filter(b -> b instanceof Block.FigureBlock)
                .map(b -> (Block.FigureBlock) b).toList();
    }

    /**
     * Checks every row of {@code t} against the raw rows that pass {@code filter}, grouped by
     * {@code keys}: per seed, the mean of {@code metric} over the group's rows (NULLs skipped);
     * then the table's mean, min and max must be the mean, min and max of those per-seed means and
     * {@code seeds} their count; and the table has one row per group.
     */
    static void assertStats(Table t, List<Map<String, Object>> raw, Predicate<Map<String, Object>> filter,
                            List<String> keys, Function<Map<String, Object>, Double> metric, String name) {
        Set<List<Object>> groups = new LinkedHashSet<>();
        raw.stream().filter(filter).forEach(r -> groups.add(keys.stream().map(r::get).toList()));
        assertThat(t.size()).as(name + " rows").isEqualTo(groups.size());
        for (int i = 0; i < t.size(); i++) {
            int row = i;
            Map<Object, List<Double>> bySeed = new HashMap<>();
            raw.stream().filter(filter)
                    .filter(r -> keys.stream().allMatch(k -> Objects.equals(r.get(k), t.value(row, k))))
                    .filter(r -> metric.apply(r) != null)
                    .forEach(r -> bySeed.computeIfAbsent(r.get("seed"), s -> new ArrayList<>()).add(metric.apply(r)));
            List<Double> seedMeans = bySeed.values().stream()
                    .map(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList();
            assertThat(seedMeans).as(name + " row " + i).hasSize(2); // both seeds have values
            double mean = seedMeans.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double tol = 1e-9 * Math.abs(mean) + 1e-15;
            assertThat(t.number(i, "mean_" + name)).as("mean_" + name).isCloseTo(mean, within(tol));
            assertThat(t.number(i, "min_" + name)).isCloseTo(Collections.min(seedMeans), within(tol));
            assertThat(t.number(i, "max_" + name)).isCloseTo(Collections.max(seedMeans), within(tol));
            assertThat(((Number) t.value(i, "seeds")).longValue()).isEqualTo(seedMeans.size());
        }
    }

    static Double d(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    static final Predicate<Map<String, Object>> NOT_DENSE = r -> !r.get("scheme").equals("dense");

    @Test
    void theSweepsAxesAreFoundFromItsRows() {
        SweepFacts f = ctx.facts();
        assertThat(f.points()).isEqualTo(16);
        assertThat(f.networks()).containsExactly("cifar10-quick", "lenet5");
        assertThat(f.axes()).extracting(SweepFacts.Axis::columns).containsExactly(List.of("ou_rows"), List.of("adc_bits"));
        assertThat(f.axes().get(0).numeric()).isTrue();
        assertThat(f.axes().get(1).numeric()).isFalse();
        assertThat(f.fixedText()).contains("pruning 0.5").contains("activation sparsity 0.5");
        assertThat(figure("speedup-vs-ou_rows").figure().subtitle())
                .contains("averaged over adc.bits\u00a0∈\u00a0{auto,\u00a06}; lines: mean of 2 seeds, band: seed min to max");
        assertThat(figure("speedup-by-scheme").figure().subtitle())
                .contains("averaged over ou.rows\u00a0∈\u00a0{4,\u00a09}, adc.bits\u00a0∈\u00a0{auto,\u00a06}; bars: mean of 2 seeds");
    }

    @Test
    void speedupAndSavingPerSchemeAreTheMeansOfTheRows() {
        assertStats(figure("speedup-by-scheme").data(), points, NOT_DENSE, List.of("network", "scheme"),
                r -> d(r.get("speedup")), "speedup");
        assertStats(figure("energy-saving-by-scheme").data(), points, NOT_DENSE, List.of("network", "scheme"),
                r -> d(r.get("energy_saving")) * 100, "saving_pct");
    }

    @Test
    void everyVariedAxisGetsSpeedupAndSavingAgainstIt() {
        for (String axis : List.of("ou_rows", "adc_bits")) {
            List<String> keys = List.of("network", axis, "scheme");
            assertStats(figure("speedup-vs-" + axis).data(), points, NOT_DENSE, keys, r -> d(r.get("speedup")), "speedup");
            assertStats(figure("energy-saving-vs-" + axis).data(), points, NOT_DENSE, keys,
                    r -> d(r.get("energy_saving")) * 100, "saving_pct");
        }
        // adc.bits is text (auto or a number): bars, auto first
        Table t = figure("speedup-vs-adc_bits").data();
        assertThat(t.value(0, "adc_bits")).isEqualTo("auto");
        assertThat(figure("speedup-vs-ou_rows").figure().panels()).extracting(Figure.Panel::title)
                .containsExactly("cifar10-quick", "lenet5");
    }

    @Test
    void energyPerActionIsTheMeanOfEachActionsColumnAndAddsUpToTheTotal() {
        Table t = figure("energy-by-action").data();
        assertThat(t.size()).isEqualTo(2 * 7);
        for (int i = 0; i < t.size(); i++) {
            int row = i;
            List<Map<String, Object>> group = points.stream().filter(r -> r.get("network").equals(t.value(row, "network"))
                    && r.get("scheme").equals(t.value(row, "scheme"))).toList();
            assertThat(group).hasSize(8);
            double sum = 0;
            for (Action a : Action.values()) {
                String c = "energy_" + a.column() + "_pj";
                double expected = group.stream().mapToDouble(r -> d(r.get(c))).average().orElseThrow() / 1e6;
                double actual = t.number(i, a.column() + "_uj");
                assertThat(actual).isCloseTo(expected, within(1e-9 * expected + 1e-15));
                sum += actual;
            }
            assertThat(sum).isCloseTo(t.number(i, "total_uj"), within(1e-9 * sum));
        }
    }

    @Test
    void layerLatencyIsShownForTheLargestNetwork() {
        Map<Object, Double> denseOps = new HashMap<>();
        for (String n : List.of("lenet5", "cifar10-quick")) {
            denseOps.put(n, points.stream().filter(r -> r.get("network").equals(n) && r.get("scheme").equals("dense"))
                    .mapToDouble(r -> d(r.get("ou_ops"))).average().orElseThrow());
        }
        String largest = denseOps.get("lenet5") > denseOps.get("cifar10-quick") ? "lenet5" : "cifar10-quick";
        Block.FigureBlock f = figure("layer-latency");
        assertThat(f.figure().title()).contains(largest);
        assertStats(f.data(), layers, r -> r.get("network").equals(largest)
                        && List.of("dense", "sre-value", "sre-bit").contains(r.get("scheme")),
                List.of("layer_index", "layer", "scheme"), r -> d(r.get("latency_ns")) / 1e3, "latency_us");
    }

    @Test
    void clippingAndReadErrorsAreShownAgainstOuSize() {
        List<String> keys = List.of("network", "ou_rows", "scheme");
        assertStats(figure("adc-clipping-vs-ou_rows").data(), points, r -> true, keys,
                r -> d(r.get("adc_clip_rate")) * 100, "clip_pct");
        assertStats(figure("read-error-vs-ou_rows").data(), points, r -> true, keys,
                r -> d(r.get("read_error_rate")), "read_error");
    }

    @Test
    void everyPlottedValueIsACellOfTheTableUnderTheFigure() {
        assertThat(figures()).hasSizeGreaterThanOrEqualTo(9);
        for (Block.FigureBlock f : figures()) {
            Set<Double> cells = new java.util.HashSet<>();
            f.data().rows().forEach(r -> r.forEach(v -> {
                if (v instanceof Number n) {
                    cells.add(n.doubleValue());
                }
            }));
            long plotted = 0;
            for (Figure.Panel p : f.figure().panels()) {
                for (Figure.Datum d : p.data()) {
                    if (d.y() != null) {
                        assertThat(cells).as(f.figure().name()).contains(d.y());
                        plotted++;
                    }
                }
            }
            assertThat(plotted).as(f.figure().name()).isPositive();
        }
    }

    @Test
    void figuresDecodeAtTheirStatedSizeAndSvgsParse() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        Matcher m = Pattern.compile("<img src=\"figures/([^\"]+)\\.png\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        int images = 0;
        var xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        while (m.find()) {
            BufferedImage png = ImageIO.read(out.resolve("figures/" + m.group(1) + ".png").toFile());
            assertThat(png).as(m.group(1)).isNotNull();
            assertThat(png.getWidth()).isEqualTo(Integer.parseInt(m.group(2)));
            assertThat(png.getHeight()).isEqualTo(Integer.parseInt(m.group(3)));
            assertThat(png.getWidth()).isGreaterThanOrEqualTo(1000);
            var svg = xml.newDocumentBuilder().parse(out.resolve("figures/" + m.group(1) + ".svg").toFile());
            assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("height"))).isEqualTo(png.getHeight());
            images++;
        }
        assertThat(images).isEqualTo(figures().size());
    }

    @Test
    void indexHtmlIsSelfContainedAndEveryLinkResolves() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<link").doesNotContain("@import");
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            String target = m.group(1);
            if (target.startsWith("#")) {
                assertThat(html).as(target).contains("id=\"" + target.substring(1) + "\"");
            } else {
                assertThat(out.resolve(target)).as(target).exists();
            }
            links++;
        }
        assertThat(links).isGreaterThan(2 * figures().size());
        try (Stream<Path> files = Files.list(out.resolve("figures"))) {
            assertThat(files.count()).isEqualTo(2L * figures().size());
        }
    }

    @Test
    void summaryMdHoldsTheSameTables() throws Exception {
        String md = Files.readString(out.resolve("summary.md"));
        for (Block.FigureBlock f : figures()) {
            assertThat(md).contains("](figures/" + f.figure().name() + ".png)");
            for (List<Object> row : f.data().rows()) {
                assertThat(md).contains("| " + String.join(" | ", row.stream().map(Cells::format).toList()) + " |");
            }
        }
    }

    @Test
    void nullMetricsAreSkippedByTheAggregatesAndLeftUndrawn() throws Exception {
        // a speedup can be NULL (a layer left with no operations): blank out sre-bit at OU height 4
        org.apache.spark.sql.Column blank = org.apache.spark.sql.functions.col("scheme").equalTo("sre-bit")
                .and(org.apache.spark.sql.functions.col("ou_rows").equalTo(4));
        spark.table("points").withColumn("speedup", org.apache.spark.sql.functions.when(blank,
                org.apache.spark.sql.functions.lit(null)).otherwise(org.apache.spark.sql.functions.col("speedup")))
                .createOrReplaceTempView(ReportContext.POINTS);
        try {
            List<Part> withNulls = Report.build(ReportContext.of("rep", source));
            Path nullOut = dir.resolve("nulls");
            Report.write("rep", withNulls, nullOut);
            Table t = figure(withNulls, "speedup-vs-ou_rows").data();
            int blanks = 0;
            for (int i = 0; i < t.size(); i++) {
                boolean blanked = t.value(i, "scheme").equals("sre-bit") && t.value(i, "ou_rows").equals(4);
                assertThat(t.value(i, "mean_speedup") == null).isEqualTo(blanked);
                assertThat(((Number) t.value(i, "seeds")).longValue()).isEqualTo(blanked ? 0 : 2);
                blanks += blanked ? 1 : 0;
            }
            assertThat(blanks).isEqualTo(2); // one per network
            // the per-scheme mean of sre-bit now averages only its OU-9 points
            Table bySchemes = figure(withNulls, "speedup-by-scheme").data();
            assertStats(bySchemes, points, NOT_DENSE, List.of("network", "scheme"),
                    r -> r.get("scheme").equals("sre-bit") && r.get("ou_rows").equals(4) ? null : d(r.get("speedup")),
                    "speedup");
            assertThat(Files.readString(nullOut.resolve("summary.md"))).contains("| " + Cells.NULL + " |");
            assertThat(ImageIO.read(nullOut.resolve("figures/speedup-vs-ou_rows.png").toFile())).isNotNull();
        } finally {
            source = ReportSource.open(spark, dir.resolve("results").toString(), "rep");
        }
    }

    @Test
    void rerunningReplacesTheReportAndRefusesAForeignFolder() throws Exception {
        Path again = dir.resolve("again");
        Report.write("rep", parts.subList(0, 1), again);
        Files.writeString(again.resolve("stale.txt"), "left from before");
        Report.write("rep", parts.subList(0, 1), again);
        assertThat(again.resolve("stale.txt")).doesNotExist();
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("data.csv"), "1,2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Report.write("rep", parts, foreign))
                .hasMessageContaining("not a report folder");
        assertThat(foreign.resolve("data.csv")).exists();
    }

    @Test
    void theSameRowsGiveTheSameReportBytesHoweverTheSweepWasSplit() throws Exception {
        // the same sweep again with the smallest tasks: more files per table, read in another order;
        // the report, figures included, must be the same bytes
        Path file = dir.resolve("rep.yaml");
        new SweepJob(spark, new PrintWriter(new StringWriter())).run(SweepFile.load(file), new SweepJob.Options(
                dir.resolve("split").toString(), file.toString(), SweepFile.asJson(file), "test", 1, false,
                SweepLease.DEFAULT_TIMEOUT));
        assertThat(countFiles(dir.resolve("split/rep/points")))
                .isGreaterThan(2 * countFiles(dir.resolve("results/rep/points")));
        Path whole = dir.resolve("whole-report");
        Report.write("rep", parts, whole);
        source.close();
        Path split = dir.resolve("split-report");
        try {
            ReportSource splitSource = ReportSource.open(spark, dir.resolve("split").toString(), "rep");
            try {
                Report.write("rep", Report.build(ReportContext.of("rep", splitSource)), split);
            } finally {
                splitSource.close();
            }
        } finally {
            source = ReportSource.open(spark, dir.resolve("results").toString(), "rep");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(whole)) {
            files = walk.filter(Files::isRegularFile).map(whole::relativize).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            assertThat(Files.mismatch(whole.resolve(f), split.resolve(f))).as(f + ": first differing byte").isEqualTo(-1L);
        }
    }

    private static long countFiles(Path table) throws Exception {
        try (Stream<Path> walk = Files.walk(table)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }
}
