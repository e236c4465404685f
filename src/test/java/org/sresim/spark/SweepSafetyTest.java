package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.sweep.Units;

/** One writer per folder, resume refused on changed inputs, and task attempts that never duplicate a row. */
class SweepSafetyTest {
    static final String NETWORK = """
            name: tiny
            input: [1, 8, 8]
            layers:
              - {name: c1, type: conv, out: 4, kernel: 3, padding: 1}
              - {name: f1, type: fc, out: 10}
            """;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path networkFile;
    static Path sweepFile;
    static SweepPlan plan;

    @BeforeAll
    static void setUp() throws Exception {
        spark = SharedSpark.get();
        networkFile = dir.resolve("tiny.yaml");
        Files.writeString(networkFile, NETWORK);
        sweepFile = dir.resolve("s.yaml");
        Files.writeString(sweepFile, """
                name: safe
                fixed: {accuracy.windows: 2, accuracy.tiles: 1}
                grid:
                  network: [lenet5, %s]
                  ou.rows: [4, 9]
                seeds: [1, 2]
                """.formatted(networkFile));
        plan = SweepFile.load(sweepFile);
    }

    static String run(SweepPlan p, String out, boolean forceRerun, String version) {
        StringWriter text = new StringWriter();
        new SweepJob(spark, new PrintWriter(text, true)).run(p, new SweepJob.Options(dir.resolve(out).toString(),
                sweepFile.toString(), SweepFile.asJson(sweepFile), version, 0, forceRerun, Duration.ofSeconds(2)));
        return text.toString();
    }

    static long rows(String out) {
        return spark.read().parquet(dir.resolve(out + "/safe/points").toString()).count();
    }

    @Test
    void aSecondRunIntoAHeldFolderIsRefusedNamingTheHolderAndTheTablesStayIntact() {
        run(plan, "held", false, "v1");
        long before = rows("held");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        SweepOutput out = new SweepOutput(dir.resolve("held").toString(), "safe", conf);
        try (SweepLease other = SweepLease.acquire(out.fs(), out.root, Duration.ofSeconds(60), new PrintWriter(new StringWriter()))) {
            assertThatThrownBy(() -> run(plan, "held", true, "v1")).isInstanceOf(SweepException.class)
                    .hasMessageContaining("is in use by another sweep run (run " + other.runId() + " by ")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        // refused before anything was touched, even with --force-rerun
        assertThat(rows("held")).isEqualTo(before).isEqualTo(plan.size() * 7);
        assertThat(run(plan, "held", false, "v1")).contains("already complete");
    }

    @Test
    void aLeaseLeftEmptyIsWaitedForWhileFreshAndTakenOverOnceOlderThanTheTimeout() throws Exception {
        // a run killed while rewriting its heartbeat leaves an empty _lease.json
        Path root = dir.resolve("empty/safe");
        Files.createDirectories(root);
        Path lease = root.resolve("_lease.json");
        Files.writeString(lease, "");
        SweepOutput out = new SweepOutput(dir.resolve("empty").toString(), "safe", spark.sparkContext().hadoopConfiguration());
        PrintWriter quiet = new PrintWriter(new StringWriter());
        assertThatThrownBy(() -> SweepLease.acquire(out.fs(), out.root, Duration.ofSeconds(60), quiet))
                .isInstanceOf(SweepException.class).hasMessageContaining("could not take the lease");
        Files.setLastModifiedTime(lease, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(120)));
        try (SweepLease mine = SweepLease.acquire(out.fs(), out.root, Duration.ofSeconds(60), quiet)) {
            assertThat(Files.readString(lease)).contains("\"run\":\"" + mine.runId() + "\"");
        }
        assertThat(lease).doesNotExist();
    }

    @Test
    void aClosedLeaseIsNeverWrittenAgainByItsHeartbeat() throws Exception {
        SweepOutput out = new SweepOutput(dir.resolve("beats").toString(), "safe", spark.sparkContext().hadoopConfiguration());
        // a 200 ms timeout beats every 50 ms: many beats race the close
        for (int i = 0; i < 20; i++) {
            SweepLease lease = SweepLease.acquire(out.fs(), out.root, Duration.ofMillis(200), new PrintWriter(new StringWriter()));
            Thread.sleep(i * 7 % 60);
            lease.close();
            Thread.sleep(60);
            assertThat(dir.resolve("beats/safe/_lease.json")).as("round %d", i).doesNotExist();
        }
    }

    @Test
    void aLeaseWithoutHeartbeatIsTakenOverWithAMessage() throws Exception {
        Path root = dir.resolve("stale/safe");
        Files.createDirectories(root);
        Files.writeString(root.resolve("_lease.json"), "{\"owner\":\"ghost\",\"host\":\"gone\",\"pid\":1,\"run\":\"dead0000\","
                + "\"started\":\"2020-01-01T00:00:00Z\",\"heartbeat\":\"" + Instant.now().minusSeconds(60) + "\"}");
        String console = run(plan, "stale", false, "v1");
        assertThat(console).contains("taking over the lease of").contains("run dead0000 by ghost@gone pid 1");
        assertThat(rows("stale")).isEqualTo(plan.size() * 7);
        assertThat(root.resolve("_lease.json")).doesNotExist();
    }

    @Test
    void twoRunsStartedTogetherNeverDuplicateARow() throws Exception {
        String[] outcome = new String[2];
        Thread[] runs = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int me = k;
            runs[k] = new Thread(() -> {
                try {
                    outcome[me] = run(plan, "race", false, "v1");
                } catch (SweepException e) {
                    outcome[me] = "refused: " + e.getMessage();
                }
            });
            runs[k].start();
        }
        for (Thread t : runs) {
            t.join();
        }
        // one run computed everything; the other was refused, or started after the first had finished
        assertThat(outcome).anyMatch(o -> o.contains(plan.size() + "/" + plan.size() + " points"));
        assertThat(outcome).anyMatch(o -> o.startsWith("refused: ") && o.contains("is in use by another sweep run")
                || o.contains("already complete"));
        Dataset<Row> points = spark.read().parquet(dir.resolve("race/safe/points").toString());
        assertThat(points.count()).isEqualTo(plan.size() * 7);
        assertThat(points.select("point_id", "scheme").distinct().count()).isEqualTo(plan.size() * 7);
    }

    @Test
    void resumingAfterEditingANetworkFileIsRefusedUnlessForced() throws Exception {
        run(plan, "edited", false, "v1");
        Files.writeString(networkFile, NETWORK.replace("out: 4", "out: 6"));
        try {
            SweepPlan edited = SweepFile.load(sweepFile);
            assertThatThrownBy(() -> run(edited, "edited", false, "v1")).isInstanceOf(SweepException.class)
                    .hasMessageContaining("network " + networkFile + " changed since the sweep started (sha256 ")
                    .hasMessageContaining("--force-rerun");
            String forced = run(edited, "edited", true, "v1");
            assertThat(forced).contains("--force-rerun: deleted the previous results");
            assertThat(spark.read().parquet(dir.resolve("edited/safe/layers").toString())
                    .where("layer = 'c1' AND scheme = 'dense'").select("network").distinct().count()).isEqualTo(2);
            assertThat(rows("edited")).isEqualTo(plan.size() * 7);
        } finally {
            Files.writeString(networkFile, NETWORK);
        }
    }

    @Test
    void resumingWithAnotherEngineVersionIsRefused() {
        run(plan, "versioned", false, "v1");
        assertThatThrownBy(() -> run(plan, "versioned", false, "v2")).isInstanceOf(SweepException.class)
                .hasMessageContaining("holds results of engine version v1, this is v2");
    }

    @Test
    void aRetryOrASpeculativeAttemptNeverCommitsASecondCopy() throws Exception {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        SweepOutput out = new SweepOutput(dir.resolve("attempts").toString(), "safe", conf);
        Units.Unit unit = new Units.Unit(0, 4, 1);
        // speculation: attempt a is overtaken between its moves and its marker by attempt b, which commits
        boolean[] b = new boolean[1];
        boolean a = UnitTask.run(unit, plan, conf, out.root, "a", null,
                () -> b[0] = UnitTask.run(unit, plan, conf, out.root, "b", null, () -> { }));
        assertThat(b[0]).isTrue();
        assertThat(a).isFalse();
        // a retry after the commit finds the marker and writes nothing
        assertThat(UnitTask.run(unit, plan, conf, out.root, "c", null, () -> { })).isFalse();
        List<String> files = out.committedFiles("points");
        assertThat(files).isNotEmpty().allMatch(f -> f.endsWith("-b.parquet"));
        try (var all = Files.walk(dir.resolve("attempts/safe"))) {
            assertThat(all.filter(p -> p.toString().endsWith(".parquet")).map(Path::toString).toList())
                    .as("the losing attempt deleted its files, the retry wrote none")
                    .allMatch(f -> f.endsWith("-b.parquet"));
        }
        Dataset<Row> points = ResultViews.committed(spark, out, "points");
        assertThat(points.count()).isEqualTo(4 * 7);
        assertThat(points.select("point_id", "scheme").distinct().count()).isEqualTo(4 * 7);
    }
}
