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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sresim.sweep.Pareto;
import org.sresim.sweep.ParetoTable;
import org.sresim.sweep.SweepException;

/**
 * {@code sre pareto}: the Pareto front of one sweep's points, per group, written as the sweep's
 * {@code pareto} table ({@link ParetoTable} for its columns, {@link DerivedTable} for how it is
 * committed and replaced).
 * <p>
 * Sort-based, no pairs, in two passes. (1) Narrow rows (group and design keys, the objectives,
 * the seed) are hash-partitioned by the group columns, sorted within partitions by group, design
 * (config hash, scheme) and seed, and averaged design by design in one streaming pass
 * ({@link Means}: seeds summed in seed order, so a mean does not depend on how rows were split).
 * The averages stay in their partitions, are sorted again by group and objectives (maximised ones
 * descending), and each group is scanned by the Spark-free {@link Pareto.Scan}
 * (sort-filter-skyline), whose memory is the front: out come the front's design keys. (2) Only
 * those designs' rows are joined back at full width and averaged column by column in the same
 * order ({@link Averager}), then gathered into one partition sorted by group, objectives, config
 * hash and scheme. A table's ~125 columns thus cross one small shuffle, not the big one (on 10^5
 * synthetic rows a single full-width pass took 1.5 times as long warm: docs/pareto.md), and the
 * rows and their order are a function of the points alone, not of their partitioning.
 */
public final class ParetoJob {
    public static final String TABLE = "pareto";
    /** The pareto table's schema. */
    public static final StructType SCHEMA = SparkSchemas.of(ParetoTable.resultColumns());
    /** The averaged designs: the table's columns up to the run's own (candidates, objectives, ...). */
    static final StructType DESIGNS = SparkSchemas.of(ParetoTable.resultColumns().subList(0, ParetoTable.index("candidates")));
    /** The averaged designs and their group's candidates: what {@link Averager} makes of the front's rows. */
    static final StructType DESIGNS_AND_CANDIDATES = SparkSchemas.of(ParetoTable.resultColumns().subList(0,
            ParetoTable.index("candidates") + 1));
    /** A design on the front and its group's candidates: what the narrow pass finds. */
    static final StructType FRONT_KEYS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("config_hash", DataTypes.StringType, true),
            DataTypes.createStructField("scheme", DataTypes.StringType, true),
            DataTypes.createStructField("candidates", DataTypes.LongType, false)));
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
        Selection s = select(out, name, request);
        Dataset<Row> frontRows = frontRows(s.input(), frontKeys(s.input(), request), request);
        try {
            frontRows.write().mode("errorifexists").parquet(staging.toString());
        } catch (RuntimeException e) {
            throw sparkError(e, "computing the front of sweep '" + name + "'");
        }
        List<Group> groups = groups(staging, request.by());
        long designCount = groups.stream().mapToLong(Group::candidates).sum();
        long frontCount = groups.stream().mapToLong(Group::front).sum();
        return new Outcome(name, out.root.toString(), s.rows(), s.selected(), s.nulls(), designCount, groups,
                frontCount, 0);
    }

    /** The points --where keeps without a NULL objective, and the counts the summary reports. */
    private record Selection(Dataset<Row> input, long rows, long selected, long nulls) {
    }

    private Selection select(SweepOutput out, String name, ParetoTable.Request request) {
        List<Pareto.Objective> objectives = request.objectives();
        Dataset<Row> points = ResultViews.committed(spark, out, "points");
        Column chosen = functions.lit(true);
        if (!request.where().isEmpty()) {
            try {
                chosen = functions.expr(request.where());
                points.where(chosen); // analysed now: a bad column or type fails here, before any job
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
        Column kept = functions.coalesce(chosen, functions.lit(false)); // SQL WHERE: NULL is not kept
        long rows;
        long selected;
        long nulls;
        try {
            Row counts = points.agg(functions.count(functions.lit(1)), functions.count_if(kept),
                    functions.count_if(kept.and(anyNull))).first();
            rows = counts.getLong(0);
            selected = counts.getLong(1);
            nulls = counts.getLong(2);
        } catch (RuntimeException e) {
            throw sparkError(e, "reading the points of sweep '" + name + "'"
                    + (request.where().isEmpty() ? "" : " with --where '" + request.where() + "'"));
        }
        if (rows == 0) {
            throw new SweepException("sweep '" + name + "' has no committed points in " + out.root);
        }
        if (selected == 0) {
            throw new SweepException("--where '" + request.where() + "' selects none of the " + rows
                    + " rows of sweep '" + name + "'");
        }
        if (selected == nulls) {
            throw new SweepException("every one of the " + selected + " selected rows of sweep '" + name
                    + "' has NULL in an objective (" + Pareto.label(objectives) + ")");
        }
        return new Selection(points.where(kept.and(functions.not(anyNull))), rows, selected, nulls);
    }

    /** Pass 1: the front on narrow rows (group and design keys, objectives, seed); one shuffle by group. */
    private static Dataset<Row> frontKeys(Dataset<Row> input, ParetoTable.Request request) {
        List<String> by = request.by();
        List<Pareto.Objective> objectives = request.objectives();
        List<String> keys = new ArrayList<>(by);
        for (String k : List.of("config_hash", "scheme")) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        List<Column> narrow = new ArrayList<>();
        keys.forEach(k -> narrow.add(functions.col(k)));
        for (int i = 0; i < objectives.size(); i++) {
            narrow.add(functions.col(objectives.get(i).column()).cast("double").as("_o" + i));
        }
        narrow.add(functions.col("seed"));
        narrow.add(functions.col("point_index"));
        List<Column> designOrder = new ArrayList<>();
        keys.forEach(k -> designOrder.add(functions.col(k)));
        designOrder.add(functions.col("seed"));
        designOrder.add(functions.col("point_index"));
        Dataset<Row> byGroup = input.select(narrow.toArray(Column[]::new));
        byGroup = by.isEmpty() ? byGroup.repartition(1)
                : byGroup.repartition(by.stream().map(functions::col).toArray(Column[]::new));
        StructType meansSchema = meansSchema(byGroup.schema(), keys.size(), objectives.size());
        int hash = keys.indexOf("config_hash");
        int scheme = keys.indexOf("scheme");
        List<Column> objectiveOrder = new ArrayList<>();
        by.forEach(k -> objectiveOrder.add(functions.col(k)));
        for (int i = 0; i < objectives.size(); i++) {
            objectiveOrder.add(objectives.get(i).maximize() ? functions.col("_o" + i).desc() : functions.col("_o" + i).asc());
        }
        objectiveOrder.add(functions.col("config_hash"));
        objectiveOrder.add(functions.col("scheme"));
        int[] objectiveIndex = new int[objectives.size()];
        for (int i = 0; i < objectiveIndex.length; i++) {
            objectiveIndex[i] = keys.size() + i;
        }
        return byGroup.sortWithinPartitions(designOrder.toArray(Column[]::new))
                .mapPartitions(new Means(keys.size(), objectives.size(), hash, scheme), Encoders.row(meansSchema))
                .sortWithinPartitions(objectiveOrder.toArray(Column[]::new))
                .mapPartitions(new Skyline(java.util.stream.IntStream.range(0, by.size()).toArray(), objectiveIndex,
                        Pareto.maximized(objectives), new int[] {hash, scheme}), Encoders.row(FRONT_KEYS));

    }

    /** Pass 2: the front's designs at full width, their rows joined back and averaged column by column. */
    private static Dataset<Row> frontRows(Dataset<Row> input, Dataset<Row> frontKeys, ParetoTable.Request request) {
        List<Pareto.Objective> objectives = request.objectives();
        List<String> inputs = new ArrayList<>();
        for (ParetoTable.Column c : ParetoTable.COLUMNS.subList(0, ParetoTable.index("candidates"))) {
            if (c.role() != ParetoTable.Role.RUN) {
                inputs.add(c.name());
            }
        }
        inputs.add("candidates"); // carried from the design's first row
        inputs.add("seed"); // read by the sort only
        inputs.add("point_index");
        return input.join(functions.broadcast(frontKeys), scala.jdk.javaapi.CollectionConverters
                        .asScala(List.of("config_hash", "scheme")).toSeq())
                .select(inputs.stream().map(functions::col).toArray(Column[]::new))
                .repartition(functions.col("config_hash"), functions.col("scheme"))
                .sortWithinPartitions("config_hash", "scheme", "seed", "point_index")
                .mapPartitions(new Averager(), Encoders.row(DESIGNS_AND_CANDIDATES))
                .withColumn("objectives", functions.lit(Pareto.label(objectives)))
                .withColumn("constraint", functions.lit(request.where()))
                .withColumn("group_by", functions.lit(request.groupLabel()))
                .select(java.util.Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new))
                .repartition(1)
                .sortWithinPartitions(order(request));
    }

    /** Each group's designs considered and front size, from the rows just written (a few per group). */
    private List<Group> groups(Path staging, List<String> by) {
        List<Column> groupCols = by.stream().map(functions::col).toList();
        Dataset<Row> written = spark.read().schema(SCHEMA).parquet(staging.toString());
        List<Column> aggs = List.of(functions.max("candidates"), functions.count(functions.lit(1)));
        Dataset<Row> perGroup = groupCols.isEmpty() ? written.agg(aggs.get(0), aggs.get(1))
                : written.groupBy(groupCols.toArray(Column[]::new)).agg(aggs.get(0), aggs.get(1))
                .orderBy(groupCols.toArray(Column[]::new));
        List<Group> groups = new ArrayList<>();
        for (Row r : perGroup.collectAsList()) {
            List<Object> key = new ArrayList<>();
            for (int i = 0; i < by.size(); i++) {
                key.add(r.get(i));
            }
            long candidates = r.getLong(by.size());
            long size = r.getLong(by.size() + 1);
            groups.add(new Group(key, candidates, size));
        }
        return groups;
    }

    /** The narrow pass's averaged rows: the keys as read, the objectives' means, the seeds. */
    private static StructType meansSchema(StructType narrow, int keys, int objectives) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(narrow.fields()).subList(0, keys + objectives));
        fields.add(DataTypes.createStructField("seeds", DataTypes.IntegerType, false));
        return DataTypes.createStructType(fields);
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
     * Averages the rows of each design (consecutive, in seed order) into one row of
     * {@link #DESIGNS_AND_CANDIDATES}: key columns from the first row, {@code seeds} the row count,
     * numeric metrics the mean of the non-NULL values summed in order (NULL when all are), boolean
     * metrics true when all non-NULL are, then {@code candidates} carried from the first row.
     * Summed in the order {@link Means} sums, so an objective's mean here is the one the front was
     * taken on, to the last bit.
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
            int candidates = at; // the input's first column after the table's
            ParetoTable.Role[] role = columns.stream().map(ParetoTable.Column::role).toArray(ParetoTable.Role[]::new);
            int hashIn = from[ParetoTable.index("config_hash")];
            int schemeIn = from[ParetoTable.index("scheme")];
            return new DesignIterator(rows, hashIn, schemeIn) {
                @Override
                Row average(List<Row> design) {
                    Object[] v = new Object[n + 1];
                    Row first = design.get(0);
                    for (int i = 0; i < n; i++) {
                        int j = from[i];
                        v[i] = switch (role[i]) {
                            case KEY -> first.get(j);
                            case RUN -> design.size();
                            case MEAN -> mean(design, j);
                            case ALL -> all(design, j);
                        };
                    }
                    v[n] = first.get(candidates);
                    return RowFactory.create(v);
                }
            };
        }

        private static Boolean all(List<Row> design, int j) {
            Boolean all = null;
            for (Row r : design) {
                if (!r.isNullAt(j)) {
                    all = (all == null || all) && r.getBoolean(j);
                }
            }
            return all;
        }
    }

    /** The mean of column {@code j} over a design's rows: non-NULL values summed in row order; NULL when all are. */
    static Double mean(List<Row> design, int j) {
        double sum = 0;
        int count = 0;
        for (Row r : design) {
            if (!r.isNullAt(j)) {
                sum += ((Number) r.get(j)).doubleValue();
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    /**
     * The narrow pass's averaging: rows of {@code keys} key columns, then {@code objectives} doubles
     * (then anything, for the sort), one design's seeds consecutive in seed order; out: the keys, the
     * objectives' means, the seeds.
     */
    static final class Means implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int keys;
        private final int objectives;
        private final int hash;
        private final int scheme;

        Means(int keys, int objectives, int hash, int scheme) {
            this.keys = keys;
            this.objectives = objectives;
            this.hash = hash;
            this.scheme = scheme;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new DesignIterator(rows, hash, scheme) {
                @Override
                Row average(List<Row> design) {
                    Object[] v = new Object[keys + objectives + 1];
                    for (int i = 0; i < keys; i++) {
                        v[i] = design.get(0).get(i);
                    }
                    for (int i = keys; i < keys + objectives; i++) {
                        v[i] = mean(design, i);
                    }
                    v[keys + objectives] = design.size();
                    return RowFactory.create(v);
                }
            };
        }
    }

    /** Cuts a partition's rows into designs (runs of equal config hash and scheme) and averages each. */
    abstract static class DesignIterator implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int hash;
        private final int scheme;
        private Row pending;

        DesignIterator(Iterator<Row> rows, int hash, int scheme) {
            this.rows = rows;
            this.hash = hash;
            this.scheme = scheme;
            this.pending = rows.hasNext() ? rows.next() : null;
        }

        abstract Row average(List<Row> design);

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public Row next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            List<Row> design = new ArrayList<>();
            Row first = pending;
            do {
                design.add(pending);
                pending = rows.hasNext() ? rows.next() : null;
            } while (pending != null && Objects.equals(pending.get(hash), first.get(hash))
                    && Objects.equals(pending.get(scheme), first.get(scheme)));
            return average(design);
        }
    }

    /**
     * Scans each group's designs (consecutive, sorted by objectives) with a {@link Pareto.Scan} and,
     * when the group ends, emits the {@code output} columns of each design on its front followed by
     * the group's count of designs.
     */
    static final class Skyline implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int[] group;
        private final int[] objective;
        private final boolean[] maximize;
        private final int[] output;

        Skyline(int[] group, int[] objective, boolean[] maximize, int[] output) {
            this.group = group;
            this.objective = objective;
            this.maximize = maximize;
            this.output = output;
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
                    while (pending != null && Arrays.equals(key, key(pending))) {
                        double[] values = new double[objective.length];
                        for (int i = 0; i < objective.length; i++) {
                            values[i] = ((Number) pending.get(objective[i])).doubleValue();
                        }
                        scan.add(Pareto.key(values, maximize), pending);
                        pending = rows.hasNext() ? rows.next() : null;
                    }
                    for (Row r : scan.front()) {
                        Object[] v = new Object[output.length + 1];
                        for (int i = 0; i < output.length; i++) {
                            v[i] = r.get(output[i]);
                        }
                        v[output.length] = scan.considered();
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
