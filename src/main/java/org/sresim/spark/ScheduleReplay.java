package org.sresim.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sresim.sweep.SweepException;
import org.sresim.workload.Networks;

/**
 * Replays a finished sweep's measured point costs ({@code sim_ms}) through the sweep's scheduling
 * ({@link Units#plan} for N cores, then list scheduling in that order) on N virtual cores: the
 * utilisation a cluster of that size would see, task overheads aside.
 */
public final class ScheduleReplay {
    private ScheduleReplay() {
    }

    /** Per core count: cores, units, work seconds, makespan seconds, utilisation. */
    public static List<double[]> replay(SparkSession spark, String sweepRoot, List<Integer> cores) {
        SweepOutput out = new SweepOutput(new Path(sweepRoot), spark.sparkContext().hadoopConfiguration());
        List<Row> rows = ResultViews.committed(spark, out, "points")
                .groupBy("point_index").agg(org.apache.spark.sql.functions.first("network"),
                        org.apache.spark.sql.functions.max("sim_ms"))
                .collectAsList();
        if (rows.isEmpty()) {
            throw new SweepException(sweepRoot + ": no committed points to replay");
        }
        long size = 0;
        for (Row r : rows) {
            size = Math.max(size, r.getLong(0) + 1);
        }
        if (size != rows.size()) {
            throw new SweepException(sweepRoot + ": the sweep is not complete (" + rows.size() + " of " + size
                    + "+ points committed); replay needs every point's cost");
        }
        double[] seconds = new double[(int) size];
        double[] estimate = new double[(int) size];
        Map<String, Double> byNetwork = new HashMap<>();
        for (Row r : rows) {
            int i = (int) r.getLong(0);
            seconds[i] = r.getDouble(2) / 1e3;
            estimate[i] = byNetwork.computeIfAbsent(r.getString(1), n -> Units.networkCost(Networks.resolve(n)));
        }
        List<double[]> result = new ArrayList<>();
        for (int n : cores) {
            List<Units.Unit> units = Units.plan(List.<long[]>of(new long[] {0, size}), i -> estimate[(int) i], n,
                    Units.MAX_POINTS);
            Units.Replay r = Units.replay(units, i -> seconds[(int) i], n);
            result.add(new double[] {n, r.units(), r.workSeconds(), r.makespanSeconds(), r.utilisation()});
        }
        return result;
    }
}
