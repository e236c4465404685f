package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.sresim.sweep.Pareto;
import org.sresim.sweep.ParetoTable;
import org.sresim.sweep.SweepException;

/**
 * {@code sre pareto}: the Pareto front of one sweep's points, per group, written as the sweep's
 * {@code pareto} table ({@link ParetoTable} for its columns, {@link DerivedTable} for how it is
 * committed and replaced).
 * <p>
 * One shuffle, no pairs: the selected rows are hash-partitioned by the group columns, sorted
 * within partitions by group, design (config hash, scheme) and seed, and averaged design by design
 * in one streaming pass ({@link Averager}: the seeds are summed in seed order, so a mean does not
 * depend on how rows were split). The averaged designs stay in their partitions, are sorted
 * again by group and objectives (maximised ones descending), and each group is scanned by the
 * Spark-free {@link Pareto.Scan} (sort-filter-skyline), whose memory is the front. The front is
 * gathered into one partition sorted by group, objectives, config hash and scheme: the table's
 * rows and their order are a function of the points alone, not of their partitioning.
 */
public final class ParetoJob {
    public static final String TABLE = "pareto";
    /** The pareto table's schema. */
    public static final StructType SCHEMA = SparkSchemas.of(ParetoTable.resultColumns());
    /** The averaged designs: the table's columns up to the run's own (candidates, objectives, ...). */
    static final StructType DESIGNS = SparkSchemas.of(ParetoTable.resultColumns().subList(0, ParetoTable.index("candidates")));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group's count of designs and front size. */
    public record Group(List<Object> key, long candidates, long front) {
        /** "network=lenet5, data=, scheme=sre-bit". */
        public String label(List<String> by) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < by.size(); i++) {
                parts.add(by.get(i) + "=" + (key.get(i) == null ? "NULL" : key.get(i)));
            }
            return parts.isEmpty() ? "all" : String.join(", ", parts);
        }
    }

    /**
     * What a run did: the sweep's committed rows, those --where kept, those of them left out for a
     * NULL objective, the designs they averaged into, the groups, and the committed version.
     */
    public record Outcome(String sweep, String path, long rows, long selected, long nullObjectives, long designs,
                          List<Group> groups, long frontRows, long version) {
    }

    private final SparkSession spark;
    private final PrintWriter console;

    public ParetoJob(SparkSession spark, PrintWriter console) {
        this.spark = spark;
        this.console = console;
    }

    /** The folder of the sweep named {@code name} under {@code dir} (or {@code dir} itself). */
    public static String sweepPath(String dir, String name, Configuration conf) {
        List<String> names = new ArrayList<>();
        for (String path : SweepOutput.sweepsUnder(dir, conf)) {
            SweepOutput out = new SweepOutput(new Path(path), conf);
            String n;
            try {
                n = JSON.readTree(out.read(out.manifest())).path("name").asText();
            } catch (Exception e) {
                throw new SweepException(path + "/sweep.json: unreadable");
            }
            if (n.equals(name)) {
                return path;
            }
            names.add(n);
        }
        throw new SweepException("--sweep " + name + ": no such sweep in " + dir
                + (names.isEmpty() ? " (no sweep results there)" : " (sweeps: " + String.join(", ", names) + ")"));
    }

    /** Computes and commits the front of sweep {@code name} under {@code dir}. */
    public Outcome run(String dir, String name, ParetoTable.Request request) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        SweepOutput out = new SweepOutput(new Path(sweepPath(dir, name, conf)), conf);
        DerivedTable table = new DerivedTable(out, TABLE);
        try (SweepLease lease = SweepLease.acquire(out.fs(), out.root, SweepLease.DEFAULT_TIMEOUT, console)) {
            table.removeStale(); // of a run that died before or after its commit
            Path staging = table.staging(lease.runId());
            try {
                Outcome o = compute(out, name, request, staging);
                if (lease.lost()) {
                    throw new SweepException("the lease of " + out.root + " was taken over by another run; "
                            + "the front was not committed");
                }
                ObjectNode info = JSON.createObjectNode();
                info.put("objectives", Pareto.label(request.objectives()));
                info.put("constraint", request.where());
                info.put("group_by", request.groupLabel());
                info.put("rows", o.rows());
                info.put("selected", o.selected());
                info.put("null_objectives", o.nullObjectives());
                info.put("designs", o.designs());
                info.put("front_rows", o.frontRows());
                info.put("computed", Instant.now().toString());
                long version = table.commit(staging, lease.runId(), info);
                return new Outcome(o.sweep(), o.path(), o.rows(), o.selected(), o.nullObjectives(), o.designs(),
                        o.groups(), o.frontRows(), version);
            } finally {
                try {
                    out.fs().delete(staging, true);
                } catch (java.io.IOException e) {
                    // left for the next run's removeStale / the sweep's orphan removal
                }
            }
        }
    }

    private Outcome compute(SweepOutput out, String name, ParetoTable.Request request, Path staging) {
        Dataset<Row> points = ResultViews.committed(spark, out, "points");
        List<String> by = request.by();
        List<Pareto.Objective> objectives = request.objectives();
        Dataset<Row> selected = points;
        if (!request.where().isEmpty()) {
            try {
                selected = points.where(request.where());
            } catch (Exception e) {
                if (e instanceof AnalysisException || e.getClass().getName().contains("ParseException")) {
                    throw new SweepException("--where '" + request.where() + "': " + SqlSession.oneLine(e));
                }
                throw e;
            }
        }
        Column anyNull = functions.lit(false);
        for (Pareto.Objective o : objectives) {
            anyNull = anyNull.or(functions.col(o.column()).isNull());
        }
        long rows;
        long kept;
        long nulls;
        try {
            rows = points.count();
            Row counts = selected.agg(functions.count(functions.lit(1)), functions.count_if(anyNull)).first();
            kept = counts.getLong(0);
            nulls = counts.getLong(1);
        } catch (RuntimeException e) {
            throw sparkError(e, "reading the points of sweep '" + name + "'"
                    + (request.where().isEmpty() ? "" : " with --where '" + request.where() + "'"));
        }
        if (rows == 0) {
            throw new SweepException("sweep '" + name + "' has no committed points in " + out.root);
        }
        if (kept == 0) {
            throw new SweepException("--where '" + request.where() + "' selects none of the " + rows
                    + " rows of sweep '" + name + "'");
        }
        if (kept == nulls) {
            throw new SweepException("every one of the " + kept + " selected rows of sweep '" + name
                    + "' has NULL in an objective (" + Pareto.label(objectives) + ")");
        }

        // the averaging pass: rows of a group in one partition, each design's seeds consecutive, in seed order
        List<String> inputs = new ArrayList<>();
        for (ParetoTable.Column c : ParetoTable.COLUMNS.subList(0, ParetoTable.index("candidates"))) {
            if (c.role() != ParetoTable.Role.RUN) {
                inputs.add(c.name());
            }
        }
        List<Column> groupCols = by.stream().map(functions::col).toList();
        List<Column> designOrder = new ArrayList<>(groupCols);
        designOrder.addAll(List.of(functions.col("config_hash"), functions.col("scheme"), functions.col("seed"),
                functions.col("point_index")));
        inputs.add("seed"); // read by the sort only: after the columns the averager reads
        inputs.add("point_index");
        Dataset<Row> input = selected.where(functions.not(anyNull))
                .select(inputs.stream().map(functions::col).toArray(Column[]::new));
        Dataset<Row> grouped = groupCols.isEmpty() ? input.repartition(1) : input.repartition(groupCols.toArray(Column[]::new));
        Dataset<Row> designs = grouped
                .sortWithinPartitions(designOrder.toArray(Column[]::new))
                .mapPartitions(new Averager(), Encoders.row(DESIGNS));

        // the skyline pass: same partitions, sorted by group then objectives (maximised descending)
        Column[] frontOrder = order(request);
        int[] groupIndex = by.stream().mapToInt(DESIGNS::fieldIndex).toArray();
        int[] objectiveIndex = objectives.stream().mapToInt(o -> DESIGNS.fieldIndex(o.column())).toArray();
        Dataset<Row> front = designs.sortWithinPartitions(frontOrder)
                .mapPartitions(new Skyline(groupIndex, objectiveIndex, Pareto.maximized(objectives),
                        Pareto.label(objectives), request.where(), request.groupLabel()), Encoders.row(SCHEMA))
                .repartition(1)
                .sortWithinPartitions(frontOrder);
        try {
            front.write().mode("errorifexists").parquet(staging.toString());
        } catch (RuntimeException e) {
            throw sparkError(e, "computing the front of sweep '" + name + "'");
        }

        // the groups, from the rows just written (a few rows per group)
        Dataset<Row> written = spark.read().schema(SCHEMA).parquet(staging.toString());
        List<Column> aggs = List.of(functions.max("candidates"), functions.count(functions.lit(1)));
        Dataset<Row> perGroup = groupCols.isEmpty() ? written.agg(aggs.get(0), aggs.get(1))
                : written.groupBy(groupCols.toArray(Column[]::new)).agg(aggs.get(0), aggs.get(1))
                .orderBy(groupCols.toArray(Column[]::new));
        List<Group> groups = new ArrayList<>();
        long designCount = 0;
        long frontRows = 0;
        for (Row r : perGroup.collectAsList()) {
            List<Object> key = new ArrayList<>();
            for (int i = 0; i < by.size(); i++) {
                key.add(r.get(i));
            }
            long candidates = r.getLong(by.size());
            long size = r.getLong(by.size() + 1);
            groups.add(new Group(key, candidates, size));
            designCount += candidates;
            frontRows += size;
        }
        return new Outcome(name, out.root.toString(), rows, kept, nulls, designCount, groups, frontRows, 0);
    }

    /** A Spark failure as one line: the most specific Spark error (a cast in --where, say). */
    private static RuntimeException sparkError(RuntimeException e, String doing) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SparkThrowable s && s.getCondition() != null && !s.getCondition().startsWith("_LEGACY")
                    && !s.getCondition().startsWith("INTERNAL")) {
                return new SweepException(doing + ": " + SqlSession.oneLine(e));
            }
        }
        return e;
    }

    /** The table's order: group, objectives (maximised descending), config hash, scheme. */
    public static Column[] order(ParetoTable.Request request) {
        List<Column> order = new ArrayList<>();
        request.by().forEach(c -> order.add(functions.col(c)));
        for (Pareto.Objective o : request.objectives()) {
            order.add(o.maximize() ? functions.col(o.column()).desc() : functions.col(o.column()).asc());
        }
        order.add(functions.col("config_hash"));
        order.add(functions.col("scheme"));
        return order.toArray(Column[]::new);
    }

    /** The committed pareto table of one sweep folder, or null when it has none. */
    static Dataset<Row> committed(SparkSession spark, SweepOutput out) {
        DerivedTable table = new DerivedTable(out, TABLE);
        List<String> files = table.committedFiles();
        if (files.isEmpty()) {
            return null;
        }
        return spark.read().schema(SCHEMA).parquet(files.toArray(String[]::new));
    }

    /** The committed pareto table of the sweep folder {@code sweepPath}, or null when it has none. */
    public static Dataset<Row> committed(SparkSession spark, String sweepPath) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        return committed(spark, new SweepOutput(new Path(sweepPath), conf));
    }

    /**
     * Averages the rows of each design (consecutive, in seed order) into one row of {@link #DESIGNS}:
     * key columns from the first row, {@code seeds} the row count, numeric metrics the mean of the
     * non-NULL values summed in order (NULL when all are), boolean metrics true when all non-NULL are.
     */
    static final class Averager implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<ParetoTable.Column> columns = ParetoTable.COLUMNS.subList(0, ParetoTable.index("candidates"));
            int n = columns.size();
            int[] from = new int[n]; // index in the input row, -1 for seeds
            int at = 0;
            for (int i = 0; i < n; i++) {
                from[i] = columns.get(i).role() == ParetoTable.Role.RUN ? -1 : at++;
            }
            ParetoTable.Role[] role = columns.stream().map(ParetoTable.Column::role).toArray(ParetoTable.Role[]::new);
            int hash = ParetoTable.index("config_hash");
            int scheme = ParetoTable.index("scheme");
            int hashIn = from[hash];
            int schemeIn = from[scheme];
            return new Iterator<>() {
                Row pending = rows.hasNext() ? rows.next() : null;

                @Override
                public boolean hasNext() {
                    return pending != null;
                }

                @Override
                public Row next() {
                    if (pending == null) {
                        throw new NoSuchElementException();
                    }
                    Row first = pending;
                    double[] sum = new double[n];
                    int[] count = new int[n];
                    boolean[] all = new boolean[n];
                    Arrays.fill(all, true);
                    int seeds = 0;
                    Row r = first;
                    while (true) {
                        seeds++;
                        for (int i = 0; i < n; i++) {
                            int j = from[i];
                            if (j < 0 || r.isNullAt(j)) {
                                continue;
                            }
                            if (role[i] == ParetoTable.Role.MEAN) {
                                sum[i] += ((Number) r.get(j)).doubleValue();
                                count[i]++;
                            } else if (role[i] == ParetoTable.Role.ALL) {
                                all[i] &= r.getBoolean(j);
                                count[i]++;
                            }
                        }
                        r = rows.hasNext() ? rows.next() : null;
                        if (r == null || !Objects.equals(r.get(hashIn), first.get(hashIn))
                                || !Objects.equals(r.get(schemeIn), first.get(schemeIn))) {
                            break;
                        }
                    }
                    pending = r;
                    Object[] v = new Object[n];
                    for (int i = 0; i < n; i++) {
                        int j = from[i];
                        v[i] = switch (role[i]) {
                            case KEY -> first.get(j);
                            case RUN -> seeds;
                            case MEAN -> count[i] == 0 ? null : sum[i] / count[i];
                            case ALL -> count[i] == 0 ? null : all[i];
                        };
                    }
                    return RowFactory.create(v);
                }
            };
        }
    }

    /**
     * Scans each group's designs (consecutive, sorted by objectives) with a {@link Pareto.Scan} and
     * emits the group's front when the group ends, each row extended by the run's columns.
     */
    static final class Skyline implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int[] group;
        private final int[] objective;
        private final boolean[] maximize;
        private final String objectives;
        private final String constraint;
        private final String groupBy;

        Skyline(int[] group, int[] objective, boolean[] maximize, String objectives, String constraint, String groupBy) {
            this.group = group;
            this.objective = objective;
            this.maximize = maximize;
            this.objectives = objectives;
            this.constraint = constraint;
            this.groupBy = groupBy;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                final Deque<Row> ready = new ArrayDeque<>();
                Row pending = rows.hasNext() ? rows.next() : null;

                @Override
                public boolean hasNext() {
                    while (ready.isEmpty() && pending != null) {
                        scanGroup();
                    }
                    return !ready.isEmpty();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.poll();
                }

                private void scanGroup() {
                    Object[] key = key(pending);
                    Pareto.Scan<Row> scan = new Pareto.Scan<>(objective.length);
                    double[] values = new double[objective.length];
                    while (pending != null && Arrays.equals(key, key(pending))) {
                        for (int i = 0; i < objective.length; i++) {
                            values[i] = ((Number) pending.get(objective[i])).doubleValue();
                        }
                        scan.add(Pareto.key(values, maximize), pending);
                        pending = rows.hasNext() ? rows.next() : null;
                    }
                    for (Row r : scan.front()) {
                        Object[] v = new Object[r.size() + 4];
                        for (int i = 0; i < r.size(); i++) {
                            v[i] = r.get(i);
                        }
                        v[r.size()] = scan.considered();
                        v[r.size() + 1] = objectives;
                        v[r.size() + 2] = constraint;
                        v[r.size() + 3] = groupBy;
                        ready.add(RowFactory.create(v));
                    }
                }

                private Object[] key(Row r) {
                    Object[] k = new Object[group.length];
                    for (int i = 0; i < group.length; i++) {
                        k[i] = r.get(group[i]);
                    }
                    return k;
                }
            };
        }
    }
}
