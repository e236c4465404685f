package org.sresim.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sresim.bench.CounterBench;
import org.sresim.bench.EventLogUtilisation;
import org.sresim.bench.ParetoTiming;
import org.sresim.bench.PointBench;
import org.sresim.bench.ScheduleReplay;
import org.sresim.bench.SweepTiming;
import org.sresim.bench.TaskThroughput;
import org.sresim.spark.MeasuredCosts;
import org.sresim.spark.Sessions;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sre bench}: the performance table of the README, measured on this machine. Only options
 * and printing: the measurements live in {@code org.sresim.bench}.
 */
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
    public Integer call() {
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
        points(out);
        if (!skipSweep) {
            SweepPlan plan = SweepFile.load(sweep, new org.sresim.spark.HadoopFiles());
            double one = new SweepTiming("local[1]", verbose).throughput(plan, sweep);
            double two = new SweepTiming("local[2]", verbose).throughput(plan, sweep);
            out.printf("%nsweep throughput, %s (%d points): local[1] %.2f points/s, local[2] %.2f points/s, ratio %.2f%n",
                    plan.name(), plan.size(), one, two, two / one);
        }
        out.printf("%nJVM: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.flush();
        return 0;
    }

    /** Whole points per network, exact and sampled, then the fast counter against the reference. */
    private void points(PrintWriter out) {
        out.printf("machine: %d cores, Java %s, max heap %d MB; pruning 0.7, activation sparsity 0.5, all 7 schemes, "
                        + "single thread%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1048576);
        out.printf("%-10s %-12s %12s %16s %16s %14s%n", "network", "mode", "s/point", "tuples", "tuples/s",
                "heap peak MB");
        for (String n : networks) {
            for (int windows : new int[] {0, sample}) {
                PointBench.PointTiming t = PointBench.point(n, windows, repeats);
                out.printf("%-10s %-12s %12.3f %16d %16.3e %14.0f%n", n, windows == 0 ? "exact" : "sample=" + windows,
                        t.secondsPerPoint(), t.tuples(), t.tuplesPerSecond(), t.heapPeakMb());
                out.flush();
            }
        }
        CounterBench.OracleTiming o = CounterBench.oracle("alexnet", oracleWindows);
        out.printf("%nfast vs reference counter, alexnet, %d windows per layer, counting only (results equal): "
                + "reference %.2f s, fast %.3f s, speedup %.0fx%n", o.windowsPerLayer(), o.oracleSeconds(),
                o.fastSeconds(), o.speedup());
        out.flush();
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
                for (ScheduleReplay.Replay r : ScheduleReplay.replay(MeasuredCosts.read(spark, replay), cores)) {
                    out.printf("%8d %8d %12.1f %12.2f %11.1f%%%n", r.cores(), r.units(), r.workSeconds(),
                            r.makespanSeconds(), 100 * r.utilisation());
                }
            } finally {
                spark.stop();
            }
        }
        out.flush();
        return 0;
    }

    private int taskThroughput(PrintWriter out) {
        out.printf("one task, one thread, no Spark; median of %d runs after a warm-up%n", repeats);
        out.printf("%-18s %7s %7s %10s %10s %8s %12s%s%n", "sweep", "points", "groups", "shared s", "groups s",
                "fusion", "shared pts/s", alone ? String.format(" %12s %8s", "alone pts/s", "ratio") : "");
        for (Path file : taskThroughput) {
            TaskThroughput.Result r = TaskThroughput.of(file, repeats, alone);
            out.printf("%-18s %7d %7d %10.2f %10.2f %7.1fx %12.1f", r.sweep(), r.points(), r.groups(),
                    r.sharedSeconds(), r.groupsSeconds(), r.sharedSeconds() / r.groupsSeconds(),
                    r.points() / r.sharedSeconds());
            if (alone) {
                out.printf(" %12.1f %7.1fx", r.points() / r.aloneSeconds(), r.aloneSeconds() / r.sharedSeconds());
            }
            out.printf("%n");
            out.flush();
        }
        return 0;
    }

    private int fusion(PrintWriter out) {
        out.printf("sweeps at %s, Spark session start to stop, into a fresh folder; after a warm-up, runs alternated, "
                + "median of %d%n", fusionMaster, repeats);
        out.printf("%-18s %7s %7s %12s %14s %8s%n", "sweep", "points", "groups", "sweep s", "workloads s", "ratio");
        SweepTiming timing = new SweepTiming(fusionMaster, verbose);
        for (Path file : fusion) {
            SweepTiming.Fusion f = timing.fusion(file, repeats);
            out.printf("%-18s %7d %7d %12.1f %14.1f %7.2fx%n", f.sweep(), f.points(), f.groups(), f.sweepSeconds(),
                    f.workloadsSeconds(), f.ratio());
            out.flush();
        }
        return 0;
    }

    private int pareto(PrintWriter out) {
        boolean keep = paretoOut != null;
        Path dir = keep ? paretoOut : ParetoTiming.tempDir();
        try {
            long t0 = System.nanoTime();
            if (keep && ParetoTiming.written(dir)) {
                out.printf("reusing the synthetic sweep in %s%n", dir.resolve(ParetoTiming.SWEEP));
            } else {
                String sweepPath = ParetoTiming.write(dir, paretoRows);
                out.printf("synthetic points table of sweep 'synthetic' in %s written in %.1f s (no Spark)%n", sweepPath,
                        (System.nanoTime() - t0) / 1e9);
            }
            out.printf("pareto at %s, default objectives and groups; run 1 is the JVM's first Spark session%n",
                    fusionMaster);
            out.printf("%4s %8s %8s %8s %10s %10s %11s %8s%n", "run", "rows", "designs", "groups", "front rows",
                    "start s", "job+stop s", "total s");
            double[] warm = new double[repeats];
            new ParetoTiming(fusionMaster, verbose).runs(dir, repeats, r -> {
                if (r.run() > 1) {
                    warm[r.run() - 2] = r.totalSeconds();
                }
                printRun(out, r);
            });
            if (repeats > 0) {
                out.printf("median of the warm runs: %.1f s%n", ParetoTiming.median(warm));
            }
        } finally {
            if (!keep) {
                ParetoTiming.delete(dir);
            }
        }
        return 0;
    }

    /** One pareto run's line. */
    private static void printRun(PrintWriter out, ParetoTiming.Run r) {
        org.sresim.spark.ParetoJob.Outcome o = r.outcome();
        out.printf("%4d %8d %8d %8d %10d %10.1f %11.1f %8.1f%n", r.run(), o.rows(), o.designs(), o.groups().size(),
                o.frontRows(), r.startSeconds(), r.jobSeconds(), r.totalSeconds());
        out.flush();
    }
}
