package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sresim.sweep.SweepException;

/**
 * Registers the SQL views {@code points}, {@code layers} and {@code sweeps} over every sweep
 * folder under a results directory, and {@code pareto} when a sweep has that table. All sweeps
 * share one schema per table, so the views are plain unions.
 */
public final class ResultViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType SWEEPS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("name", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("grid_size", DataTypes.LongType, false),
            DataTypes.createStructField("committed_points", DataTypes.LongType, false),
            DataTypes.createStructField("complete", DataTypes.BooleanType, false),
            DataTypes.createStructField("started", DataTypes.StringType, true),
            DataTypes.createStructField("finished", DataTypes.StringType, true),
            DataTypes.createStructField("runs", DataTypes.IntegerType, true),
            DataTypes.createStructField("version", DataTypes.StringType, true),
            DataTypes.createStructField("sweep_file", DataTypes.StringType, true),
            DataTypes.createStructField("definition_hash", DataTypes.StringType, true)));

    private ResultViews() {
    }

    /** Registers the views; returns the sweep folders found. */
    public static List<String> register(SparkSession spark, String dir) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> sweeps = SweepOutput.sweepsUnder(dir, conf);
        if (sweeps.isEmpty()) {
            throw new SweepException(dir + ": no sweep results here (expected DIR/<sweep>/sweep.json or DIR/sweep.json)");
        }
        List<Row> sweepRows = new ArrayList<>();
        for (String path : sweeps) {
            SweepOutput out = new SweepOutput(new org.apache.hadoop.fs.Path(path), conf);
            JsonNode m;
            try {
                m = JSON.readTree(out.read(out.manifest()));
            } catch (Exception e) {
                throw new SweepException(path + "/sweep.json: unreadable");
            }
            long committed = out.committedRanges().stream().mapToLong(r -> r[1] - r[0]).sum();
            sweepRows.add(RowFactory.create(m.path("name").asText(), path, m.path("grid_size").asLong(), committed,
                    committed == m.path("grid_size").asLong(), text(m, "started"), text(m, "finished"),
                    m.path("runs").asInt(), text(m, "version"), text(m, "sweep_file"), text(m, "definition_hash")));
        }
        spark.createDataFrame(sweepRows, SWEEPS).createOrReplaceTempView("sweeps");
        view(spark, sweeps, "points", SweepJob.POINTS, conf);
        view(spark, sweeps, "layers", SweepJob.LAYERS, conf);
        paretoView(spark, sweeps, conf);
        designsView(spark, sweeps, conf);
        return sweeps;
    }

    /**
     * The view {@code pareto}: the committed pareto tables ({@link ParetoJob}) of the sweeps that
     * have one; no view at all when none has (a query on it then says the table does not exist,
     * rather than answering with no rows as if the front were empty).
     */
    private static void paretoView(SparkSession spark, List<String> sweeps, Configuration conf) {
        Dataset<Row> union = null;
        for (String path : sweeps) {
            Dataset<Row> t = ParetoJob.committed(spark, new SweepOutput(new org.apache.hadoop.fs.Path(path), conf));
            if (t != null) {
                union = union == null ? t : union.unionByName(t);
            }
        }
        if (union == null) {
            spark.catalog().dropTempView(ParetoJob.TABLE); // of an earlier register in this session
        } else {
            union.createOrReplaceTempView(ParetoJob.TABLE);
        }
    }

    /** The view {@code designs} ({@link DesignSearchJob}), like {@code pareto}: absent when no sweep has one. */
    private static void designsView(SparkSession spark, List<String> sweeps, Configuration conf) {
        Dataset<Row> union = null;
        for (String path : sweeps) {
            Dataset<Row> t = DesignSearchJob.committed(spark, new SweepOutput(new org.apache.hadoop.fs.Path(path), conf));
            if (t != null) {
                union = union == null ? t : union.unionByName(t);
            }
        }
        if (union == null) {
            spark.catalog().dropTempView(DesignSearchJob.TABLE);
        } else {
            union.createOrReplaceTempView(DesignSearchJob.TABLE);
        }
    }

    private static void view(SparkSession spark, List<String> sweeps, String table, StructType schema,
                             Configuration conf) {
        Dataset<Row> union = spark.createDataFrame(List.of(), schema);
        for (String path : sweeps) {
            union = union.unionByName(committed(spark, new SweepOutput(new org.apache.hadoop.fs.Path(path), conf), table));
        }
        union.createOrReplaceTempView(table);
    }

    /**
     * One table of one sweep as every reader must see it: exactly the files its commit markers list,
     * so the rows of an attempt that crashed before its marker, or lost to another attempt, never
     * appear (a folder listing would include them while a sweep runs or after a crash).
     */
    static Dataset<Row> committed(SparkSession spark, SweepOutput out, String table) {
        StructType schema = table.equals("points") ? SweepJob.POINTS : SweepJob.LAYERS;
        List<String> files = out.committedFiles(table);
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        // basePath: the network=X folders above the files are the partition column
        return spark.read().schema(schema).option("basePath", out.table(table).toString())
                .parquet(files.toArray(String[]::new));
    }

    private static String text(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
