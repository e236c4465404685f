package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.engine.Scheme;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.sweep.PointLoop;
import org.sresim.sweep.PointOutput;
import org.sresim.sweep.PointWorkloads;
import org.sresim.sweep.ResultColumn;
import org.sresim.sweep.ResultSchema;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ReusedWorkloads;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** The sweep job on a shared local[2] session, asserted in SQL as a user would query it. */
class SweepJobTest {
    static final String SWEEP = """
            name: small
            fixed: {accuracy.windows: 4, accuracy.tiles: 1}
            grid:
              network: [lenet5, mlp-300-100]
              ou.rows: [4, 9]
              adc.bits: [auto, 6]
            zip:
              - {pruning.ratio: [0.0, 0.5], activation.sparsity: [0.0, 0.5]}
            seeds: [1, 2]
            """;
    static final long POINTS = 2 * 2 * 2 * 2 * 2;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static SweepPlan plan;
    static Path file;
    static String console;

    @BeforeAll
    static void runOnce() throws Exception {
        spark = SharedSpark.get();
        file = dir.resolve("small.yaml");
        Files.writeString(file, SWEEP);
        plan = SweepFile.load(file);
        console = run("out", 5, UnitTask.BeforeMarker.NONE);
        ResultViews.register(spark, dir.resolve("out").toString());
    }

    static String run(String out, int taskPoints, UnitTask.BeforeMarker beforeMarker) {
        StringWriter text = new StringWriter();
        new SweepJob(spark, new PrintWriter(text, true), beforeMarker).run(plan, new SweepJob.Options(
                dir.resolve(out).toString(), file.toString(), SweepFile.asJson(file), "test", taskPoints, false,
                Duration.ofSeconds(120)));
        return text.toString();
    }

    /** Fails every attempt of the unit starting at execution position 0 between its moves and its marker. */
    static final UnitTask.BeforeMarker CRASH_AT_0 = unit -> {
        if (unit.start() == 0) {
            throw new IllegalStateException("injected crash between the moves and the marker of " + unit);
        }
    };

    static long count(String sql) {
        return spark.sql(sql).first().getLong(0);
    }

    @Test
    void aFolderCommittedInAnotherExecutionOrderIsRefusedNotMisread() throws Exception {
        // committed ranges are execution positions: a folder from before workload-group order must not resume
        run("old-order", 5, UnitTask.BeforeMarker.NONE);
        Path manifest = dir.resolve("old-order/small/sweep.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        m.remove("execution_order");
        Files.writeString(manifest, m.toString());
        Files.deleteIfExists(manifest.resolveSibling(".sweep.json.crc")); // Hadoop's local checksum of the old text
        assertThatThrownBy(() -> run("old-order", 5, UnitTask.BeforeMarker.NONE))
                .hasMessageContaining("execution order 'grid-index', this engine uses 'workload-groups'")
                .hasMessageContaining("--force-rerun");
    }

    @Test
    void everyGridIndexIsCommittedOnceAndTheGroupsRanAsWholeUnits() {
        assertThat(count("SELECT count(DISTINCT point_index) FROM points")).isEqualTo(POINTS);
        assertThat(count("SELECT min(point_index) FROM points")).isZero();
        assertThat(count("SELECT max(point_index) FROM points")).isEqualTo(POINTS - 1);
        // ou.rows x adc.bits are the hardware axes: 4 variants per workload group
        assertThat(plan.variantsPerGroup()).isEqualTo(4);
    }

    @Test
    void everyPointHasOneRowPerScheme() {
        assertThat(plan.size()).isEqualTo(POINTS);
        assertThat(count("SELECT count(*) FROM points")).isEqualTo(POINTS * Scheme.values().length);
        assertThat(count("SELECT count(DISTINCT point_id) FROM points")).isEqualTo(POINTS);
        assertThat(count("SELECT count(*) FROM (SELECT point_id, scheme FROM points GROUP BY 1, 2 HAVING count(*) > 1)"))
                .isZero();
        // lenet5 has 5 matrix layers, mlp-300-100 has 3: half the points each
        assertThat(count("SELECT count(*) FROM layers")).isEqualTo(POINTS / 2 * (5 + 3) * Scheme.values().length);
        assertThat(console).contains("32/32 points (100.0%)");
    }

    @Test
    void denseIsTheBaselineOfEveryPoint() {
        assertThat(count("SELECT count(*) FROM points WHERE scheme = 'dense' AND (speedup != 1.0 OR energy_saving != 0)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM layers WHERE scheme = 'dense' AND speedup != 1.0")).isZero();
        assertThat(count("SELECT count(*) FROM points p JOIN points d ON p.point_id = d.point_id AND d.scheme = 'dense' "
                + "WHERE p.scheme = 'sre-bit' AND p.ou_ops > d.ou_ops")).isZero();
    }

    @Test
    void axesLandInTypedColumns() {
        List<Row> rows = spark.sql("SELECT ou_rows, count(DISTINCT point_id) FROM points GROUP BY ou_rows ORDER BY ou_rows")
                .collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getInt(0)).isEqualTo(4);
        assertThat(rows.get(0).getLong(1)).isEqualTo(POINTS / 2);
        assertThat(count("SELECT count(*) FROM points WHERE adc_bits = 'auto' AND adc_bits_used = 4 AND ou_rows = 4"))
                .isEqualTo(POINTS / 4 * 6); // every scheme but ideal, whose ADC is 8 bits
        // zip: ratio and sparsity step together, never crossed
        assertThat(count("SELECT count(*) FROM points WHERE pruning_ratio = 0.5 AND activation_sparsity = 0.0")).isZero();
        assertThat(count("SELECT count(DISTINCT config_hash) FROM points")).isEqualTo(POINTS / 2);
    }

    @Test
    void schemaIsTheSameForEverySweep() {
        Dataset<Row> points = spark.table("points");
        assertThat(points.schema().fieldNames()).containsExactlyInAnyOrderElementsOf(
                ResultSchema.POINTS.stream().map(ResultColumn::name).toList());
        assertThat(spark.table("layers").schema().fieldNames()).contains("layer", "layer_index", "ou_rows",
                "pruning_ratio", "latency_model", "energy_adc_pj", "count_adc", "sim_ms");
        assertThat(spark.table("sweeps").first().getAs("complete").equals(true)).isTrue();
    }

    @Test
    void aPointsRowEqualsSimulatingThatPointDirectly() {
        Row row = spark.sql("SELECT point_index, ou_ops, energy_pj, cycles, read_error_rate FROM points "
                + "WHERE scheme = 'sre-bit' ORDER BY point_index LIMIT 1 OFFSET 7").first();
        Config c = plan.point(row.getLong(0));
        SimulationResult r = new Simulator().simulate(c, plan.network(c), WorkloadSource.synthetic(WorkloadSettings.from(c)));
        assertThat(row.getLong(1)).isEqualTo(r.network(Scheme.SRE_BIT).ouOps());
        assertThat(row.getDouble(2)).isEqualTo(r.network(Scheme.SRE_BIT).energyPj());
        assertThat(row.getLong(3)).isEqualTo(r.network(Scheme.SRE_BIT).cycles());
        assertThat(row.getDouble(4)).isEqualTo(r.network(Scheme.SRE_BIT).readErrorRate());
    }

    @Test
    void chunkingAndPartitioningDoNotChangeAnyNumber() {
        run("rechunked", 3, UnitTask.BeforeMarker.NONE);
        Dataset<Row> a = spark.read().parquet(dir.resolve("out/small/layers").toString()).drop("sim_ms");
        Dataset<Row> b = spark.read().parquet(dir.resolve("rechunked/small/layers").toString()).drop("sim_ms");
        assertThat(a.count()).isEqualTo(b.count());
        assertThat(a.exceptAll(b).count()).isZero();
        assertThat(b.exceptAll(a).count()).isZero();
    }

    @Test
    void aCrashBetweenMovesAndMarkerLeavesNoRowVisibleAndResumeCompletesWithoutDuplicates() throws Exception {
        // the task of the unit starting at point 0 moves its files into the tables, then dies before its
        // marker: local[2] does not retry, so the job fails with its files in place and no marker
        assertThatThrownBy(() -> run("crash", 5, CRASH_AT_0))
                .hasMessageContaining("injected crash between the moves and the marker");
        Path root = dir.resolve("crash/small");
        SweepOutput out = new SweepOutput(new org.apache.hadoop.fs.Path(root.toString()), spark.sparkContext()
                .hadoopConfiguration());
        long committedPoints = out.committedRanges().stream().mapToLong(r -> r[1] - r[0]).sum();
        assertThat(committedPoints).isLessThan(POINTS);
        assertThat(out.committedRanges()).noneMatch(r -> r[0] == 0);
        // the orphan files are really there: a plain folder read sees the uncommitted unit's rows...
        long onDisk = spark.read().parquet(root.resolve("points").toString()).count();
        assertThat(onDisk).isGreaterThan(committedPoints * 7);
        // ...but no reader of ours does
        try {
            ResultViews.register(spark, dir.resolve("crash").toString());
            assertThat(count("SELECT count(*) FROM points")).isEqualTo(committedPoints * 7);
            assertThat(count("SELECT count(*) FROM points WHERE point_index = 0")).isZero();
        } finally {
            ResultViews.register(spark, dir.resolve("out").toString());
        }
        List<Row> summary = Summary.bestSre(spark, root.toString(), Set.of()).collectAsList();
        assertThat(summary.stream().mapToLong(r -> r.getLong(1)).sum()).isEqualTo(committedPoints);
        // synthetic workloads are described by their pruning ratio; a profiled network's is not quoted
        assertThat(summary).allSatisfy(r -> assertThat(r.getString(3)).contains(" prune ").contains(" act "));
        Set<String> networks = summary.stream().map(r -> r.getString(0)).collect(java.util.stream.Collectors.toSet());
        assertThat(Summary.bestSre(spark, root.toString(), networks).collectAsList())
                .allSatisfy(r -> assertThat(r.getString(3)).contains("published profile").doesNotContain("prune"));
        assertThat(Files.exists(root.resolve("_lease.json"))).as("lease released after the failure").isFalse();

        String second = run("crash", 5, UnitTask.BeforeMarker.NONE);
        assertThat(second).containsPattern("removed \\d+ uncommitted files of an interrupted run");
        if (committedPoints > 0) { // whether another unit committed before the job aborted depends on timing
            assertThat(second).contains("resuming sweep 'small': " + committedPoints + " of 32 points already committed");
        }
        Dataset<Row> points = spark.read().parquet(root.resolve("points").toString());
        assertThat(points.count()).isEqualTo(POINTS * 7);
        assertThat(points.select("point_id", "scheme").distinct().count()).isEqualTo(POINTS * 7);
        assertThat(points.drop("sim_ms").exceptAll(
                spark.read().parquet(dir.resolve("out/small/points").toString()).drop("sim_ms")).count()).isZero();

        String third = run("crash", 5, UnitTask.BeforeMarker.NONE);
        assertThat(third).contains("already complete").contains("nothing to do");
    }

    @Test
    void aChangedDefinitionIsNotMixedIntoOldResults() throws Exception {
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, SWEEP.replace("ou.rows: [4, 9]", "ou.rows: [4, 16]"));
        SweepPlan other = SweepFile.load(changed);
        StringWriter text = new StringWriter();
        assertThatThrownBy(() -> new SweepJob(spark, new PrintWriter(text)).run(other, new SweepJob.Options(
                dir.resolve("out").toString(), changed.toString(), SweepFile.asJson(changed), "test")))
                .hasMessageContaining("different definition of sweep 'small'");
    }

    @Test
    void reusingAWorkloadAcrossPointsOfATaskChangesNoNumber() {
        List<PointOutput> reused = new java.util.ArrayList<>();
        new PointLoop(plan, new PointWorkloads(FileOpener.LOCAL, ReusedWorkloads.shared())).run(0, plan.size(),
                reused::add);
        int compared = 0;
        for (PointOutput p : reused) {
            long index = (Long) p.points().get(0)[1];
            Config c = plan.point(index);
            SimulationResult fresh = new Simulator().simulate(c, plan.network(c),
                    WorkloadSource.synthetic(WorkloadSettings.from(c)));
            List<Object[]> expected = ResultSchema.layerRows(plan.name(), index, fresh, 0);
            for (int r = 0; r < expected.size(); r++) {
                Object[] a = p.layers().get(r).clone();
                Object[] b = expected.get(r);
                a[a.length - 1] = 0.0; // sim_ms
                assertThat(a).isEqualTo(b);
            }
            compared++;
        }
        assertThat(compared).isEqualTo(POINTS);
    }
}
