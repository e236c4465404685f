package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * The "Transformers" section of a small sweep: a two-block transformer over 6 tokens beside a CNN,
 * two prunings, the three encodings, two seeds. Every number of the section equals
 * the same aggregate computed here from the raw rows.
 */
class TransformersSectionTest {
    @TempDir
    static Path dir;
    static ReportSource source;
    static Part part;
    static List<Map<String, Object>> points;
    static List<Map<String, Object>> layers;

    @BeforeAll
    static void sweepAndReport() throws Exception {
        var spark = SharedSpark.get();
        StringBuilder net = new StringBuilder("name: tiny-bert\ninput: [6, 24]\nlayers:\n");
        for (int i = 0; i < 2; i++) {
            String p = "  - {name: encoder.layer." + i;
            net.append(p).append(".attention.self.qkv, type: linear, out: 72, activation.distribution: normal}\n")
                    .append(p).append(".attention.self, type: attention, heads: 2}\n")
                    .append(p).append(".attention.output.dense, type: linear, out: 24, activation.distribution: normal}\n")
                    .append(p).append(".intermediate.dense, type: linear, out: 48, activation.distribution: normal}\n")
                    .append(p).append(".output.dense, type: linear, out: 24, activation.distribution: gelu}\n");
        }
        Path network = Files.writeString(dir.resolve("tiny-bert.yaml"), net.toString());
        Path file = dir.resolve("tf.yaml");
        Files.writeString(file, "name: tftest\n"
                + "fixed: {accuracy.windows: 4, pruning.prune-first-layer: true}\n"
                + "grid:\n  network: [" + network + ", lenet5]\n"
                + "  input.encoding: [offset, twos-complement, sign-magnitude]\n"
                + "zip:\n  - {pruning.method: [unstructured, '2:4'], pruning.ratio: [0.7, 0.5]}\n"
                + "seeds: [1, 2]\n");
        SweepPlan plan = SweepFile.load(file);
        new SweepJob(spark, new PrintWriter(new StringWriter())).run(plan, new SweepJob.Options(
                dir.resolve("results").toString(), file.toString(), SweepFile.asJson(file), "test"));
        source = ReportSource.open(spark, dir.resolve("results").toString(), "tftest");
        part = Report.build(ReportContext.of("tftest", source)).stream().filter(p -> p.title().equals("Transformers"))
                .findFirst().orElseThrow();
        points = PaperSectionTest.rows(spark, "SELECT * FROM points");
        layers = PaperSectionTest.rows(spark, "SELECT * FROM layers");
    }

    @AfterAll
    static void dropViews() {
        source.close();
    }

    static Table table(String captionStart) {
        return PaperSectionTest.table(part, captionStart);
    }

    static String pruning(Map<String, Object> r) {
        String method = (String) r.get("pruning_method");
        return method.equals("2:4") ? "2:4" : method + " " + r.get("pruning_ratio");
    }

    /** Mean over seeds of {@code metric} of the transformer at OU 9x8 (one row per seed and setting). */
    static double mean(List<Map<String, Object>> rows, String pruning, String encoding, String scheme, String metric,
                       String layer) {
        return rows.stream().filter(r -> ((String) r.get("network")).endsWith("tiny-bert.yaml")
                        && ((Number) r.get("ou_rows")).intValue() == 9 && pruning.equals(pruning(r))
                        && encoding.equals(r.get("input_encoding")) && scheme.equals(r.get("scheme"))
                        && (layer == null || layer.equals(r.get("layer"))))
                .mapToDouble(r -> ((Number) r.get(metric)).doubleValue()).average().orElseThrow();
    }

    private static double perSeedRatio(String pruning, String encoding) {
        double sum = 0;
        for (long seed : List.of(1L, 2L)) {
            double base = points.stream().filter(r -> matches(r, pruning, "offset", "dense", seed))
                    .mapToDouble(r -> (Double) r.get("latency_ns")).sum();
            double sre = points.stream().filter(r -> matches(r, pruning, encoding, "sre-bit", seed))
                    .mapToDouble(r -> (Double) r.get("latency_ns")).sum();
            sum += base / sre;
        }
        return sum / 2;
    }

    private static boolean matches(Map<String, Object> r, String pruning, String encoding, String scheme, long seed) {
        return ((String) r.get("network")).endsWith("tiny-bert.yaml") && ((Number) r.get("ou_rows")).intValue() == 9
                && pruning.equals(pruning(r)) && encoding.equals(r.get("input_encoding"))
                && scheme.equals(r.get("scheme")) && ((Number) r.get("seed")).longValue() == seed;
    }

    @Test
    void perSettingNumbersAreSeedMeansOfTheRows() {
        Table t = table("Dense and SRE (sre-bit) per network");
        assertThat(t.size()).isEqualTo(6); // the transformer only: 2 prunings x 3 encodings
        for (int r = 0; r < t.size(); r++) {
            String pruning = (String) t.value(r, "pruning");
            String enc = (String) t.value(r, "encoding");
            assertThat(t.number(r, "dense latency (ms)")).isCloseTo(mean(points, pruning, enc, "dense", "latency_ns",
                    null) / 1e6, within(1e-12));
            assertThat(t.number(r, "SRE energy (mJ)")).isCloseTo(mean(points, pruning, enc, "sre-bit", "energy_pj",
                    null) / 1e9, within(1e-12));
            assertThat(t.number(r, "SRE speedup (x)")).isCloseTo(mean(points, pruning, enc, "sre-bit", "speedup",
                    null), within(1e-9));
            assertThat(t.number(r, "SRE vs offset dense (x)")).isCloseTo(perSeedRatio(pruning, enc), within(1e-9));
            assertThat(t.number(r, "one-bit fraction")).isCloseTo(mean(points, pruning, enc, "dense",
                    "input_one_bit_fraction", null), within(1e-12));
        }
        // sign-magnitude's dense design runs every window twice; its SRE design gains on its own baseline
        assertThat(mean(points, "2:4", "sign-magnitude", "dense", "latency_ns", null))
                .isGreaterThan(1.9 * mean(points, "2:4", "offset", "dense", "latency_ns", null));
    }

    @Test
    void theDigitalShareIsTheAttentionMacsTimeAndEnergy() {
        Table t = table("Share of the digital attention");
        assertThat(t.size()).isEqualTo(6);
        for (int r = 0; r < t.size(); r++) {
            String pruning = (String) t.value(r, "pruning");
            String enc = (String) t.value(r, "encoding");
            assertThat(t.number(r, "attention MACs")).isEqualTo(2 * (2.0 * 6 * 6 * 24)); // two layers of 2 T^2 d
            double ns = 2 * 2.0 * 6 * 6 * 24 / 1024; // at the default 1024 MACs per ns
            double latency = mean(points, pruning, enc, "sre-bit", "latency_ns", null);
            // one row per seed: the mean of shares equals the share of the mean only when latencies agree, so per seed
            double shares = points.stream().filter(x -> matches(x, pruning, enc, "sre-bit", 1)
                    || matches(x, pruning, enc, "sre-bit", 2)).mapToDouble(x -> ns / (Double) x.get("latency_ns"))
                    .average().orElseThrow();
            assertThat(t.number(r, "SRE: latency share (%)")).isCloseTo(100 * shares, within(1e-9));
            assertThat(latency).isGreaterThan(ns);
            double energyShare = points.stream().filter(x -> matches(x, pruning, enc, "dense", 1)
                    || matches(x, pruning, enc, "dense", 2)).mapToDouble(x -> 2 * 2.0 * 6 * 6 * 24 * 0.9
                    / (Double) x.get("energy_pj")).average().orElseThrow();
            assertThat(t.number(r, "dense: energy share (%)")).isCloseTo(100 * energyShare, within(1e-9));
        }
    }

    @Test
    void theBlockFigureIsTheFirstBlocksLayerLatencies() {
        Block.FigureBlock f = part.blocks().stream().filter(b -> b instanceof Block.FigureBlock fb
                && fb.figure().name().equals("transformer-block-latency")).map(b -> (Block.FigureBlock) b)
                .findFirst().orElseThrow();
        Table t = f.data();
        assertThat(t.size()).isEqualTo(2 * 4); // 2 prunings x the 4 crossbar layers of block 0
        for (int r = 0; r < t.size(); r++) {
            String layer = "encoder.layer.0." + t.value(r, "layer");
            assertThat(t.number(r, "latency_us")).isCloseTo(mean(layers, (String) t.value(r, "pruning"), "offset",
                    "sre-bit", "latency_ns", layer) / 1e3, within(1e-9));
        }
    }
}
