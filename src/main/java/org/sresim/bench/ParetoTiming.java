package org.sresim.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.sresim.spark.ParetoJob;
import org.sresim.spark.Sessions;
import org.sresim.spark.SyntheticPoints;
import org.sresim.sweep.ParetoTable;

/**
 * Wall seconds of {@code pareto} over a synthetic points table ({@code sre bench --pareto}): session
 * start, the job (read, average, skyline, write, commit), stop. The first run is what a user waits
 * for in a fresh JVM but for the JVM's own start; the rest are warm.
 */
public final class ParetoTiming {
    /** The synthetic sweep's name. */
    public static final String SWEEP = "synthetic";

    private final String master;
    private final boolean verbose;

    public ParetoTiming(String master, boolean verbose) {
        this.master = master;
        this.verbose = verbose;
    }

    /** One run: its result and its start, job and total seconds. */
    public record Run(int run, ParetoJob.Outcome outcome, double startSeconds, double jobSeconds,
                      double totalSeconds) {
    }

    /** Whether {@code dir} already holds the synthetic sweep. */
    public static boolean written(Path dir) {
        return Files.exists(dir.resolve(SWEEP + "/sweep.json"));
    }

    /** Writes a synthetic sweep of about {@code rows} rows (2 seeds) into {@code dir}; returns its folder. */
    public static String write(Path dir, long rows) {
        return SyntheticPoints.write(dir.toString(), SWEEP, rows, 2, 42, 0.0, new org.apache.hadoop.conf.Configuration());
    }

    /** Runs pareto {@code repeats + 1} times over the sweep in {@code dir}, each run handed to {@code each}. */
    public void runs(Path dir, int repeats, Consumer<Run> each) {
        for (int i = 0; i <= repeats; i++) {
            long began = System.nanoTime();
            SparkSession spark = Sessions.create("sre-bench-pareto", master, verbose);
            long started = System.nanoTime();
            ParetoJob.Outcome o;
            try {
                o = new ParetoJob(spark, new PrintWriter(new StringWriter())).run(dir.toString(), SWEEP,
                        ParetoTable.Request.of(null, null, null, null));
            } finally {
                spark.stop();
            }
            long ended = System.nanoTime();
            each.accept(new Run(i + 1, o, (started - began) / 1e9, (ended - started) / 1e9, (ended - began) / 1e9));
        }
    }

    /** A fresh temporary folder for a sweep not kept. */
    public static Path tempDir() {
        return SweepTiming.tempDir("sre-bench-pareto");
    }

    /** Deletes a folder the runs used. */
    public static void delete(Path dir) {
        Timing.deleteTree(dir);
    }

    /** The median of the warm runs' totals. */
    public static double median(double[] seconds) {
        return Timing.median(seconds);
    }
}
