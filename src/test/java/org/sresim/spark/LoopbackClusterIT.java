package org.sresim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The quickstart sweep on a real Spark standalone cluster on 127.0.0.1 (.ci/loopback-cluster.sh:
 * one master, two 1-core workers), run through submit.sh exactly as a user would, compared row
 * for row with the same sweep in local mode; then again with one executor killed (SIGKILL) while
 * the sweep runs, which must still finish with exactly the same rows and no duplicates.
 *
 * <p>Runs under maven-failsafe after {@code package} (needs target/sre-cluster.jar and target/lib).
 * Every process writes its output to a log file in the work directory (the tail is shown when it
 * fails); the directory is deleted when every test passed and kept (path printed) otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopbackClusterIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String SWEEP_FILE = "sweeps/quickstart.yaml";
    static final String SWEEP_NAME = "quickstart";
    static final long GRID_POINTS = 216;
    static final long SCHEMES = 7;
    static final int KILL_CHUNK_POINTS = 24;

    static final Duration CLUSTER_START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration CLUSTER_STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(8);
    static final Duration KILL_WINDOW_TIMEOUT = Duration.ofMinutes(5);
    static final Pattern MARKER = Pattern.compile("r(\\d+)-(\\d+)\\.json");
    static final Pattern EXECUTOR_LOST = Pattern.compile("Lost (an )?executor", Pattern.CASE_INSENSITIVE);

    static Path dir;
    static String masterUrl;
    static SparkSession spark;
    static Thread shutdownHook;
    static final AtomicBoolean clusterStopped = new AtomicBoolean(true);
    static volatile boolean shuttingDown;
    static final List<Process> started = new CopyOnWriteArrayList<>();
    static final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    static final AtomicInteger passed = new AtomicInteger();
    static final int TESTS = 3;

    @BeforeAll
    static void startClusterAndRunLocalSweep() throws Exception {
        Files.createDirectories(PROJECT.resolve("target"));
        dir = Files.createTempDirectory(PROJECT.resolve("target"), "loopback-it-").toAbsolutePath();
        System.out.println("[LoopbackClusterIT] work dir " + dir);
        assertTrue(Files.isRegularFile(PROJECT.resolve("target/sre-cluster.jar"))
                && Files.isDirectory(PROJECT.resolve("target/lib")),
                "target/sre-cluster.jar and target/lib are missing: run as an IT after `package` (mvn verify)");

        // Registered before the cluster starts, so even a half-started cluster is cleaned up.
        clusterStopped.set(false);
        shutdownHook = new Thread(() -> cleanUp("shutdown hook"), "loopback-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        long t = System.nanoTime();
        Run start = run("cluster-start", CLUSTER_START_TIMEOUT, "bash", ".ci/loopback-cluster.sh", "start",
                clusterDir().toString());
        if (start.exit != 0) {
            fail("loopback cluster did not start (exit " + start.exit + ")\n" + start.tail() + clusterLogs());
        }
        masterUrl = Files.readString(clusterDir().resolve("master-url")).trim();
        assertTrue(masterUrl.startsWith("spark://127.0.0.1:"), () -> "unexpected master URL '" + masterUrl + "'");
        phase("start cluster", t);
        System.out.println("[LoopbackClusterIT] master " + masterUrl);

        t = System.nanoTime();
        Run local = run("sweep-local", SWEEP_TIMEOUT, submit(null, "local"));
        assertSucceeded(local);
        phase("local sweep (local[*])", t);
        // submit.sh records its class-data archive on its first run (a fresh clone: this one) and
        // every later run here, on the cluster too, starts its driver from it
        Path cds = PROJECT.resolve("target/sre-cds.jsa");
        assertTrue(Files.isRegularFile(cds) && Files.size(cds) > 0
                && Files.isRegularFile(PROJECT.resolve("target/sre-cds.jsa.stamp")),
                () -> "submit.sh recorded no class-data archive at " + cds + "\n" + local.tail());
    }

    @AfterAll
    static void stopCluster() {
        cleanUp("@AfterAll");
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // JVM already shutting down: the hook runs anyway, and finds nothing left to do
            }
        }
        System.out.println("[LoopbackClusterIT] phase times:");
        phaseSeconds.forEach((k, v) -> System.out.printf("[LoopbackClusterIT]   %-44s %7.1f s%n", k, v));
        System.out.printf("[LoopbackClusterIT]   %-44s %7.1f s%n", "total",
                phaseSeconds.values().stream().mapToDouble(Double::doubleValue).sum());
        if (dir != null) {
            if (passed.get() == TESTS) {
                deleteTree(dir);
            } else {
                System.out.println("[LoopbackClusterIT] kept work dir (logs, tables): " + dir);
            }
        }
    }

    @Test
    @Order(1)
    void clusterSweepEqualsLocalSweep() {
        long t = System.nanoTime();
        Run cluster = run("sweep-cluster", SWEEP_TIMEOUT, submit(masterUrl, "cluster"));
        assertSucceeded(cluster);
        phase("cluster sweep", t);

        t = System.nanoTime();
        checkTable(sweepRoot("local"), "local");
        assertSameTables("cluster", sweepRoot("cluster"));
        phase("compare cluster with local", t);
        passed.incrementAndGet();
    }

    @Test
    @Order(2)
    void sweepSurvivesAnExecutorKilledMidRun() throws Exception {
        long t = System.nanoTime();
        String[] cmd = submit(masterUrl, "killed", "--task-points", String.valueOf(KILL_CHUNK_POINTS));
        Path log = dir.resolve("sweep-killed.log");
        Process sweep = spawn(cmd, log);
        Path chunks = sweepRoot("killed").resolve("_chunks");

        // Wait until a chunk is committed (the job is well under way) and executors are up.
        long deadline = System.nanoTime() + KILL_WINDOW_TIMEOUT.toNanos();
        ProcessHandle victim = null;
        int markersAtKill = -1;
        while (victim == null) {
            if (!sweep.isAlive()) {
                fail("the sweep finished (exit " + sweep.exitValue() + ") before an executor could be killed; "
                        + markers(chunks).size() + " chunk(s) committed. Nothing was tested: make the sweep longer "
                        + "or the chunks smaller.\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                destroyTree(sweep);
                fail("no committed chunk in " + chunks + " together with a running executor within "
                        + KILL_WINDOW_TIMEOUT.toSeconds() + " s (markers: " + markers(chunks) + ", executors: "
                        + executorPids() + ")\n" + tail(log) + clusterLogs());
            }
            List<Long> executors = markers(chunks).isEmpty() ? List.of() : executorPids();
            if (!executors.isEmpty()) {
                long pid = executors.get(0);
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                markersAtKill = markers(chunks).size();
                boolean sweepRunning = sweep.isAlive();
                String what = h.flatMap(p -> p.info().arguments()).map(a -> String.join(" ", a))
                        .map(a -> a.replaceAll(".*(CoarseGrainedExecutorBackend.*)", "$1")).orElse("?");
                if (h.isPresent() && sweepRunning && command("kill", "-9", String.valueOf(pid)) == 0) {
                    victim = h.get();
                    System.out.printf("[LoopbackClusterIT] kill -9 %d (%s) with %d chunk(s) committed, "
                            + "%.1f s after submit%n", pid, what, markersAtKill, (System.nanoTime() - t) / 1e9);
                    break;
                }
                if (!sweepRunning) {
                    continue; // reported at the top of the loop
                }
                // the executor exited between listing and kill: look again
            }
            Thread.sleep(500);
        }
        phase("killed sweep: submit until executor kill", t);
        // at least this many units: --task-points caps a unit's size (the planner may cut smaller ones)
        int chunksTotal = (int) ((GRID_POINTS + KILL_CHUNK_POINTS - 1) / KILL_CHUNK_POINTS);
        assertTrue(markersAtKill < chunksTotal,
                "executor killed only after all " + chunksTotal + " chunks were committed: nothing was tested");

        long t2 = System.nanoTime();
        Run killed = await(new Run("sweep-killed", sweep, log), SWEEP_TIMEOUT);
        assertSucceeded(killed);
        phase("killed sweep: kill until exit", t2);
        long victimPid = victim.pid();
        assertTrue(!running(victim), () -> "executor " + victimPid + " is still alive after kill -9");
        String driverLog = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(EXECUTOR_LOST.matcher(driverLog).find(),
                () -> "the driver never reported a lost executor: the killed JVM (pid " + victimPid
                        + ") was not one of this application's executors?\n" + killed.tail());

        t = System.nanoTime();
        // --task-points was honoured and every point committed exactly once (the killed executor's
        // tasks were retried elsewhere): the markers' ranges tile the grid, each at most 24 points
        List<long[]> ranges = new ArrayList<>();
        for (String m : markers(chunks)) {
            String[] se = m.substring(1, m.length() - ".json".length()).split("-");
            ranges.add(new long[] {Long.parseLong(se[0]), Long.parseLong(se[1])});
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long at = 0;
        for (long[] r : ranges) {
            assertEquals(at, r[0], "commit markers of the killed run tile the grid: " + markers(chunks));
            assertTrue(r[1] - r[0] <= KILL_CHUNK_POINTS, "a unit larger than --task-points: " + markers(chunks));
            at = r[1];
        }
        assertEquals(GRID_POINTS, at, "commit markers of the killed run cover the grid");
        assertSameTables("killed", sweepRoot("killed"));
        phase("compare killed run with local", t);
        passed.incrementAndGet();
    }

    // ---- tables ------------------------------------------------------------------------------

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SharedSpark.get();
        }
        return spark;
    }

    /** The loopback cluster's state: pids, master-url, daemon logs, executor work dirs. */
    static Path clusterDir() {
        return dir.resolve("loopback");
    }

    static Path sweepRoot(String run) {
        return dir.resolve(run).resolve(SWEEP_NAME);
    }

    static Dataset<Row> read(Path root, String table) {
        return spark().read().parquet(root.resolve(table).toString()).drop("sim_ms");
    }

    /** Row count, grid coverage and key uniqueness of one run's tables. */
    static void checkTable(Path root, String label) {
        Dataset<Row> points = read(root, "points");
        assertEquals(GRID_POINTS * SCHEMES, points.count(), label + ": rows in points");
        Row r = points.selectExpr("count(DISTINCT point_index)", "min(point_index)", "max(point_index)",
                "count(DISTINCT point_id)").first();
        assertEquals(GRID_POINTS, r.getLong(0), label + ": distinct point_index");
        assertEquals(0L, r.getLong(1), label + ": min point_index");
        assertEquals(GRID_POINTS - 1, r.getLong(2), label + ": max point_index");
        assertEquals(GRID_POINTS, r.getLong(3), label + ": distinct point_id");
        assertNoDuplicates(points, label + " points", "point_id", "scheme");
        assertNoDuplicates(read(root, "layers"), label + " layers", "point_id", "layer_index", "scheme");
    }

    static void assertNoDuplicates(Dataset<Row> df, String label, String... key) {
        Dataset<Row> dups = df.groupBy(key[0], Stream.of(key).skip(1).toArray(String[]::new)).count()
                .filter("count > 1");
        long n = dups.count();
        if (n > 0) {
            fail(label + ": " + n + " duplicate key(s) " + String.join(", ", key) + ", e.g. "
                    + dups.limit(5).collectAsList());
        }
    }

    /** {@code actual} holds exactly the local run's rows (sim_ms aside), with no duplicates. */
    static void assertSameTables(String label, Path actual) {
        checkTable(actual, label);
        for (String table : List.of("points", "layers")) {
            Dataset<Row> want = read(sweepRoot("local"), table);
            Dataset<Row> got = read(actual, table);
            assertEquals(want.schema(), got.schema(), label + " " + table + ": schema");
            assertEquals(want.count(), got.count(), label + " " + table + ": row count");
            Dataset<Row> missing = want.exceptAll(got);
            Dataset<Row> extra = got.exceptAll(want);
            long m = missing.count();
            long x = extra.count();
            if (m != 0 || x != 0) {
                fail(label + " " + table + " differs from local: " + m + " local row(s) missing, " + x
                        + " unexpected row(s)\nmissing e.g. " + missing.limit(3).collectAsList()
                        + "\nunexpected e.g. " + extra.limit(3).collectAsList());
            }
        }
    }

    static List<String> markers(Path chunks) {
        if (!Files.isDirectory(chunks)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(chunks)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> MARKER.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            return List.of(); // the directory changes under us; the next poll sees it
        }
    }

    // ---- processes ---------------------------------------------------------------------------

    record Run(String name, Process process, Path log, int exit) {
        Run(String name, Process process, Path log) {
            this(name, process, log, -1);
        }

        String tail() {
            return LoopbackClusterIT.tail(log);
        }
    }

    /**
     * A sweep over model data written in the export layout (a folder of .npy, a batch of 3 inputs)
     * on the cluster: executors read the files through Hadoop's FileSystem, and every point equals
     * what the core computes in this JVM.
     */
    @Test
    @Order(3)
    void dataSweepReadsTheModelOnTheCluster() throws Exception {
        long t = System.nanoTime();
        Path net = org.sresim.workload.ModelFixtures.writeNetwork(dir.resolve("tiny.yaml"));
        org.sresim.workload.ModelFixtures.writeFolder(dir.resolve("models/tiny"), 3, 5);
        Path sweep = java.nio.file.Files.writeString(dir.resolve("data.yaml"), "name: data\nfixed: {network: " + net
                + ", accuracy.windows: 2, accuracy.tiles: 1}\ngrid:\n  data: [models/tiny]\n  ou.rows: [2, 4, 8]\n");
        Run r = run("sweep-data", SWEEP_TIMEOUT, new String[] {"bash", "submit.sh", "--master", masterUrl, "sweep",
            sweep.toString(), "--out", dir.resolve("data-out").toString()});
        assertSucceeded(r);
        phase("data sweep on the cluster", t);
        org.sresim.sweep.SweepPlan plan = org.sresim.sweep.SweepFile.load(sweep);
        Dataset<Row> points = spark().read().parquet(dir.resolve("data-out/data/points").toString());
        assertEquals(3 * SCHEMES, points.count(), "data sweep rows");
        for (long i = 0; i < plan.size(); i++) {
            org.sresim.config.Config point = plan.point(i);
            org.sresim.workload.ModelData data = org.sresim.workload.ModelData.open(point.text("data"),
                    org.sresim.workload.FileOpener.LOCAL);
            org.sresim.engine.SimulationResult want = new org.sresim.engine.Simulator().simulate(point,
                    plan.network(point), org.sresim.workload.WorkloadSource.importedBatch(data,
                            org.sresim.workload.WorkloadSettings.from(point),
                            org.sresim.workload.ImportedWorkload.check(data, plan.network(point))));
            Row got = points.where("point_index = " + i + " AND scheme = 'sre-bit'")
                    .selectExpr("ou_ops", "energy_pj", "samples", "data").first();
            assertEquals(want.network(org.sresim.engine.Scheme.SRE_BIT).ouOps(), got.getLong(0), "ou_ops " + i);
            assertEquals(want.network(org.sresim.engine.Scheme.SRE_BIT).energyPj(), got.getDouble(1), "energy " + i);
            assertEquals(3, got.getInt(2), "samples " + i);
            assertEquals(point.text("data"), got.getString(3), "data " + i);
        }
        passed.incrementAndGet();
    }

    /** {@code bash submit.sh [--master URL] sweep quickstart --out DIR/<out> [extra]}. */
    static String[] submit(String master, String out, String... extra) {
        List<String> c = new ArrayList<>(List.of("bash", "submit.sh"));
        if (master != null) {
            c.addAll(List.of("--master", master));
        }
        c.addAll(List.of("sweep", SWEEP_FILE, "--out", dir.resolve(out).toString()));
        c.addAll(List.of(extra));
        return c.toArray(String[]::new);
    }

    /** Starts a command in the project root, stdout and stderr into {@code log}. */
    static synchronized Process spawn(String[] command, Path log) {
        if (shuttingDown) { // cleanUp ran (e.g. the shutdown hook killed the sweep this test waited on)
            throw new IllegalStateException("cleaning up: not starting " + String.join(" ", command));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The project's own Spark (target/lib), same version as the loopback cluster's.
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        System.out.println("[LoopbackClusterIT] $ " + String.join(" ", command) + "   > " + log.getFileName());
        try {
            Process p = pb.start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run run(String name, Duration timeout, String... command) {
        Path log = dir.resolve(name + ".log");
        return await(new Run(name, spawn(command, log), log), timeout);
    }

    static Run await(Run r, Duration timeout) {
        try {
            if (!r.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(r.process);
                fail(r.name + " timed out after " + timeout.toSeconds() + " s and was killed\n" + r.tail());
            }
        } catch (InterruptedException e) {
            destroyTree(r.process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(r.name + " interrupted", e);
        }
        started.remove(r.process);
        return new Run(r.name, r.process, r.log, r.process.exitValue());
    }

    static void assertSucceeded(Run r) {
        if (r.exit != 0) {
            fail(r.name + " exited " + r.exit + "\n" + r.tail() + (r.name.equals("sweep-local") ? "" : clusterLogs()));
        }
        System.out.println("[LoopbackClusterIT] " + r.name + " ok; last lines:\n" + tail(r.log, 8));
    }

    /** A short command's exit status (output discarded). */
    static int command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static List<Long> executorPids() {
        try {
            Process p = new ProcessBuilder("bash", ".ci/loopback-cluster.sh", "executor-pids",
                    clusterDir().toString()).directory(PROJECT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return List.of();
            }
            return Stream.of(out.trim().split("\\s+")).filter(s -> s.matches("\\d+")).map(Long::valueOf).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Alive and not a zombie (its worker may not have reaped it yet). */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills leftover sweeps, stops the cluster (once) and the comparison session. */
    static synchronized void cleanUp(String by) {
        shuttingDown = true;
        for (Process p : started) {
            if (p.isAlive()) {
                System.out.println("[LoopbackClusterIT] " + by + ": killing leftover process " + p.pid());
                destroyTree(p);
            }
        }
        started.clear();
        if (dir != null && clusterStopped.compareAndSet(false, true)) {
            long t = System.nanoTime();
            Path log = dir.resolve("cluster-stop.log");
            try {
                Process stop = new ProcessBuilder("bash", ".ci/loopback-cluster.sh", "stop",
                        clusterDir().toString()).directory(PROJECT.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!stop.waitFor(CLUSTER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                    System.out.println("[LoopbackClusterIT] " + by + ": cluster stop timed out\n" + tail(log));
                } else if (stop.exitValue() != 0) {
                    System.out.println("[LoopbackClusterIT] " + by + ": cluster stop exited " + stop.exitValue()
                            + "\n" + tail(log));
                }
            } catch (IOException e) {
                System.out.println("[LoopbackClusterIT] " + by + ": cluster stop failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            phase("stop cluster", t);
        }
        if (spark != null && !by.equals("shutdown hook")) { // Spark stops its own context on shutdown
            SharedSpark.stop();
            spark = null;
        }
    }

    // ---- reporting -----------------------------------------------------------------------------

    static void phase(String name, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        phaseSeconds.put(name, s);
        System.out.printf("[LoopbackClusterIT] phase '%s': %.1f s%n", name, s);
    }

    static String tail(Path log) {
        return tail(log, 60);
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- last " + Math.min(lines, all.size()) + " of " + all.size() + " lines of " + log + "\n"
                    + all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .collect(Collectors.joining("\n")) + "\n----";
        } catch (IOException | RuntimeException e) {
            return "(no log " + log + ": " + e + ")";
        }
    }

    /** Tails of the master and worker logs, for failures that may be the cluster's. */
    static String clusterLogs() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("master.log", "worker-1.log", "worker-2.log")) {
            Path p = clusterDir().resolve(f);
            if (Files.exists(p)) {
                sb.append('\n').append(tail(p, 20));
            }
        }
        return sb.toString();
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            System.out.println("[LoopbackClusterIT] could not delete " + root + ": " + e);
        }
    }
}
