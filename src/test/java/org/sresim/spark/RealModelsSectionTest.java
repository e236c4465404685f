package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.ConfigLoader;
import org.sresim.report.Block;
import org.sresim.report.Part;
import org.sresim.report.Report;
import org.sresim.report.ReportContext;
import org.sresim.report.Table;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ModelData;
import org.sresim.workload.ModelFixtures;
import org.sresim.workload.ModelProfile;
import org.sresim.workload.Network;
import org.sresim.workload.NetworkWriter;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;

/**
 * The "Real models vs synthetic stand-ins" section of a small sweep: a generated real model, its
 * twin, a profile network and an unrelated network, at two OU heights and two seeds. Every number
 * of the section equals the same aggregate computed here in Java from the raw rows.
 */
class RealModelsSectionTest {
    @TempDir
    static Path dir;
    static ReportSource source;
    static Part part;
    static List<Map<String, Object>> points;
    static List<Map<String, Object>> layers;

    @BeforeAll
    static void sweepAndReport() throws Exception {
        var spark = SharedSpark.get();
        Path m = ModelFixtures.writeKnownModel(dir.resolve("m"));
        Path net = Files.writeString(dir.resolve("known.yaml"), ModelFixtures.KNOWN_NETWORK);
        Network network = Networks.load(net);
        WorkloadSettings s = WorkloadSettings.from(ConfigLoader.defaults());
        ModelProfile.Twin twin = ModelProfile.twin(network, ModelProfile.measure(ModelData.open(m.toString(),
                FileOpener.LOCAL), network, s), s);
        Path twinFile = Files.writeString(dir.resolve("known-twin.yaml"), NetworkWriter.yaml(twin.network(), List.of()));
        Path profile = Files.writeString(dir.resolve("known-profile.yaml"), """
                name: known-profile
                input: [2, 6, 6]
                layers:
                  - {name: c1, type: conv, out: 4, kernel: 3, pruning: {filter: 0.25, shape: 0, element: 0.5}}
                  - {name: p1, type: pool, kernel: 2, stride: 2}
                  - {name: f1, type: fc, out: 5, pruning: {element: 0.8}}
                """);
        Path file = dir.resolve("real.yaml");
        Files.writeString(file, "name: realtest\n"
                + "fixed: {accuracy.windows: 4, activation.sparsity: 0.5}\n"
                + "grid:\n  ou.rows: [9, 16]\n"
                + "zip:\n  - {network: [" + net + ", " + twinFile + ", " + profile + ", lenet5-han], data: [m, '', '', '']}\n"
                + "seeds: [1, 2]\n");
        SweepPlan plan = SweepFile.load(file);
        new SweepJob(spark, new PrintWriter(new StringWriter())).run(plan, new SweepJob.Options(
                dir.resolve("results").toString(), file.toString(), SweepFile.asJson(file), "test"));
        source = ReportSource.open(spark, dir.resolve("results").toString(), "realtest");
        List<Part> parts = Report.build(ReportContext.of("realtest", source));
        part = parts.stream().filter(p -> p.title().equals("Real models vs synthetic stand-ins")).findFirst()
                .orElseThrow();
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

    /** The rule of the section, written again: data = real; file stem ending -twin / -profile. */
    static String kind(Map<String, Object> r) {
        String data = (String) r.get("data");
        String stem = stem((String) r.get("network"));
        if (data != null && !data.isEmpty()) {
            return "real";
        }
        return stem.endsWith("-twin") ? "twin" : stem.endsWith("-profile") ? "profile" : null;
    }

    static String stem(String network) {
        String f = Path.of(network).getFileName().toString();
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
    }

    static String model(Map<String, Object> r) {
        return stem((String) r.get("network")).replaceFirst("-(twin|profile)$", "");
    }

    /** Mean over seeds of the per-seed mean of {@code metric}, at OU 9x8, for one model, kind and scheme. */
    static Double mean(List<Map<String, Object>> rows, String model, String kind, String scheme, String metric,
                       String layer) {
        Map<Object, List<Double>> bySeed = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            if (kind.equals(kind(r)) && model.equals(model(r)) && scheme.equals(r.get("scheme"))
                    && ((Number) r.get("ou_rows")).intValue() == 9 && (layer == null || layer.equals(r.get("layer")))) {
                bySeed.computeIfAbsent(r.get("seed"), k -> new ArrayList<>()).add(((Number) r.get(metric)).doubleValue());
            }
        }
        if (bySeed.isEmpty()) {
            return null;
        }
        return bySeed.values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow()).average().orElseThrow();
    }

    @Test
    void speedupsAndTheirSplitAreSeedMeansOfTheRows() {
        Table t = table("Speedup over the dense OU baseline");
        assertThat(t.size()).isEqualTo(5); // one model (lenet5-han has no real rows), five schemes
        for (int r = 0; r < t.size(); r++) {
            assertThat(t.value(r, "model")).isEqualTo("known");
            String scheme = (String) t.value(r, "scheme");
            double real = mean(points, "known", "real", scheme, "speedup", null);
            double twin = mean(points, "known", "twin", scheme, "speedup", null);
            double profile = mean(points, "known", "profile", scheme, "speedup", null);
            assertThat(t.number(r, "real (x)")).as(scheme).isCloseTo(real, within(1e-9));
            assertThat(t.number(r, "twin (x)")).as(scheme).isCloseTo(twin, within(1e-9));
            assertThat(t.number(r, "profile (x)")).as(scheme).isCloseTo(profile, within(1e-9));
            assertThat(t.number(r, "placement and values: real - twin (x)")).isCloseTo(real - twin, within(1e-9));
            assertThat(t.number(r, "sparsity statistics: twin - profile (x)")).isCloseTo(twin - profile, within(1e-9));
            assertThat(t.number(r, "real - profile (x)")).isCloseTo(real - profile, within(1e-9));
        }
    }

    @Test
    void energySavingsArePercentSeedMeans() {
        Table t = table("Energy saving over the dense OU baseline");
        for (int r = 0; r < t.size(); r++) {
            String scheme = (String) t.value(r, "scheme");
            double real = 100 * mean(points, "known", "real", scheme, "energy_saving", null);
            double profile = 100 * mean(points, "known", "profile", scheme, "energy_saving", null);
            assertThat(t.number(r, "real (%)")).isCloseTo(real, within(1e-9));
            assertThat(t.number(r, "real - profile (pp)")).isCloseTo(real - profile, within(1e-9));
        }
    }

    @Test
    void perLayerStatisticsAreTheDenseRowsOfEachKind() {
        Table t = table("Per layer");
        assertThat(t.size()).isEqualTo(2);
        for (int r = 0; r < t.size(); r++) {
            String layer = (String) t.value(r, "layer");
            for (String kind : List.of("real", "twin", "profile")) {
                assertThat(t.number(r, "act density " + kind)).as(layer + " " + kind)
                        .isCloseTo(mean(layers, "known", kind, "dense", "activation_density", layer), within(1e-12));
                assertThat(t.number(r, "one-bit " + kind)).as(layer + " " + kind)
                        .isCloseTo(mean(layers, "known", kind, "dense", "input_one_bit_fraction", layer), within(1e-12));
                assertThat(t.number(r, "weight density " + kind)).as(layer + " " + kind)
                        .isCloseTo(mean(layers, "known", kind, "dense", "weight_density", layer), within(1e-12));
            }
        }
        // the twin realises the real statistics (batch means of the real rows vs pooled fractions: equal here)
        assertThat(t.number(0, "act density twin")).isCloseTo(t.number(0, "act density real"), within(0.005));
        assertThat(t.number(0, "one-bit twin")).isCloseTo(t.number(0, "one-bit real"), within(0.02));
        assertThat(t.number(0, "act density profile")).isEqualTo(1.0); // dense network input
    }

    @Test
    void theFigurePlotsSreSpeedupsPerKind() {
        Block.FigureBlock f = part.blocks().stream().filter(b -> b instanceof Block.FigureBlock)
                .map(b -> (Block.FigureBlock) b).findFirst().orElseThrow();
        assertThat(f.figure().name()).isEqualTo("real-vs-twin-speedup");
        assertThat(f.figure().series()).containsExactly("real", "twin", "profile");
        Table d = f.data();
        for (int r = 0; r < d.size(); r++) {
            assertThat(d.number(r, "speedup")).isCloseTo(mean(points, (String) d.value(r, "model"),
                    (String) d.value(r, "kind"), (String) d.value(r, "scheme"), "speedup", null), within(1e-9));
        }
    }
}
