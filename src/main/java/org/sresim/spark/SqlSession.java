package org.sresim.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs SQL statements one after another on one SparkSession over the result views of a results
 * directory: the session (and its ~10 s of start-up) is paid once, not per statement. Every failure
 * of a statement, whether parse error, unknown name or a task failing at run time, becomes a
 * {@link SqlStatementException} with a one-line message; the session stays usable.
 */
public final class SqlSession {
    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static final StructType TABLES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("view", DataTypes.StringType, false),
            DataTypes.createStructField("rows", DataTypes.LongType, false),
            DataTypes.createStructField("columns", DataTypes.IntegerType, false)));

    /** A statement's first rows (at most the limit) and whether there were more. */
    public record Answer(StructType schema, List<Row> rows, boolean truncated, double seconds) {
    }

    private final SparkSession spark;
    private volatile String runningGroup;
    private volatile boolean cancelled;

    private SqlSession(SparkSession spark) {
        this.spark = spark;
    }

    /** Registers {@code points}, {@code layers} and {@code sweeps} over the sweeps under {@code dir}. */
    public static SqlSession open(SparkSession spark, String dir) {
        ResultViews.register(spark, dir);
        return new SqlSession(spark);
    }

    /**
     * Runs one statement (without its {@code ;}).
     *
     * @param limit at most this many rows are fetched; 0 fetches all
     * @throws SqlStatementException whatever went wrong, in one line ("cancelled" after {@link #cancel})
     */
    public Answer run(String sql, int limit) {
        return timed(() -> {
            Dataset<Row> result = spark.sql(sql);
            List<Row> rows = limit > 0 ? result.limit(limit + 1).collectAsList() : result.collectAsList();
            boolean truncated = limit > 0 && rows.size() > limit;
            return new Answer(result.schema(), truncated ? rows.subList(0, limit) : rows, truncated, 0);
        }, sql);
    }

    /** Every view of the session (the result views and any the user created) with its row and column counts. */
    public Answer tables() {
        return timed(() -> {
            List<Row> rows = new ArrayList<>();
            for (String view : views()) {
                Dataset<Row> t = spark.table(view);
                rows.add(RowFactory.create(view, t.count(), t.schema().size()));
            }
            return new Answer(TABLES, rows, false, 0);
        }, "tables");
    }

    /** View names and their column names, for completion. */
    public Set<String> vocabulary() {
        Set<String> words = new LinkedHashSet<>();
        for (String view : views()) {
            words.add(view);
            words.addAll(List.of(spark.table(view).schema().fieldNames()));
        }
        return words;
    }

    /**
     * Cancels the Spark jobs of the statement in flight (called from another thread, e.g. on Ctrl-C).
     *
     * @return false when no statement was running
     */
    public boolean cancel() {
        String group = runningGroup;
        if (group == null) {
            return false;
        }
        cancelled = true;
        spark.sparkContext().cancelJobGroup(group);
        return true;
    }

    private List<String> views() {
        List<String> names = new ArrayList<>();
        for (Row r : spark.sql("SHOW VIEWS").collectAsList()) {
            names.add(r.getAs("viewName"));
        }
        return names;
    }

    private interface Work {
        Answer get();
    }

    private Answer timed(Work work, String description) {
        SparkContext sc = spark.sparkContext();
        String group = "sre-sql-" + STATEMENTS.incrementAndGet();
        long start = System.nanoTime();
        cancelled = false;
        sc.setJobGroup(group, description.length() > 200 ? description.substring(0, 200) : description, true);
        runningGroup = group;
        try {
            Answer a = work.get();
            return new Answer(a.schema(), a.rows(), a.truncated(), (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw new SqlStatementException(cancelled ? "cancelled" : oneLine(e), e);
        } finally {
            runningGroup = null;
            sc.clearJobGroup();
        }
    }

    /**
     * The first line of the most specific Spark error in the cause chain: a task's
     * {@code [DIVIDE_BY_ZERO] ...} rather than the "Job aborted due to stage failure" around it.
     */
    public static String oneLine(Throwable e) {
        Throwable best = e;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SparkThrowable s && s.getCondition() != null && !s.getCondition().startsWith("_LEGACY")) {
                best = t;
            }
        }
        String message = best.getMessage() == null ? "" : best.getMessage().lines()
                .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return best instanceof SparkThrowable && !message.isEmpty() ? message
                : best.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
