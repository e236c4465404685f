package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sresim.sweep.ExecutionOrder;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;

/**
 * A finished sweep's measured point costs ({@code sim_ms}) by execution position, with the plan of
 * the sweep file recorded in the folder's {@code sweep.json} (its execution order and workload
 * groups): what {@code bench --replay} schedules on virtual cores.
 *
 * @param secondsAt the measured seconds of the point at each execution position
 */
public record MeasuredCosts(SweepPlan plan, double[] secondsAt) {

    /** Reads the costs of the complete sweep in {@code sweepRoot}. */
    public static MeasuredCosts read(SparkSession spark, String sweepRoot) {
        SweepOutput out = new SweepOutput(new Path(sweepRoot), spark.sparkContext().hadoopConfiguration());
        SweepPlan plan = recordedPlan(out);
        List<Row> rows = ResultViews.committed(spark, out, "points")
                .groupBy("point_index").agg(functions.max("sim_ms"))
                .collectAsList();
        long size = plan.size();
        if (size != rows.size()) {
            throw new SweepException(sweepRoot + ": the sweep is not complete (" + rows.size() + " of " + size
                    + " points committed); replay needs every point's cost");
        }
        double[] byIndex = new double[(int) size];
        for (Row r : rows) {
            byIndex[(int) r.getLong(0)] = r.getDouble(1) / 1e3;
        }
        double[] seconds = new double[(int) size];
        ExecutionOrder order = plan.executionOrder();
        for (int p = 0; p < size; p++) {
            seconds[p] = byIndex[(int) order.indexAt(p)];
        }
        return new MeasuredCosts(plan, seconds);
    }

    /** The plan of the sweep file named in the folder's manifest, which must still define the same grid. */
    private static SweepPlan recordedPlan(SweepOutput out) {
        if (!out.exists(out.manifest())) {
            throw new SweepException(out.root + ": no sweep.json; not a sweep folder");
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(out.read(out.manifest()));
        } catch (Exception e) {
            throw new SweepException(out.manifest() + ": unreadable (" + e.getMessage() + ")");
        }
        String file = m.path("sweep_file").asText();
        if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(file))) {
            throw new SweepException(out.manifest() + ": the replay needs the sweep file it names, " + file
                    + ", which is not there (run from the folder the sweep was started in)");
        }
        SweepPlan plan = SweepFile.load(java.nio.file.Path.of(file), new HadoopFiles());
        if (!plan.definitionHash().equals(m.path("definition_hash").asText())) {
            throw new SweepException(file + " no longer defines the grid swept into " + out.root);
        }
        return plan;
    }
}
