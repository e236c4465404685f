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
 */
public final class ReportSource implements Sql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SparkSession spark;

    private ReportSource(SparkSession spark) {
        this.spark = spark;
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
        // points: cached, every section reads it; layers: read by one or two queries, caching would cost more
        spark.sql("DROP VIEW IF EXISTS " + ReportContext.POINTS);
        spark.sql("CACHE TABLE " + ReportContext.POINTS + " AS SELECT * FROM points" + where);
        spark.sql("CREATE OR REPLACE TEMP VIEW " + ReportContext.LAYERS + " AS SELECT * FROM layers" + where);
        return new ReportSource(spark);
    }

    /** Drops the cached report views (the session lives on, e.g. in tests). */
    public void close() {
        for (String v : new String[] {ReportContext.POINTS, ReportContext.LAYERS}) {
            spark.sql("UNCACHE TABLE IF EXISTS " + v);
            spark.sql("DROP VIEW IF EXISTS " + v);
        }
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
