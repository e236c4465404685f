package org.sresim.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.sresim.spark.Sessions;
import org.sresim.spark.SweepJob;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.ReusedWorkloads;

/** Whole sweeps on Spark, timed into temporary folders ({@code sre bench}). */
public final class SweepTiming {
    private final String master;
    private final boolean verbose;

    /** Sweeps at {@code master}; {@code verbose}: Spark's own logs. */
    public SweepTiming(String master, boolean verbose) {
        this.master = master;
        this.verbose = verbose;
    }

    /** A sweep against its workloads alone: medians of wall seconds, Spark session start to stop. */
    public record Fusion(String sweep, long points, long groups, double sweepSeconds, double workloadsSeconds) {
        public double ratio() {
            return sweepSeconds / workloadsSeconds;
        }
    }

    /** Points per second of the sweep job alone (session start and stop left out). */
    public double throughput(SweepPlan plan, Path file) {
        return plan.size() / sweepSeconds(plan, file, false);
    }

    /**
     * Wall seconds of a sweep (Spark session start, sweep, stop) against the same sweep with its
     * hardware-only axes fixed: what the hardware variants cost on top of their workloads. After a
     * warm-up; runs alternated, so drifting load hits both alike.
     */
    public Fusion fusion(Path file, int repeats) {
        SweepPlan plan = SweepFile.load(file, new org.sresim.spark.HadoopFiles());
        SweepPlan alone = plan.workloadsAlone();
        sweepSeconds(alone, file, true); // warm-up: JIT and class loading, which the first run alone would pay
        double[] all = new double[repeats];
        double[] workloads = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            all[i] = sweepSeconds(plan, file, true);
            workloads[i] = sweepSeconds(alone, file, true);
        }
        return new Fusion(plan.name(), plan.size(), alone.size(), Timing.median(all), Timing.median(workloads));
    }

    /**
     * Seconds of one sweep into a temporary folder: the sweep job alone, or with the session's start
     * and stop ({@code sessionIncluded}, what a user waits for).
     */
    private double sweepSeconds(SweepPlan plan, Path file, boolean sessionIncluded) {
        Path dir = tempDir("sre-bench");
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
            Timing.deleteTree(dir);
        }
        return (sessionIncluded ? System.nanoTime() - started : job) / 1e9;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
