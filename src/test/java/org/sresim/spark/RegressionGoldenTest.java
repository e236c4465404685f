package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sresim.engine.Simulator;
import org.sresim.workload.ReusedWorkloads;
import org.sresim.sweep.PointLoop;
import org.sresim.sweep.PointOutput;
import org.sresim.sweep.PointWorkloads;
import org.sresim.sweep.ResultColumn;
import org.sresim.sweep.ResultSchema;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;

/**
 * "No number changed", proved: the rows of two small checked-in sweeps (synthetic workloads across
 * networks, OU shapes, ADC models, latency models, chips, pruning methods and window sampling; and
 * an imported batch) must equal {@code src/test/resources/golden/points.csv} and {@code layers.csv}
 * exactly, every column but {@code sim_ms}, doubles in their shortest round-trip form. Both the
 * sweep's fused path (points grouped by workload, counts shared) and a fresh simulator per point
 * are compared. When a number changes on purpose, regenerate and review the diff:
 * <pre>mvn -B test -Dtest=RegressionGoldenTest -Dgolden.update=true</pre>
 */
class RegressionGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final List<String> SWEEPS = List.of("synthetic.yaml", "imported.yaml");

    @Test
    void everyColumnButTimingEqualsTheGolden() throws IOException {
        Tables fused = new Tables();
        Tables alone = new Tables();
        for (String file : SWEEPS) {
            SweepPlan plan = SweepFile.load(DIR.resolve(file));
            PointLoop loop = new PointLoop(plan, new PointWorkloads(new HadoopFiles(), ReusedWorkloads.shared()));
            loop.run(0, plan.size(), fused::add);
            for (long i = 0; i < plan.size(); i++) {
                alone.add(loop.simulate(i, plan.point(i), new Simulator()));
            }
        }
        String points = csv(ResultSchema.POINTS, fused.points);
        String layers = csv(ResultSchema.LAYERS, fused.layers);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DIR.resolve("points.csv"), points, StandardCharsets.UTF_8);
            Files.writeString(DIR.resolve("layers.csv"), layers, StandardCharsets.UTF_8);
        }
        assertThat(csv(ResultSchema.POINTS, alone.points)).as("one simulator per point").isEqualTo(points);
        assertThat(csv(ResultSchema.LAYERS, alone.layers)).as("one simulator per point").isEqualTo(layers);
        assertLinesEqual(points, DIR.resolve("points.csv"));
        assertLinesEqual(layers, DIR.resolve("layers.csv"));
    }

    @Test
    void goldenCoversEveryScheme() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("points.csv"));
        int scheme = List.of(lines.get(0).split(",")).indexOf("scheme");
        assertThat(lines.stream().skip(1).map(l -> l.split(",", -1)[scheme]).distinct())
                .containsExactlyInAnyOrder("dense", "weight", "act-value", "act-bit", "sre-value", "sre-bit", "ideal");
        assertThat(lines).hasSize(1 + 14 * 7); // twelve synthetic and two imported points, seven schemes each
    }

    /** Line by line, so a failure names the first row and column that differ. */
    private static void assertLinesEqual(String actual, Path golden) throws IOException {
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
        List<String> got = actual.lines().toList();
        String[] header = expected.get(0).split(",", -1);
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            if (!expected.get(i).equals(got.get(i))) {
                String[] e = expected.get(i).split(",", -1);
                String[] g = got.get(i).split(",", -1);
                for (int c = 0; c < Math.min(e.length, g.length); c++) {
                    assertThat(g[c]).as("%s line %d column %s (regenerate with -Dgolden.update=true if intended)",
                            golden.getFileName(), i + 1, c < header.length ? header[c] : "#" + c).isEqualTo(e[c]);
                }
                assertThat(got.get(i)).as("%s line %d", golden.getFileName(), i + 1).isEqualTo(expected.get(i));
            }
        }
        assertThat(got).as(golden.getFileName() + " rows").hasSameSizeAs(expected);
    }

    private static String csv(List<ResultColumn> schema, List<Object[]> rows) {
        int timing = ResultSchema.index(schema, "sim_ms");
        List<Object[]> sorted = new ArrayList<>(rows);
        int sweep = ResultSchema.index(schema, "sweep");
        int index = ResultSchema.index(schema, "point_index");
        int scheme = ResultSchema.index(schema, "scheme");
        int layer = schema.stream().anyMatch(c -> c.name().equals("layer_index"))
                ? ResultSchema.index(schema, "layer_index") : -1;
        sorted.sort(Comparator.comparing((Object[] r) -> (String) r[sweep])
                .thenComparing(r -> (Long) r[index])
                .thenComparing(r -> layer < 0 ? 0 : (Integer) r[layer])
                .thenComparing(r -> (String) r[scheme]));
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            if (c != timing) {
                names.add(schema.get(c).name());
            }
        }
        sb.append(String.join(",", names)).append('\n');
        for (Object[] row : sorted) {
            Object[] r = clonePathFree(schema, row);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < r.length; c++) {
                if (c != timing) {
                    cells.add(cell(r[c]));
                }
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    /**
     * An imported point's data location is absolute (resolved against the sweep file), and so is
     * everything hashed from it: the golden holds the location relative to the golden folder and
     * leaves out the point id and config hash of such rows, so any clone compares equal.
     */
    private static Object[] clonePathFree(List<ResultColumn> schema, Object[] row) {
        Object[] r = row.clone();
        int data = ResultSchema.index(schema, "data");
        if (!"".equals(r[data])) {
            String folder = DIR.toAbsolutePath().normalize() + "/";
            assertThat((String) r[data]).startsWith(folder);
            r[data] = "golden/" + ((String) r[data]).substring(folder.length());
            r[ResultSchema.index(schema, "point_id")] = "(path-dependent)";
            r[ResultSchema.index(schema, "config_hash")] = "(path-dependent)";
        }
        return r;
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static final class Tables {
        final List<Object[]> points = new ArrayList<>();
        final List<Object[]> layers = new ArrayList<>();

        void add(PointOutput p) {
            points.addAll(p.points());
            layers.addAll(p.layers());
        }
    }
}
