package org.sresim.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.sresim.report.ReportContext;
import org.sresim.report.Sql;
import org.sresim.report.Table;
import org.sresim.sweep.SweepException;

/**
 * The report's SQL on Spark: registers the result views of a directory plus
 * {@link ReportContext#POINTS} and {@link ReportContext#LAYERS} holding one sweep's rows (points
 * cached, since every section reads it), and answers queries as plain {@link Table}s.
 * <p>
 * A sum of doubles depends on the order of its terms, and the order Spark meets rows in depends
 * on how many files the sweep's tasks wrote and how they are split. So the report views hold
 * their rows in one partition sorted by their key, and queries run with one shuffle partition
 * while the source is open: every aggregate then adds its terms in one fixed order, and two
 * sweeps with the same rows give the same report, byte for byte, however they were partitioned
 * (before, figures of the paper sweep differed in the 16th digit of a bar between two runs).
 */
public final class ReportSource implements Sql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    private final SparkSession spark;
    private final String shufflePartitionsBefore;

    private ReportSource(SparkSession spark, String shufflePartitionsBefore) {
        this.spark = spark;
        this.shufflePartitionsBefore = shufflePartitionsBefore;
    }

    /** The names of the sweeps under {@code dir}, from their sweep.json files (no Spark job, fast). */
    public static List<String> sweepNames(String dir) {
        Configuration conf = new Configuration();
        List<String> names = new ArrayList<>();
        for (String path : SweepOutput.sweepsUnder(dir, conf)) {
            SweepOutput out = new SweepOutput(new Path(path), conf);
            try {
                names.add(JSON.readTree(out.read(out.manifest())).path("name").asText());
            } catch (Exception e) {
                throw new SweepException(path + "/sweep.json: unreadable");
            }
        }
        names.sort(null);
        return names;
    }

    /** Registers the views of {@code dir} and the report views of {@code sweep}. */
    public static ReportSource open(SparkSession spark, String dir, String sweep) {
        ResultViews.register(spark, dir);
        String where = " WHERE sweep = '" + sweep.replace("'", "''") + "'";
        String before = spark.conf().get(SHUFFLE_PARTITIONS);
        spark.conf().set(SHUFFLE_PARTITIONS, "1");
        try {
            // points: cached, every section reads it; layers: read by one or two queries, caching would cost more
            spark.sql("DROP VIEW IF EXISTS " + ReportContext.POINTS);
            ordered(spark, "SELECT * FROM points" + where, "point_index", "scheme")
                    .createOrReplaceTempView(ReportContext.POINTS);
            spark.catalog().cacheTable(ReportContext.POINTS);
            ordered(spark, "SELECT * FROM layers" + where, "point_index", "scheme", "layer_index")
                    .createOrReplaceTempView(ReportContext.LAYERS);
        } catch (RuntimeException e) {
            spark.conf().set(SHUFFLE_PARTITIONS, before);
            throw e;
        }
        return new ReportSource(spark, before);
    }

    /** The rows of {@code select} in one partition, sorted by {@code key} (unique per row). */
    private static Dataset<Row> ordered(SparkSession spark, String select, String... key) {
        return spark.sql(select).repartition(1).sortWithinPartitions(key[0], java.util.Arrays.copyOfRange(key, 1,
                key.length));
    }

    /** Drops the cached report views and restores the shuffle partitions (the session lives on, e.g. in tests). */
    public void close() {
        for (String v : new String[] {ReportContext.POINTS, ReportContext.LAYERS}) {
            spark.sql("UNCACHE TABLE IF EXISTS " + v);
            spark.sql("DROP VIEW IF EXISTS " + v);
        }
        spark.conf().set(SHUFFLE_PARTITIONS, shufflePartitionsBefore);
    }

    @Override
    public Table query(String sql) {
        Dataset<Row> result = spark.sql(sql);
        StructField[] fields = result.schema().fields();
        List<String> columns = new ArrayList<>();
        for (StructField f : fields) {
            columns.add(f.name());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : result.collectAsList()) {
            List<Object> row = new ArrayList<>(fields.length);
            for (int i = 0; i < fields.length; i++) {
                Object v = r.isNullAt(i) ? null
                        : fields[i].dataType() instanceof ArrayType ? new ArrayList<>(r.getList(i)) : r.get(i);
                row.add(v instanceof java.math.BigDecimal d ? (Object) d.doubleValue() : v);
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }
}
