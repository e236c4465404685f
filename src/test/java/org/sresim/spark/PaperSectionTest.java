package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.report.Block;
import org.sresim.report.Part;
import org.sresim.report.Report;
import org.sresim.report.ReportContext;
import org.sresim.report.Table;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;

/**
 * The paper comparison of a small sweep named {@code paper}: the project's numbers in the
 * comparison table and the first-layer sensitivity equal the same aggregates computed here in
 * Java from the raw rows (mean over seeds per profile, then mean and max over profiles).
 */
class PaperSectionTest {
    static final String SWEEP = """
            name: paper
            fixed: {accuracy.windows: 4, chip.crossbars: 200}
            grid:
              network: [lenet5-han, cifar10-ssl]
              activation.sparsity: [0.5]
              chip.count: [1, auto]
            zip:
              - {ou.rows: [9, 16], ou.cols: [8, 16]}
            seeds: [1, 2]
            """;

    @TempDir
    static Path dir;
    static ReportSource source;
    static List<Part> parts;
    static List<Map<String, Object>> points;
    static List<Map<String, Object>> layers;

    @BeforeAll
    static void sweepAndReport() throws Exception {
        var spark = SharedSpark.get();
        Path file = dir.resolve("paper.yaml");
        Files.writeString(file, SWEEP);
        SweepPlan plan = SweepFile.load(file);
        new SweepJob(spark, new PrintWriter(new StringWriter())).run(plan, new SweepJob.Options(
                dir.resolve("results").toString(), file.toString(), SweepFile.asJson(file), "test"));
        source = ReportSource.open(spark, dir.resolve("results").toString(), "paper");
        parts = org.sresim.report.PaperSectionAccess.build(ReportContext.of("paper", source));
        assertThat(Report.sections("paper")).hasSizeGreaterThan(Report.sections("other").size());
        points = rows(spark, "SELECT * FROM points");
        layers = rows(spark, "SELECT * FROM layers");
    }

    static List<Map<String, Object>> rows(org.apache.spark.sql.SparkSession spark, String sql) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (org.apache.spark.sql.Row r : spark.sql(sql).collectAsList()) {
            Map<String, Object> m = new HashMap<>();
            for (String f : r.schema().fieldNames()) {
                m.put(f, r.getAs(f));
            }
            out.add(m);
        }
        return out;
    }

    @AfterAll
    static void dropViews() {
        source.close();
    }

    static Part paperPart() {
        return parts.stream().filter(p -> p.title().equals("Paper vs this project")).findFirst().orElseThrow();
    }

    static Table table(String captionStart) {
        return table(paperPart(), captionStart);
    }

    /** The table of {@code part} whose caption starts with {@code captionStart} (every section test's lookup). */
    static Table table(Part part, String captionStart) {
        return part.blocks().stream().filter(b -> b instanceof Block.TableBlock t
                && t.caption().startsWith(captionStart)).map(b -> ((Block.TableBlock) b).table()).findFirst()
                .orElseThrow();
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** network -> mean over seeds of the metric, at OU 9x8 for one scheme and chip setting. */
    static Map<String, Double> perNetwork(String scheme, String chips, String metric) {
        Map<String, Map<Object, List<Double>>> bySeed = new TreeMap<>();
        for (Map<String, Object> r : points) {
            if (r.get("scheme").equals(scheme) && r.get("chip_count").equals(chips)
                    && ((Number) r.get("ou_rows")).intValue() == 9) {
                bySeed.computeIfAbsent((String) r.get("network"), n -> new HashMap<>())
                        .computeIfAbsent(r.get("seed"), s -> new ArrayList<>()).add(((Number) r.get(metric)).doubleValue());
            }
        }
        Map<String, Double> out = new TreeMap<>();
        bySeed.forEach((n, seeds) -> out.put(n, mean(seeds.values().stream().map(PaperSectionTest::mean).toList())));
        return out;
    }

    @Test
    void thePaperRowComesFirstAndEveryProjectRowIsTheMeanAndMaxOverProfilesOfSeedMeans() {
        Table t = table("Paper vs this project");
        assertThat(t.value(0, "design")).isEqualTo("SRE paper, published (ISCA 2019)");
        assertThat(t.number(0, "mean speedup (x)")).isEqualTo(13.1);
        assertThat(t.number(0, "max speedup (x)")).isEqualTo(42.3);
        assertThat(t.number(0, "mean energy saving (%)")).isEqualTo(85.3);
        assertThat(t.number(0, "max energy saving (%)")).isEqualTo(95.4);
        assertThat(t.size()).isEqualTo(1 + 3 * 2);
        int checked = 0;
        for (String scheme : List.of("sre-value", "sre-bit", "ideal")) {
            for (String chips : List.of("1", "auto")) {
                String design = scheme + (chips.equals("1") ? ", 1 chip" : ", chips: auto");
                int row = -1;
                for (int i = 0; i < t.size(); i++) {
                    if (t.value(i, "design").equals(design)) {
                        row = i;
                    }
                }
                assertThat(row).as(design).isPositive();
                Map<String, Double> sp = perNetwork(scheme, chips, "speedup");
                Map<String, Double> es = perNetwork(scheme, chips, "energy_saving");
                assertThat(sp).hasSize(2);
                double tol = 1e-9;
                assertThat(t.number(row, "mean speedup (x)")).isCloseTo(mean(new ArrayList<>(sp.values())), within(tol));
                double max = sp.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                assertThat(t.number(row, "max speedup (x)")).isCloseTo(max, within(tol));
                String best = sp.entrySet().stream().filter(e -> e.getValue() == max).findFirst().orElseThrow().getKey();
                assertThat(t.value(row, "max at")).isEqualTo(best);
                assertThat(t.number(row, "mean energy saving (%)"))
                        .isCloseTo(100 * mean(new ArrayList<>(es.values())), within(1e-7));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6);
    }

    @Test
    void theFirstLayerSensitivityIsComputedFromTheLayerRows() {
        // chip.crossbars 200: cifar10-ssl (52 crossbars) fits one chip, lenet5-han (246) needs two, so the chip setting matters
        Table t = source.query(org.sresim.report.PaperSectionAccess.firstLayerSql("ou_rows = 9 AND ou_cols = 8"));
        assertThat(t.size()).isEqualTo(4); // 2 chip settings x (sre-value, sre-bit)
        for (int i = 0; i < t.size(); i++) {
            String chips = (String) t.value(i, "chip_count");
            String scheme = (String) t.value(i, "scheme");
            // per point: sums over layers of dense and scheme latency, all layers and layers after the first
            Map<String, double[]> byPoint = new HashMap<>(); // point -> {dense all, scheme all, dense rest, scheme rest, scheme first}
            Map<String, String[]> meta = new HashMap<>();
            for (Map<String, Object> r : layers) {
                if (!r.get("chip_count").equals(chips) || ((Number) r.get("ou_rows")).intValue() != 9) {
                    continue;
                }
                boolean dense = r.get("scheme").equals("dense");
                if (!dense && !r.get("scheme").equals(scheme)) {
                    continue;
                }
                double lat = ((Number) r.get("latency_ns")).doubleValue();
                boolean first = ((Number) r.get("layer_index")).intValue() == 0;
                double[] s = byPoint.computeIfAbsent((String) r.get("point_id"), k -> new double[5]);
                meta.put((String) r.get("point_id"), new String[] {(String) r.get("network")});
                s[dense ? 0 : 1] += lat;
                if (!first) {
                    s[dense ? 2 : 3] += lat;
                } else if (!dense) {
                    s[4] += lat;
                }
            }
            Map<String, List<double[]>> byNetwork = new TreeMap<>();
            byPoint.forEach((p, s) -> byNetwork.computeIfAbsent(meta.get(p)[0], k -> new ArrayList<>())
                    .add(new double[] {s[0] / s[1], s[2] / s[3], s[4] / s[1]}));
            assertThat(byNetwork).hasSize(2);
            List<Double> all = new ArrayList<>();
            List<Double> rest = new ArrayList<>();
            List<Double> share = new ArrayList<>();
            for (List<double[]> seeds : byNetwork.values()) {
                assertThat(seeds).hasSize(2);
                all.add(mean(seeds.stream().map(v -> v[0]).toList()));
                rest.add(mean(seeds.stream().map(v -> v[1]).toList()));
                share.add(mean(seeds.stream().map(v -> v[2]).toList()));
            }
            assertThat(t.number(i, "speedup")).isCloseTo(mean(all), within(1e-9));
            assertThat(t.number(i, "speedup_without_first")).isCloseTo(mean(rest), within(1e-9));
            assertThat(t.number(i, "max_speedup_without_first")).isCloseTo(
                    rest.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), within(1e-9));
            assertThat(t.number(i, "first_layer_pct")).isCloseTo(100 * mean(share), within(1e-7));
            // the network speedup of the points table is the all-layer ratio
            assertThat(mean(all)).isCloseTo(mean(new ArrayList<>(perNetwork(scheme, chips, "speedup").values())),
                    within(1e-9));
        }
    }

    @Test
    void layerLatencyIsShownOnOneChipAndOnEnoughChipsForTheProfilesThatNeedMore() {
        Block.FigureBlock f = paperPart().blocks().stream().filter(b -> b instanceof Block.FigureBlock fb
                && fb.figure().name().equals("paper-layer-latency")).map(b -> (Block.FigureBlock) b).findFirst()
                .orElseThrow();
        Table t = f.data();
        assertThat(t.size()).isEqualTo(2 * 4 * 3); // lenet5-han only: 2 chip settings x 4 layers x 3 schemes
        assertThat(f.figure().panels()).extracting(org.sresim.report.Figure.Panel::title)
                .containsExactly("lenet5-han, 1 chip", "lenet5-han, chips: 2");
        for (int i = 0; i < t.size(); i++) {
            String panel = (String) t.value(i, "panel");
            String chips = panel.endsWith("1 chip") ? "1" : "auto";
            String layer = (String) t.value(i, "layer");
            String scheme = (String) t.value(i, "scheme");
            Map<Object, List<Double>> bySeed = new HashMap<>();
            for (Map<String, Object> r : layers) {
                if (r.get("chip_count").equals(chips) && r.get("layer").equals(layer) && r.get("scheme").equals(scheme)
                        && r.get("network").equals("lenet5-han") && ((Number) r.get("ou_rows")).intValue() == 9) {
                    bySeed.computeIfAbsent(r.get("seed"), k -> new ArrayList<>())
                            .add(((Number) r.get("latency_ns")).doubleValue());
                }
            }
            assertThat(bySeed).hasSize(2);
            double expected = mean(bySeed.values().stream().map(PaperSectionTest::mean).toList()) / 1000;
            assertThat(t.number(i, "latency_us")).as(panel + " " + layer + " " + scheme)
                    .isCloseTo(expected, within(1e-9 * expected));
        }
    }

    @Test
    void theParagraphsQuoteTheTablesNumbers() {
        String text = String.join("\n", paperPart().blocks().stream().filter(b -> b instanceof Block.Paragraph)
                .map(b -> ((Block.Paragraph) b).text()).toList());
        Table t = table("Paper vs this project");
        for (int i = 1; i < t.size(); i++) {
            if (t.value(i, "design").equals("sre-bit, chips: auto")) {
                assertThat(text).contains(String.format(java.util.Locale.ROOT, "sre-bit averages %.1fx",
                        t.number(i, "mean speedup (x)")));
            }
        }
        assertThat(text).contains("The fewest chips that hold every layer are cifar10-ssl 1, lenet5-han 2.");
        assertThat(text).contains("Value or bit granularity", "Chips and replication", "First layer", "OU size");
    }
}
