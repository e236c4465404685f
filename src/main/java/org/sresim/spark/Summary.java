package org.sresim.spark;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The end-of-sweep summary: per network, the best sre-* speedup and energy saving over the grid. */
public final class Summary {
    private Summary() {
    }

    public static Dataset<Row> bestSre(SparkSession spark, String sweepRoot) {
        SweepOutput out = new SweepOutput(new Path(sweepRoot), spark.sparkContext().hadoopConfiguration());
        ResultViews.committed(spark, out, "points").createOrReplaceTempView("summary_points");
        return spark.sql("""
                SELECT network,
                       count(DISTINCT point_id)                          AS points,
                       round(max(speedup), 2)                            AS best_sre_speedup,
                       max_by(scheme || ' ou ' || ou_rows || 'x' || ou_cols || ' prune ' || pruning_ratio
                              || ' act ' || activation_sparsity, speedup) AS at,
                       round(max(energy_saving) * 100, 1)                AS best_energy_saving_pct
                FROM summary_points
                WHERE scheme IN ('sre-value', 'sre-bit')
                GROUP BY network
                ORDER BY network""");
    }
}
