package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.Scheme;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.sweep.Pareto;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** {@code pareto --per-layer} on a small sweep, checked against the sweep's rows and exact simulations. */
class DesignSearchJobTest {
    private static final String SWEEP = """
            name: small-designs
            fixed: {network: lenet5-han, activation.sparsity: 0.5, accuracy.windows: 4, accuracy.tiles: 2}
            grid:
              ou.rows: [4, 9, 16]
              ou.cols: [8, 16]
              adc.bits: [auto, 4]
            seeds: [1, 2]
            """;
    private static final String WHERE = "adc_clip_rate = 0";
    private static final List<Pareto.Objective> OBJECTIVES = List.of(Pareto.Objective.min("latency_ns"),
            Pareto.Objective.min("energy_pj"), Pareto.Objective.min("area_mm2"));

    @TempDir
    static Path dir;
    static SparkSession spark;
    static List<Row> designs;
    static DesignSearchJob.Outcome outcome;

    @BeforeAll
    static void searchOnce() throws Exception {
        spark = SharedSpark.get();
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, SWEEP);
        SweepPlan plan = SweepFile.load(file);
        PrintWriter console = new PrintWriter(new StringWriter(), true);
        new SweepJob(spark, console).run(plan, new SweepJob.Options(dir.resolve("out").toString(), file.toString(),
                SweepFile.asJson(file), "test", 0, false, Duration.ofSeconds(120)));
        outcome = new DesignSearchJob(spark, console, "test").run(dir.resolve("out").toString(), "small-designs",
                new DesignSearchJob.Request("sre-bit", WHERE, OBJECTIVES));
        ResultViews.register(spark, dir.resolve("out").toString());
        designs = spark.sql("SELECT * FROM designs ORDER BY design").collectAsList();
    }

    private static double d(Row r, String c) {
        return r.getDouble(r.fieldIndex(c));
    }

    @Test
    void uniformDesignsAreTheSweepsOwnPointsAveragedOverSeeds() {
        List<Row> uniform = designs.stream().filter(r -> r.getString(r.fieldIndex("kind")).equals("uniform")).toList();
        // every setting whose every layer meets the condition on both seeds
        long feasible = spark.sql("SELECT count(*) FROM (SELECT config_hash FROM layers WHERE sweep = 'small-designs' "
                + "AND scheme = 'sre-bit' GROUP BY config_hash HAVING min(CASE WHEN " + WHERE + " THEN 1 ELSE 0 END) = 1)")
                .first().getLong(0);
        assertThat(uniform).hasSize((int) feasible).isNotEmpty();
        for (Row u : uniform) {
            Row expected = spark.sql("SELECT avg(latency_ns), avg(energy_pj), count(*) FROM points WHERE sweep = "
                    + "'small-designs' AND scheme = 'sre-bit' AND config_hash = '" + u.getString(u.fieldIndex("config_hash"))
                    + "'").first();
            assertThat(d(u, "latency_ns")).isCloseTo(expected.getDouble(0), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(d(u, "energy_pj")).isCloseTo(expected.getDouble(1),
                    org.assertj.core.api.Assertions.within(1e-6 * expected.getDouble(1)));
            assertThat(u.getInt(u.fieldIndex("seeds"))).isEqualTo(2);
        }
    }

    @Test
    void aPerLayerDesignEqualsSimulatingItsNetworkFile() {
        List<Row> perLayer = designs.stream().filter(r -> r.getString(r.fieldIndex("kind")).equals("per-layer")).toList();
        assertThat(perLayer).as("the search traced per-layer designs").isNotEmpty();
        Row design = perLayer.get(0);
        Network net = Networks.load(Path.of(design.getString(design.fieldIndex("design_file"))));
        assertThat(net.matrixLayers()).allSatisfy(l -> assertThat(l.hardware()).isNotNull());
        double latency = 0;
        double energy = 0;
        for (long seed : List.of(1L, 2L)) {
            Config c = ConfigLoader.defaults().with(Map.of("network", design.getString(design.fieldIndex("design_file")),
                    "activation.sparsity", 0.5, "accuracy.windows", 4, "accuracy.tiles", 2, "seed", seed), "test");
            SimulationResult r = new Simulator().simulate(c, net, WorkloadSource.synthetic(WorkloadSettings.from(c)));
            latency += r.network(Scheme.SRE_BIT).latencyNs();
            energy += r.network(Scheme.SRE_BIT).energyPj();
        }
        assertThat(d(design, "latency_ns")).isEqualTo(latency / 2);
        assertThat(d(design, "energy_pj")).isEqualTo(energy / 2);
    }

    @Test
    void theFrontIsExactlyTheNonDominatedDesignsThatMeetTheCondition() {
        List<Row> eligible = designs.stream().filter(r -> r.getBoolean(r.fieldIndex("meets_constraint"))).toList();
        for (Row a : designs) {
            boolean dominated = false;
            for (Row b : eligible) {
                boolean noWorse = d(b, "latency_ns") <= d(a, "latency_ns") && d(b, "energy_pj") <= d(a, "energy_pj")
                        && d(b, "area_mm2") <= d(a, "area_mm2");
                boolean better = d(b, "latency_ns") < d(a, "latency_ns") || d(b, "energy_pj") < d(a, "energy_pj")
                        || d(b, "area_mm2") < d(a, "area_mm2");
                dominated |= noWorse && better;
            }
            boolean expected = a.getBoolean(a.fieldIndex("meets_constraint")) && !dominated;
            assertThat(a.getBoolean(a.fieldIndex("on_front"))).as(a.getString(a.fieldIndex("design"))).isEqualTo(expected);
        }
        assertThat(designs.stream().filter(r -> r.getBoolean(r.fieldIndex("knee")))).hasSize(1)
                .allSatisfy(r -> assertThat(r.getBoolean(r.fieldIndex("on_front"))).isTrue());
    }

    @Test
    void theBestPerLayerDesignIsNeverWorseThanTheBestUniformOne() {
        for (String objective : List.of("latency_ns", "energy_pj", "area_mm2")) {
            double all = designs.stream().filter(r -> r.getBoolean(r.fieldIndex("meets_constraint")))
                    .mapToDouble(r -> d(r, objective)).min().orElseThrow();
            double uniform = designs.stream().filter(r -> r.getString(r.fieldIndex("kind")).equals("uniform"))
                    .mapToDouble(r -> d(r, objective)).min().orElseThrow();
            assertThat(all).isLessThanOrEqualTo(uniform);
        }
        // every uniform design is matched or beaten by a front design in every objective
        List<Row> front = new ArrayList<>(designs.stream().filter(r -> r.getBoolean(r.fieldIndex("on_front"))).toList());
        for (Row u : designs.stream().filter(r -> r.getString(r.fieldIndex("kind")).equals("uniform")).toList()) {
            assertThat(front).anySatisfy(f -> {
                assertThat(d(f, "latency_ns")).isLessThanOrEqualTo(d(u, "latency_ns"));
                assertThat(d(f, "energy_pj")).isLessThanOrEqualTo(d(u, "energy_pj"));
                assertThat(d(f, "area_mm2")).isLessThanOrEqualTo(d(u, "area_mm2"));
            });
        }
    }

    @Test
    void layersOfTheExactSweepShowEachLayersOwnSettings() {
        Row design = designs.stream().filter(r -> r.getString(r.fieldIndex("kind")).equals("per-layer")).findFirst()
                .orElseThrow();
        String choices = design.getString(design.fieldIndex("choices"));
        List<Row> layers = spark.sql("SELECT layer, ou_rows, ou_cols, adc_bits, adc_bits_used FROM ("
                + "SELECT layer, layer_index, ou_rows, ou_cols, adc_bits, adc_bits AS adc_bits_used FROM layers WHERE sweep = "
                + "'small-designs-designs' AND scheme = 'sre-bit' AND seed = 1 AND network = '"
                + design.getString(design.fieldIndex("design_file")) + "') ORDER BY layer_index").collectAsList();
        assertThat(layers).hasSize(4);
        for (Row l : layers) {
            String label = l.getString(0) + "=" + l.getInt(1) + "x" + l.getInt(2) + "/";
            assertThat(choices).contains(label);
        }
    }

    @Test
    void theReportsGainTableIsTheDesignsRowsAggregated() {
        ReportSource source = ReportSource.open(spark, dir.resolve("out").toString(), "small-designs");
        try {
            org.sresim.report.ReportContext ctx = org.sresim.report.ReportContext.of("small-designs", source);
            List<org.sresim.report.Part> parts = new org.sresim.report.DesignSpaceSection().build(ctx);
            assertThat(parts).hasSize(1);
            org.sresim.report.Table gains = org.sresim.report.DesignSpaceSection.gains(ctx, "'small-designs'");
            double uniformEdp = Double.MAX_VALUE;
            double bestEdp = Double.MAX_VALUE;
            double uniformEnergy = Double.MAX_VALUE;
            for (Row r : designs) {
                if (!r.getBoolean(r.fieldIndex("meets_constraint"))) {
                    continue;
                }
                double edp = d(r, "energy_pj") / 1e6 * d(r, "latency_ns") / 1000;
                bestEdp = Math.min(bestEdp, edp);
                if (r.getString(r.fieldIndex("kind")).equals("uniform")) {
                    uniformEdp = Math.min(uniformEdp, edp);
                    uniformEnergy = Math.min(uniformEnergy, d(r, "energy_pj") / 1e6);
                }
            }
            assertThat(gains.size()).isEqualTo(1);
            assertThat(gains.number(0, "uniform_best_edp_uj_us")).isCloseTo(uniformEdp,
                    org.assertj.core.api.Assertions.within(1e-9 * uniformEdp));
            assertThat(gains.number(0, "best_edp_uj_us")).isCloseTo(bestEdp, org.assertj.core.api.Assertions.within(1e-9 * bestEdp));
            assertThat(gains.number(0, "edp_gain_pct")).isCloseTo(100 * (1 - bestEdp / uniformEdp),
                    org.assertj.core.api.Assertions.within(1e-6));
            assertThat(gains.number(0, "uniform_min_energy_uj")).isCloseTo(uniformEnergy,
                    org.assertj.core.api.Assertions.within(1e-9 * uniformEnergy));
            org.sresim.report.Table knee = org.sresim.report.DesignSpaceSection.knee(ctx, "'small-designs'");
            assertThat(knee.size()).isEqualTo(4); // one row per layer of lenet5
            assertThat(knee.value(0, "layer")).isEqualTo("conv1");
        } finally {
            source.close();
        }
    }

    @Test
    void theTableHoldsNoInfinityOrNaN() {
        assertThat(spark.sql("SELECT count(*) FROM designs WHERE isnan(latency_ns) OR isnan(energy_pj)"
                + " OR isnan(area_mm2) OR isnan(speedup) OR isnan(energy_saving) OR isnan(read_error_rate)"
                + " OR isnan(adc_clip_rate) OR isnan(lambda) OR abs(latency_ns) = double('inf')"
                + " OR abs(energy_pj) = double('inf') OR abs(lambda) = double('inf')").first().getLong(0)).isZero();
    }

    @Test
    void aSearchRefusesWhileAnotherRunHoldsTheSweepFolder() throws Exception {
        PrintWriter console = new PrintWriter(new StringWriter(), true);
        SweepOutput out = new SweepOutput(new org.apache.hadoop.fs.Path(dir.resolve("out/small-designs").toString()),
                spark.sparkContext().hadoopConfiguration());
        long before = spark.sql("SELECT count(*) FROM designs").first().getLong(0);
        try (SweepLease held = SweepLease.acquire(out.fs(), out.root, Duration.ofSeconds(120), console)) {
            assertThatThrownBy(() -> new DesignSearchJob(spark, console, "test").run(dir.resolve("out").toString(),
                    "small-designs", new DesignSearchJob.Request("sre-bit", WHERE, OBJECTIVES)))
                    .isInstanceOf(SweepException.class);
        }
        ResultViews.register(spark, dir.resolve("out").toString());
        assertThat(spark.sql("SELECT count(*) FROM designs").first().getLong(0)).isEqualTo(before);
    }

    @Test
    void anUnknownColumnInTheConditionIsAOneLineError() {
        PrintWriter console = new PrintWriter(new StringWriter(), true);
        assertThatThrownBy(() -> new DesignSearchJob(spark, console, "test").run(dir.resolve("out").toString(),
                "small-designs", new DesignSearchJob.Request("sre-bit", "read_eror_rate < 1", OBJECTIVES)))
                .isInstanceOf(SweepException.class).hasMessageStartingWith("--where 'read_eror_rate < 1': ")
                .hasMessageNotContaining("\n");
    }
}
