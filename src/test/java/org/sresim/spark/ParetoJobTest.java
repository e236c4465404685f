package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.sweep.Pareto;
import org.sresim.sweep.ParetoTable;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;

/**
 * The pareto job on a small real sweep (three seeds, so a mean's summation order matters) and on
 * synthetic rows, checked in SQL against a front computed here from {@code points} by the
 * definition: seeds averaged in seed order, then all pairs compared.
 */
class ParetoJobTest {
    static final String SWEEP = """
            name: front
            fixed: {pruning.ratio: 0.5, activation.sparsity: 0.5, accuracy.windows: 4, accuracy.tiles: 1}
            grid:
              network: [lenet5, mlp-300-100]
              ou.rows: [4, 9, 16]
              adc.bits: [auto, 4, 6]
            seeds: [1, 2, 3]
            """;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static String results;

    @BeforeAll
    static void sweep() throws Exception {
        spark = SharedSpark.get();
        Path file = dir.resolve("front.yaml");
        Files.writeString(file, SWEEP);
        SweepPlan plan = SweepFile.load(file);
        results = dir.resolve("results").toString();
        new SweepJob(spark, new PrintWriter(new StringWriter())).run(plan, new SweepJob.Options(results,
                file.toString(), SweepFile.asJson(file), "test"));
    }

    static ParetoJob.Outcome pareto(String dir, String sweep, ParetoTable.Request r) {
        return new ParetoJob(spark, new PrintWriter(new StringWriter())).run(dir, sweep, r);
    }

    static List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String f : r.schema().fieldNames()) {
                m.put(f, r.getAs(f));
            }
            out.add(m);
        }
        return out;
    }

    /** An averaged design as the definition has it. */
    record Design(List<Object> group, String key, double[] values, int seeds) {
    }

    /**
     * The expected front, from the points rows {@code where} selects (NULL objectives left out):
     * per design the values summed in seed order over the seeds, then per group every design no
     * other design dominates (all pairs). Keyed by "config_hash/scheme".
     */
    static Map<String, Design> expected(String sweep, ParetoTable.Request r) {
        ResultViews.register(spark, dirOf(sweep));
        String where = r.where().isEmpty() ? "" : " AND (" + r.where() + ")";
        StringBuilder notNull = new StringBuilder();
        for (Pareto.Objective o : r.objectives()) {
            notNull.append(" AND ").append(o.column()).append(" IS NOT NULL");
        }
        List<Map<String, Object>> points = rows("SELECT * FROM points WHERE sweep = '" + sweep + "'" + where + notNull
                + " ORDER BY seed, point_index");
        Map<String, List<Map<String, Object>>> byDesign = new TreeMap<>();
        for (Map<String, Object> p : points) {
            byDesign.computeIfAbsent(p.get("config_hash") + "/" + p.get("scheme"), k -> new ArrayList<>()).add(p);
        }
        Map<List<Object>, List<Design>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, Object>>> e : byDesign.entrySet()) {
            int d = r.objectives().size();
            double[] sum = new double[d];
            for (Map<String, Object> p : e.getValue()) {
                for (int i = 0; i < d; i++) {
                    sum[i] += ((Number) p.get(r.objectives().get(i).column())).doubleValue();
                }
            }
            for (int i = 0; i < d; i++) {
                sum[i] /= e.getValue().size();
            }
            List<Object> group = r.by().stream().map(c -> e.getValue().get(0).get(c)).toList();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new Design(group, e.getKey(), sum, e.getValue().size()));
        }
        Map<String, Design> front = new TreeMap<>();
        for (List<Design> g : groups.values()) {
            for (Design a : g) {
                boolean dominated = false;
                for (Design b : g) {
                    boolean noWorse = true;
                    boolean better = false;
                    for (int i = 0; i < a.values().length; i++) {
                        boolean max = r.objectives().get(i).maximize();
                        double x = b.values()[i];
                        double y = a.values()[i];
                        noWorse &= max ? x >= y : x <= y;
                        better |= max ? x > y : x < y;
                    }
                    dominated |= noWorse && better;
                }
                if (!dominated) {
                    front.put(a.key(), a);
                }
            }
        }
        return front;
    }

    static String dirOf(String sweep) {
        return sweep.equals("front") ? results : dir.resolve("synthetic").toString();
    }

    /** The pareto view's rows of a sweep, keyed like {@link #expected}. */
    static Map<String, Map<String, Object>> actual(String sweep) {
        ResultViews.register(spark, dirOf(sweep));
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> r : rows("SELECT * FROM pareto WHERE sweep = '" + sweep + "'")) {
            assertThat(out.put(r.get("config_hash") + "/" + r.get("scheme"), r)).as("one row per design").isNull();
        }
        return out;
    }

    static void assertFrontAsDefined(String sweep, ParetoTable.Request r) {
        Map<String, Design> expected = expected(sweep, r);
        Map<String, Map<String, Object>> actual = actual(sweep);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, Design> e : expected.entrySet()) {
            Map<String, Object> row = actual.get(e.getKey());
            for (int i = 0; i < r.objectives().size(); i++) {
                // exactly: the job sums seeds in seed order, as the definition here does
                assertThat(((Number) row.get(r.objectives().get(i).column())).doubleValue())
                        .as("%s %s", e.getKey(), r.objectives().get(i).column()).isEqualTo(e.getValue().values()[i]);
            }
            assertThat(row.get("seeds")).isEqualTo(e.getValue().seeds());
            assertThat(row.get("objectives")).isEqualTo(Pareto.label(r.objectives()));
            assertThat(row.get("constraint")).isEqualTo(r.where());
            assertThat(row.get("group_by")).isEqualTo(r.groupLabel());
        }
    }

    @Test
    void defaultFrontIsTheNonDominatedSeedAverages() {
        ParetoTable.Request r = ParetoTable.Request.of(null, null, null, null);
        ParetoJob.Outcome o = pareto(results, "front", r);
        assertFrontAsDefined("front", r);
        assertThat(o.rows()).isEqualTo(2 * 3 * 3 * 3 * 7); // points x schemes
        assertThat(o.designs()).isEqualTo(2 * 3 * 3 * 7);
        assertThat(o.groups()).hasSize(2 * 7);
        assertThat(o.groups()).allSatisfy(g -> assertThat(g.candidates()).isEqualTo(9));
        assertThat(rows("SELECT DISTINCT seeds, candidates FROM pareto")).containsExactly(Map.of("seeds", 3, "candidates", 9L));
        // the config columns of points are there, one value per design, as in points
        assertThat(rows("SELECT count(*) AS n FROM pareto p JOIN (SELECT DISTINCT config_hash, scheme, ou_rows, "
                + "ou_cols, adc_bits, network, data FROM points) q USING (config_hash, scheme, ou_rows, ou_cols, "
                + "adc_bits, network, data)")).containsExactly(Map.of("n", o.frontRows()));
    }

    @Test
    void whereMaximiseAndByAreApplied() {
        ParetoTable.Request r = ParetoTable.Request.of(List.of("energy_pj"), List.of("speedup"), List.of("network"),
                "adc_bits <> '4' AND scheme <> 'dense'");
        ParetoJob.Outcome o = pareto(results, "front", r);
        assertFrontAsDefined("front", r);
        assertThat(o.selected()).isEqualTo(2 * 3 * 2 * 3 * 6);
        assertThat(o.groups()).extracting(ParetoJob.Group::key).containsExactly(List.of("lenet5"), List.of("mlp-300-100"));
        assertThat(rows("SELECT count(*) AS n FROM pareto WHERE adc_bits = '4' OR scheme = 'dense'"))
                .containsExactly(Map.of("n", 0L));
    }

    @Test
    void aSecondRunReplacesTheTable() throws Exception {
        ParetoTable.Request first = ParetoTable.Request.of(List.of("latency_ns"), null, null, null);
        ParetoTable.Request second = ParetoTable.Request.of(List.of("area_mm2", "energy_pj"), null, null, "ou_rows > 4");
        long v1 = pareto(results, "front", first).version();
        long v2 = pareto(results, "front", second).version();
        assertThat(v2).isGreaterThan(v1);
        assertFrontAsDefined("front", second);
        assertThat(rows("SELECT DISTINCT objectives, constraint FROM pareto"))
                .containsExactly(Map.of("objectives", "min area_mm2, min energy_pj", "constraint", "ou_rows > 4"));
        Path sweep = Path.of(results, "front");
        try (Stream<Path> versions = Files.list(sweep.resolve("pareto"));
             Stream<Path> markers = Files.list(sweep.resolve("_tables/pareto"))) {
            assertThat(versions.map(p -> p.getFileName().toString()).toList()).singleElement()
                    .satisfies(n -> assertThat(n).startsWith("v" + v2 + "-"));
            assertThat(markers.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))).containsExactly("v" + v2 + ".json");
        }
        assertThat(sweep.resolve("_staging")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void theTableDoesNotDependOnPartitioning() {
        ParetoTable.Request r = ParetoTable.Request.of(null, List.of("speedup"), List.of("scheme"), null);
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        List<Row> one;
        List<Row> many;
        try {
            spark.conf().set("spark.sql.shuffle.partitions", "1");
            pareto(results, "front", r);
            one = tableInFileOrder();
            spark.conf().set("spark.sql.shuffle.partitions", "7");
            pareto(results, "front", r);
            many = tableInFileOrder();
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", before);
        }
        assertThat(keys(many)).isEqualTo(keys(one));
        assertThat(many).isEqualTo(one);
        // and the order is group, objectives (speedup maximised: descending), config hash
        List<Row> sorted = new ArrayList<>(one);
        sorted.sort(Comparator.comparing((Row x) -> x.<String>getAs("scheme"))
                .thenComparing(x -> -x.<Double>getAs("speedup")).thenComparing(x -> x.<String>getAs("config_hash")));
        assertThat(keys(one)).isEqualTo(keys(sorted));
    }

    static List<String> keys(List<Row> rows) {
        return rows.stream().map(r -> r.getAs("scheme") + "/" + r.getAs("speedup") + "/" + r.getAs("config_hash")
                + "/" + r.getAs("objectives")).toList();
    }

    static List<Row> tableInFileOrder() {
        return ParetoJob.committed(spark, Path.of(results, "front").toString()).collectAsList();
    }

    @Test
    void badRequestsFailInOneLineAndLeaveTheTableAsItWas() {
        ParetoTable.Request ok = ParetoTable.Request.of(null, null, null, null);
        long version = pareto(results, "front", ok).version();
        assertThatThrownBy(() -> pareto(results, "front", ParetoTable.Request.of(null, null, null, "ou_rowz > 4")))
                .isInstanceOf(SweepException.class).hasMessageContaining("--where 'ou_rowz > 4'")
                .hasMessageContaining("ou_rowz").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> pareto(results, "front", ParetoTable.Request.of(null, null, null, "ou_rows >")))
                .isInstanceOf(SweepException.class).hasMessageContaining("--where 'ou_rows >'");
        assertThatThrownBy(() -> pareto(results, "front", ParetoTable.Request.of(null, null, null, "ou_rows > 100")))
                .isInstanceOf(SweepException.class).hasMessageContaining("selects none of the 378 rows");
        assertThatThrownBy(() -> pareto(results, "front", ParetoTable.Request.of(null, null, null, "adc_bits + 1 > 4")))
                .isInstanceOf(SweepException.class).hasMessageContaining("CAST_INVALID_INPUT");
        assertThatThrownBy(() -> pareto(results, "nope", ok))
                .isInstanceOf(SweepException.class).hasMessageContaining("--sweep nope: no such sweep").hasMessageContaining("front");
        assertThat(new DerivedTable(new SweepOutput(new org.apache.hadoop.fs.Path(results, "front"),
                spark.sparkContext().hadoopConfiguration()), "pareto").committedMarker().path("version").asLong())
                .isEqualTo(version);
        assertThat(Path.of(results, "front", "_lease.json")).doesNotExist();
    }

    @Test
    void nullObjectivesAreLeftOutAndCounted() {
        String synthetic = dir.resolve("synthetic").toString();
        SyntheticPoints.write(synthetic, "synth", 3000, 2, 7, 0.05, spark.sparkContext().hadoopConfiguration());
        ResultViews.register(spark, synthetic);
        long nulls = (Long) rows("SELECT count(*) AS n FROM points WHERE latency_ns IS NULL").get(0).get("n");
        assertThat(nulls).isPositive();
        ParetoTable.Request r = ParetoTable.Request.of(null, null, null, "adc_clip_rate = 0");
        ParetoJob.Outcome o = pareto(synthetic, "synth", r);
        long selectedNulls = (Long) rows("SELECT count(*) AS n FROM points WHERE latency_ns IS NULL AND adc_clip_rate = 0")
                .get(0).get("n");
        assertThat(o.nullObjectives()).isEqualTo(selectedNulls);
        assertFrontAsDefined("synth", r);
        // a design with one seed's latency NULL is the other seed's alone
        assertThat(rows("SELECT DISTINCT seeds FROM pareto ORDER BY seeds")).extracting(m -> m.get("seeds"))
                .isSubsetOf(1, 2);
    }

    @Test
    void forceRerunDeletesTheFrontWithItsPoints() {
        String synthetic = dir.resolve("cleared").toString();
        String root = SyntheticPoints.write(synthetic, "gone", 300, 1, 3, 0, spark.sparkContext().hadoopConfiguration());
        pareto(synthetic, "gone", ParetoTable.Request.of(null, null, null, null));
        assertThat(Path.of(root, "pareto")).isDirectory();
        new SweepOutput(new org.apache.hadoop.fs.Path(root), spark.sparkContext().hadoopConfiguration()).clear();
        assertThat(Path.of(root, "pareto")).doesNotExist();
        assertThat(Path.of(root, "_tables")).doesNotExist();
        assertThat(Path.of(root, "points")).doesNotExist();
    }
}
