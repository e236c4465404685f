package org.sresim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sresim.engine.Bench;
import org.sresim.spark.EventLogUtilisation;
import org.sresim.spark.ScheduleReplay;
import org.sresim.spark.Sessions;
import org.sresim.spark.SweepJob;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.ReusedWorkloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sre bench}: the performance table of the README, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time whole design points (exact and sampled), the fast counter against the reference, "
                + "and sweep throughput in local[1] / local[2].")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--networks", split = ",", defaultValue = "vgg16,resnet18,alexnet",
            description = "networks to time (default: ${DEFAULT-VALUE})")
    List<String> networks;

    @Option(names = "--repeats", defaultValue = "3", description = "measured runs per setting, median reported")
    int repeats;

    @Option(names = "--sample", defaultValue = "256", description = "sim.windows of the sampled rows")
    int sample;

    @Option(names = "--oracle-windows", defaultValue = "32",
            description = "windows per layer for the reference-vs-fast comparison on AlexNet")
    int oracleWindows;

    @Option(names = "--sweep", defaultValue = "sweeps/quickstart.yaml", description = "sweep for the throughput figure")
    Path sweep;

    @Option(names = "--skip-sweep", description = "skip the Spark throughput measurement")
    boolean skipSweep;

    @Option(names = "--verbose", description = "Spark's own logs")
    boolean verbose;

    @Option(names = "--event-log", paramLabel = "FILE",
            description = "only report the executor utilisation of the sweep jobs in this Spark event log")
    Path eventLog;

    @Option(names = "--replay", paramLabel = "DIR",
            description = "only replay the measured point costs of this finished sweep folder (DIR/<name>) on --cores")
    String replay;

    @Option(names = "--cores", split = ",", defaultValue = "2,16,64,256,1024",
            description = "virtual core counts for --replay (default: ${DEFAULT-VALUE})")
    List<Integer> cores;

    @Option(names = "--task-throughput", split = ",", paramLabel = "SWEEP",
            description = "only time simulating every point of these sweep files as one task on one thread (no Spark), "
                    + "against one point per workload group (the workloads alone): the cost of the hardware variants")
    List<Path> taskThroughput;

    @Option(names = "--fusion", split = ",", paramLabel = "SWEEP",
            description = "only time these sweeps at --fusion-master, Spark start included, against their workloads "
                    + "alone (every hardware-only axis fixed at its first value)")
    List<Path> fusion;

    @Option(names = "--fusion-master", defaultValue = "local[2]",
            description = "master for --fusion and --pareto (default: ${DEFAULT-VALUE})")
    String fusionMaster;

    @Option(names = "--pareto", paramLabel = "ROWS",
            description = "only time the pareto command (default objectives and groups) over a synthetic points table "
                    + "of about ROWS rows (2 seeds), at --fusion-master, Spark start to stop")
    Long paretoRows;

    @Option(names = "--pareto-out", paramLabel = "DIR",
            description = "with --pareto: write the synthetic sweep (named 'synthetic') here and keep it, "
                    + "e.g. to time ./submit.sh pareto DIR on it; reused when already there")
    Path paretoOut;

    @Option(names = "--alone",
            description = "with --task-throughput: also time every point counted on its own (slow: minutes)")
    boolean alone;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (eventLog != null || replay != null) {
            return scheduling(out);
        }
        if (taskThroughput != null) {
            return taskThroughput(out);
        }
        if (fusion != null) {
            return fusion(out);
        }
        if (paretoRows != null) {
            return pareto(out);
        }
        out.printf("machine: %d cores, Java %s, max heap %d MB; pruning 0.7, activation sparsity 0.5, all 7 schemes, "
                        + "single thread%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1048576);
        out.printf("%-10s %-12s %12s %16s %16s %14s%n", "network", "mode", "s/point", "tuples", "tuples/s",
                "heap peak MB");
        for (String n : networks) {
            for (int windows : new int[] {0, sample}) {
                Bench.PointTiming t = Bench.point(n, windows, repeats);
                out.printf("%-10s %-12s %12.3f %16d %16.3e %14.0f%n", n, windows == 0 ? "exact" : "sample=" + windows,
                        t.secondsPerPoint(), t.tuples(), t.tuplesPerSecond(), t.heapPeakMb());
                out.flush();
            }
        }
        Bench.OracleTiming o = Bench.oracle("alexnet", oracleWindows);
        out.printf("%nfast vs reference counter, alexnet, %d windows per layer, counting only (results equal): "
                + "reference %.2f s, fast %.3f s, speedup %.0fx%n", o.windowsPerLayer(), o.oracleSeconds(),
                o.fastSeconds(), o.speedup());
        out.flush();
        if (!skipSweep) {
            SweepPlan plan = SweepFile.load(sweep, new org.sresim.spark.HadoopFiles());
            double one = throughput(plan, "local[1]");
            double two = throughput(plan, "local[2]");
            out.printf("%nsweep throughput, %s (%d points): local[1] %.2f points/s, local[2] %.2f points/s, ratio %.2f%n",
                    plan.name(), plan.size(), one, two, two / one);
        }
        out.printf("%nJVM: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.flush();
        return 0;
    }

    /** The scheduling figures: utilisation from an event log, and/or a replay on virtual cores. */
    private int scheduling(PrintWriter out) {
        if (eventLog != null) {
            EventLogUtilisation.Result r = EventLogUtilisation.of(eventLog);
            out.printf("event log %s: %d sweep jobs, %d tasks, %d cores, %.1f s busy over %.1f s: "
                            + "executor utilisation %.1f%%%n", eventLog, r.jobs(), r.tasks(), r.cores(), r.busySeconds(),
                    r.wallSeconds(), 100 * r.utilisation());
        }
        if (replay != null) {
            SparkSession spark = Sessions.create("sre-bench-replay", "local[2]", verbose);
            try {
                out.printf("replay of %s (measured sim_ms per point, the sweep's unit plan and order):%n", replay);
                out.printf("%8s %8s %12s %12s %12s%n", "cores", "tasks", "work s", "makespan s", "utilisation");
                for (double[] r : ScheduleReplay.replay(spark, replay, cores)) {
                    out.printf("%8d %8d %12.1f %12.2f %11.1f%%%n", (int) r[0], (int) r[1], r[2], r[3], 100 * r[4]);
                }
            } finally {
                spark.stop();
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Points/s of whole sweeps simulated as one task, after a warm-up, median of {@code repeats}:
     * points differing only in OU height, ADC, latency model, chips or prices share one counting
     * pass, against one point per workload group, and with {@code --alone} against every point
     * counted alone (the same rows either way).
     */
    private int taskThroughput(PrintWriter out) {
        out.printf("one task, one thread, no Spark; median of %d runs after a warm-up%n", repeats);
        out.printf("%-18s %7s %7s %10s %10s %8s %12s%s%n", "sweep", "points", "groups", "shared s", "groups s",
                "fusion", "shared pts/s", alone ? String.format(" %12s %8s", "alone pts/s", "ratio") : "");
        for (Path file : taskThroughput) {
            SweepPlan plan = SweepFile.load(file, new org.sresim.spark.HadoopFiles());
            double shared = medianSeconds(() -> SweepJob.simulateAsOneTask(plan, true));
            double groups = medianSeconds(() -> SweepJob.simulateOnePointPerGroup(plan));
            out.printf("%-18s %7d %7d %10.2f %10.2f %7.1fx %12.1f", plan.name(), plan.size(), plan.workloadGroups(),
                    shared, groups, shared / groups, plan.size() / shared);
            if (alone) {
                double each = medianSeconds(() -> SweepJob.simulateAsOneTask(plan, false));
                out.printf(" %12.1f %7.1fx", plan.size() / each, each / shared);
            }
            out.printf("%n");
            out.flush();
        }
        return 0;
    }

    /**
     * Wall seconds of whole sweeps (Spark session start, sweep, stop) against the same sweep with
     * its hardware-only axes fixed: what the hardware variants cost on top of their workloads.
     */
    private int fusion(PrintWriter out) throws Exception {
        out.printf("sweeps at %s, Spark session start to stop, into a fresh folder; after a warm-up, runs alternated, "
                + "median of %d%n", fusionMaster, repeats);
        out.printf("%-18s %7s %7s %12s %14s %8s%n", "sweep", "points", "groups", "sweep s", "workloads s", "ratio");
        for (Path file : fusion) {
            SweepPlan plan = SweepFile.load(file, new org.sresim.spark.HadoopFiles());
            SweepPlan alone = plan.workloadsAlone();
            wallSeconds(alone, file, fusionMaster); // warm-up: JIT and class loading, which the first run alone would pay
            double[] all = new double[repeats];
            double[] workloads = new double[repeats];
            for (int i = 0; i < repeats; i++) { // alternated, so drifting load hits both alike
                all[i] = wallSeconds(plan, file, fusionMaster);
                workloads[i] = wallSeconds(alone, file, fusionMaster);
            }
            out.printf("%-18s %7d %7d %12.1f %14.1f %7.2fx%n", plan.name(), plan.size(), alone.size(), median(all),
                    median(workloads), median(all) / median(workloads));
            out.flush();
        }
        return 0;
    }

    /**
     * Wall seconds of {@code pareto} over a synthetic points table: session start, the job (read,
     * average, skyline, write, commit), stop. The first run is what a user waits for in a fresh
     * JVM but for the JVM's own start; the rest are warm.
     */
    private int pareto(PrintWriter out) throws Exception {
        boolean keep = paretoOut != null;
        Path dir = keep ? paretoOut : Files.createTempDirectory("sre-bench-pareto");
        try {
            long t0 = System.nanoTime();
            if (keep && Files.exists(dir.resolve("synthetic/sweep.json"))) {
                out.printf("reusing the synthetic sweep in %s%n", dir.resolve("synthetic"));
            } else {
                String sweepPath = org.sresim.spark.SyntheticPoints.write(dir.toString(), "synthetic", paretoRows, 2, 42,
                        0.0, new org.apache.hadoop.conf.Configuration());
                out.printf("synthetic points table of sweep 'synthetic' in %s written in %.1f s (no Spark)%n", sweepPath,
                        (System.nanoTime() - t0) / 1e9);
            }
            out.printf("pareto at %s, default objectives and groups; run 1 is the JVM's first Spark session%n",
                    fusionMaster);
            out.printf("%4s %8s %8s %8s %10s %10s %11s %8s%n", "run", "rows", "designs", "groups", "front rows",
                    "start s", "job+stop s", "total s");
            double[] warm = new double[repeats];
            for (int i = 0; i <= repeats; i++) {
                long began = System.nanoTime();
                SparkSession spark = Sessions.create("sre-bench-pareto", fusionMaster, verbose);
                long started = System.nanoTime();
                org.sresim.spark.ParetoJob.Outcome o;
                try {
                    o = new org.sresim.spark.ParetoJob(spark, new PrintWriter(new StringWriter())).run(dir.toString(),
                            "synthetic", org.sresim.sweep.ParetoTable.Request.of(null, null, null, null));
                } finally {
                    spark.stop();
                }
                long ended = System.nanoTime();
                double total = (ended - began) / 1e9;
                if (i > 0) {
                    warm[i - 1] = total;
                }
                out.printf("%4d %8d %8d %8d %10d %10.1f %11.1f %8.1f%n", i + 1, o.rows(), o.designs(), o.groups().size(),
                        o.frontRows(), (started - began) / 1e9, (ended - started) / 1e9, total);
                out.flush();
            }
            if (repeats > 0) {
                out.printf("median of the warm runs: %.1f s%n", median(warm));
            }
        } finally {
            if (!keep) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }

    private static double median(double[] seconds) {
        double[] sorted = seconds.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Wall seconds of sweeping {@code plan} into a fresh temporary folder: Spark session start to stop. */
    private double wallSeconds(SweepPlan plan, Path file, String master) throws Exception {
        return sweepSeconds(plan, file, master, true);
    }

    private double medianSeconds(Runnable run) {
        run.run(); // warm-up: JIT, class loading
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            ReusedWorkloads.shared().clear(); // each run draws its workloads, as a fresh executor would
            long t0 = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(seconds);
    }

    private double throughput(SweepPlan plan, String master) throws Exception {
        return plan.size() / sweepSeconds(plan, sweep, master, false);
    }

    /**
     * Seconds of one sweep into a temporary folder: the sweep job alone, or with the session's start
     * and stop ({@code sessionIncluded}, what a user waits for).
     */
    private double sweepSeconds(SweepPlan plan, Path file, String master, boolean sessionIncluded) throws Exception {
        Path dir = Files.createTempDirectory("sre-bench");
        ReusedWorkloads.shared().clear(); // each run draws its workloads, as fresh executors would
        long started = System.nanoTime();
        SparkSession spark = Sessions.create("sre-bench", master, verbose);
        long job;
        try {
            long t0 = System.nanoTime();
            new SweepJob(spark, new PrintWriter(new StringWriter())).run(plan, new SweepJob.Options(dir.toString(),
                    file.toString(), SweepFile.asJson(file), "bench"));
            job = System.nanoTime() - t0;
        } finally {
            spark.stop();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return (sessionIncluded ? System.nanoTime() - started : job) / 1e9;
    }
}
