package org.sresim.spark;

import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The end-of-sweep summary: per network, the best sre-* speedup and energy saving over the grid. */
public final class Summary {
    private Summary() {
    }

    /**
     * @param profiled networks whose every layer carries a published pruning profile: the global
     *                 pruning ratio does not apply to them, so their "at" column does not quote it
     */
    public static Dataset<Row> bestSre(SparkSession spark, String sweepRoot, Set<String> profiled) {
        SweepOutput out = new SweepOutput(new Path(sweepRoot), spark.sparkContext().hadoopConfiguration());
        ResultViews.committed(spark, out, "points").createOrReplaceTempView("summary_points");
        return spark.sql(query("summary_points", profiled));
    }

    /**
     * Runs the summary's query once on an empty table in a background thread, so that Spark SQL's
     * parser, analyser, optimiser and code generator are loaded and compiled while the sweep runs:
     * in a fresh JVM that is several seconds the summary would otherwise spend after the last point.
     * Changes no result; a failure here only loses the head start.
     */
    public static Thread warmUp(SparkSession spark, Set<String> profiled) {
        Thread t = new Thread(() -> {
            try {
                spark.createDataFrame(java.util.List.of(), SweepJob.POINTS).createOrReplaceTempView("summary_warm_up");
                spark.sql(query("summary_warm_up", profiled)).collectAsList();
            } catch (RuntimeException | LinkageError e) {
                // only a head start is lost (e.g. the session stopped after a failed sweep); the
                // summary itself runs and reports its own errors
            }
        }, "summary-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    private static String query(String view, Set<String> profiled) {
        return """
                SELECT network,
                       count(DISTINCT point_id)                          AS points,
                       round(max(speedup), 2)                            AS best_sre_speedup,
                       max_by(scheme || ' ou ' || ou_rows || 'x' || ou_cols || %s, speedup) AS at,
                       round(max(energy_saving) * 100, 1)                AS best_energy_saving_pct
                FROM %s
                WHERE scheme IN ('sre-value', 'sre-bit')
                GROUP BY network
                ORDER BY network""".formatted(workloadLabel(profiled), view);
    }

    /**
     * How a row's workload is described: imported data has its own weights and activations, a
     * profiled network its published densities; only synthetic workloads are set by the pruning
     * ratio and activation sparsity.
     */
    static String workloadLabel(Set<String> profiled) {
        StringBuilder names = new StringBuilder();
        for (String n : new TreeSet<>(profiled)) {
            names.append(names.length() == 0 ? "" : ", ").append('\'').append(n.replace("'", "''")).append('\'');
        }
        String isProfiled = profiled.isEmpty() ? "false" : "network IN (" + names + ")";
        return "CASE WHEN data <> '' THEN ' imported data'"
                + " WHEN " + isProfiled + " THEN ' published profile act ' || activation_sparsity"
                + " ELSE ' prune ' || pruning_ratio || ' act ' || activation_sparsity END";
    }
}
