package org.sresim.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sresim.config.ConfigLoader;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.design.DesignGroup;
import org.sresim.design.Designs;
import org.sresim.design.DesignsTable;
import org.sresim.design.Exact;
import org.sresim.design.Knee;
import org.sresim.design.LayerCost;
import org.sresim.design.Setting;
import org.sresim.sweep.Pareto;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.ModelData;
import org.sresim.workload.Network;
import org.sresim.workload.NetworkWriter;
import org.sresim.workload.Networks;

/**
 * {@code sre pareto --per-layer}: chooses each layer's OU shape and ADC resolution among a sweep's
 * values. Per (network, data, other config values), for one scheme:
 * <ol>
 * <li>every layer's energy and latency with every setting, and whether its rows meet the
 * condition, are read from the sweep's {@code layers} (means over seeds, summed in seed order);</li>
 * <li>{@link DesignGroup#candidates}: the uniform designs that meet the condition everywhere, plus
 * per-layer designs traced by a Lagrangian sweep;</li>
 * <li>every per-layer candidate is written as a network file ({@code DIR/NAME/designs/networks/})
 * and simulated exactly, as one point each, by an ordinary sweep {@code NAME-designs} in DIR
 * (its file: {@code DIR/NAME/designs/exact.yaml}); uniform designs are the sweep's own points;</li>
 * <li>the front is taken on the exact values and everything lands in the committed table
 * {@code designs} beside {@code points} ({@link DerivedTable}).</li>
 * </ol>
 * Per-layer candidates are independent of each other, so re-simulating them is a Spark job like
 * any sweep (progress, resume, committed rows).
 */
public final class DesignSearchJob {
    public static final String TABLE = "designs";
    public static final StructType SCHEMA = SparkSchemas.of(DesignsTable.COLUMNS);
    /** Config columns a design chooses or averages over; every other varied one is context. */
    private static final Set<String> NOT_CONTEXT = Set.of("seed", "ou.rows", "ou.cols", "adc.bits", "network", "data");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What to search: the scheme, the condition every layer row must meet, the front's objectives. */
    public record Request(String scheme, String where, List<Pareto.Objective> objectives) {
        public Request {
            where = where == null ? "" : where.strip();
            objectives = List.copyOf(objectives);
            for (Pareto.Objective o : objectives) {
                if (!Exact.OBJECTIVES.contains(o.column())) {
                    throw new SweepException("--per-layer: objective " + o.column() + " is not available (allowed: "
                            + String.join(", ", Exact.OBJECTIVES) + ")");
                }
            }
        }
    }

    /** One searched group's summary. */
    public record Group(String network, String data, String context, int uniform, int perLayer, int front,
                        List<String> infeasibleLayers, String knee) {
    }

    /** What a run did. */
    public record Outcome(String path, String exactSweep, List<Group> groups, long rows, long version) {
    }

    private final SparkSession spark;
    private final PrintWriter console;
    private final String version;

    public DesignSearchJob(SparkSession spark, PrintWriter console, String version) {
        this.spark = spark;
        this.console = console;
        this.version = version;
    }

    /** Searches sweep {@code name} under {@code dir} and commits its {@code designs} table. */
    public Outcome run(String dir, String name, Request request) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        SweepOutput out = new SweepOutput(new Path(ParetoJob.sweepPath(dir, name, conf)), conf);
        java.nio.file.Path local = localFolder(out.root);
        DerivedTable table = new DerivedTable(out, TABLE);
        // held from the first read to the commit: one search (or sweep) at a time writes this folder's designs
        try (SweepLease lease = SweepLease.acquire(out.fs(), out.root, SweepLease.DEFAULT_TIMEOUT, console)) {
            table.removeStale();
            Inputs inputs = read(out, request);
            List<Planned> planned = plan(inputs, local, name, request.scheme());
            String exactSweep = name + "-designs";
            Map<String, Exact> exact = planned.stream().anyMatch(p -> p.exact == null)
                    ? simulate(dir, local, exactSweep, inputs, planned, request) : Map.of();
            List<Row> rows = new ArrayList<>();
            List<Group> groups = new ArrayList<>();
            for (DesignGroup g : inputs.groups) {
                groups.add(rank(g, planned.stream().filter(p -> p.group == g).toList(), exact, request, name, rows));
            }
            return new Outcome(out.root.toString(), exactSweep, groups, rows.size(),
                    commit(out, table, lease, rows, request, exactSweep));
        }
    }

    /** Writes the rows to staging and commits them as the next version of the table; returns the version. */
    private long commit(SweepOutput out, DerivedTable table, SweepLease lease, List<Row> rows, Request request,
                        String exactSweep) {
        Path staging = table.staging(lease.runId());
        try {
            spark.createDataFrame(rows, SCHEMA).repartition(1).write().mode("errorifexists").parquet(staging.toString());
            if (lease.lost()) {
                throw new SweepException("the lease of " + out.root + " was taken over by another run; the designs"
                        + " were not committed");
            }
            ObjectNode info = JSON.createObjectNode();
            info.put("scheme", request.scheme());
            info.put("objectives", Pareto.label(request.objectives()));
            info.put("constraint", request.where());
            info.put("exact_sweep", exactSweep);
            return table.commit(staging, lease.runId(), info);
        } finally {
            try {
                out.fs().delete(staging, true);
            } catch (IOException e) {
                // left for the next run's removeStale
            }
        }
    }

    /** The committed designs table of one sweep folder, or null when it has none. */
    static Dataset<Row> committed(SparkSession spark, SweepOutput out) {
        List<String> files = new DerivedTable(out, TABLE).committedFiles();
        return files.isEmpty() ? null : spark.read().schema(SCHEMA).parquet(files.toArray(String[]::new));
    }

    public static Dataset<Row> committed(SparkSession spark, String sweepPath) {
        return committed(spark, new SweepOutput(new Path(sweepPath), spark.sparkContext().hadoopConfiguration()));
    }

    /** Design files are read by the simulator as local files: the results must be on a local disk. */
    private static java.nio.file.Path localFolder(Path root) {
        String scheme = root.toUri().getScheme();
        if (scheme != null && !scheme.equals("file")) {
            throw new SweepException("--per-layer: " + root + " is not on a local file system; the designs' network"
                    + " files must be (copy the sweep's results to a local folder)");
        }
        return java.nio.file.Path.of(root.toUri().getPath());
    }

    // ---------------------------------------------------------------- reading the sweep

    /** The searched groups and, per group, the config every design shares. */
    private record Inputs(List<DesignGroup> groups, Map<DesignGroup, Map<String, Object>> configs, List<Long> seeds) {
    }

    private Inputs read(SweepOutput out, Request request) {
        List<String> configColumns = Keys.all().stream().map(Key::column).toList();
        Dataset<Row> points = ResultViews.committed(spark, out, "points").where(
                org.apache.spark.sql.functions.col("scheme").equalTo(request.scheme()));
        Dataset<Row> layers = ResultViews.committed(spark, out, "layers").where(
                org.apache.spark.sql.functions.col("scheme").equalTo(request.scheme()));
        String ok = request.where().isEmpty() ? "true" : "(" + request.where() + ")";
        List<Row> pointRows;
        List<Row> layerRows;
        try {
            List<String> p = new ArrayList<>(configColumns);
            p.addAll(List.of("latency_ns", "energy_pj", "area_mm2", "speedup", "energy_saving", "read_error_rate",
                    "adc_clip_rate", "config_hash"));
            pointRows = points.selectExpr(p.toArray(String[]::new)).collectAsList();
            layerRows = layers.selectExpr("config_hash", "seed", "layer_index", "layer", "energy_pj", "latency_ns",
                    "coalesce(" + ok + ", false) AS ok").collectAsList();
        } catch (Exception e) { // Spark's AnalysisException is a checked exception to Java
            if (e.getClass().getName().contains("AnalysisException") || e.getClass().getName().contains("Parse")) {
                throw new SweepException("--where '" + request.where() + "': " + SqlSession.oneLine(e));
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        if (pointRows.isEmpty()) {
            throw new SweepException("sweep at " + out.root + " has no committed rows of scheme '" + request.scheme()
                    + "' (allowed: dense, weight, act-value, act-bit, sre-value, sre-bit, ideal)");
        }
        return group(pointRows, layerRows, configColumns);
    }

    /** One point of the searched scheme, with the context key of its group. */
    private record Point(String group, Setting setting, long seed, Row row) {
    }

    /** The points of each group (network, data, context), and the seeds they hold. */
    private record Indexed(Map<String, List<Point>> byGroup, Map<String, Point> byHashAndSeed, List<Long> seeds) {
    }

    private Inputs group(List<Row> pointRows, List<Row> layerRows, List<String> configColumns) {
        Indexed points = index(pointRows, configColumns);
        Map<String, Map<Setting, Map<Integer, TreeMap<Long, Row>>>> layerData = new TreeMap<>();
        Map<String, TreeMap<Integer, String>> layerNames = new TreeMap<>();
        for (Row r : layerRows) { // config_hash, seed, layer_index, layer, energy_pj, latency_ns, ok
            Point p = points.byHashAndSeed().get(r.getString(0) + "/" + r.getLong(1));
            if (p != null) {
                layerData.computeIfAbsent(p.group, k -> new TreeMap<>()).computeIfAbsent(p.setting, k -> new TreeMap<>())
                        .computeIfAbsent(r.getInt(2), k -> new TreeMap<>()).put(p.seed, r);
                layerNames.computeIfAbsent(p.group, k -> new TreeMap<>()).put(r.getInt(2), r.getString(3));
            }
        }
        List<DesignGroup> groups = new ArrayList<>();
        Map<DesignGroup, Map<String, Object>> configs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Point>> e : points.byGroup().entrySet()) {
            String[] parts = e.getKey().split("\n", -1);
            List<String> names = new ArrayList<>(layerNames.getOrDefault(e.getKey(), new TreeMap<>()).values());
            Map<Setting, LayerCost[]> costs = new TreeMap<>();
            Map<Setting, boolean[]> feasible = new TreeMap<>();
            layerData.getOrDefault(e.getKey(), new TreeMap<>()).forEach((s, perLayer) ->
                    layerCosts(s, perLayer, names.size(), costs, feasible));
            DesignGroup g = new DesignGroup(parts[0], parts[1], parts[2], names, costs, feasible,
                    uniform(e.getValue(), feasible, configColumns.size()));
            groups.add(g);
            configs.put(g, sharedConfig(e.getValue().get(0).row, configColumns.size()));
        }
        return new Inputs(groups, configs, points.seeds());
    }

    /** Groups the points by network, data and the context keys that vary in the sweep. */
    private static Indexed index(List<Row> pointRows, List<String> configColumns) {
        List<Key> keys = Keys.all();
        List<Integer> varying = new ArrayList<>();
        for (int c = 0; c < configColumns.size(); c++) {
            Set<String> values = new TreeSet<>();
            for (Row r : pointRows) {
                values.add(String.valueOf(r.get(c)));
            }
            if (!NOT_CONTEXT.contains(keys.get(c).name()) && values.size() > 1) {
                varying.add(c);
            }
        }
        int hash = configColumns.size() + 7;
        Map<String, Point> byHash = new TreeMap<>();
        Map<String, List<Point>> byGroup = new TreeMap<>();
        Set<Long> seeds = new TreeSet<>();
        for (Row r : pointRows) {
            StringBuilder context = new StringBuilder();
            for (int c : varying) {
                context.append(context.isEmpty() ? "" : " ").append(keys.get(c).name()).append('=').append(r.get(c));
            }
            String group = r.getString(configColumns.indexOf("network")) + "\n"
                    + r.getString(configColumns.indexOf("data")) + "\n" + context;
            Setting s = new Setting(r.getInt(configColumns.indexOf("ou_rows")), r.getInt(configColumns.indexOf("ou_cols")),
                    r.getString(configColumns.indexOf("adc_bits")));
            long seed = r.getLong(configColumns.indexOf("seed"));
            seeds.add(seed);
            Point p = new Point(group, s, seed, r);
            byHash.put(r.getString(hash) + "/" + seed, p);
            byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(p);
        }
        return new Indexed(byGroup, byHash, new ArrayList<>(seeds));
    }

    /** One setting's cost per layer (means over seeds, in seed order) and whether every seed met the condition. */
    private static void layerCosts(Setting s, Map<Integer, TreeMap<Long, Row>> perLayer, int layers,
                                   Map<Setting, LayerCost[]> costs, Map<Setting, boolean[]> feasible) {
        LayerCost[] c = new LayerCost[layers];
        boolean[] ok = new boolean[layers];
        perLayer.forEach((l, bySeed) -> {
            double energy = 0;
            double latency = 0;
            boolean all = true;
            for (Row r : bySeed.values()) {
                energy += r.getDouble(4);
                latency += r.getDouble(5);
                all &= r.getBoolean(6);
            }
            c[l] = new LayerCost(s, energy / bySeed.size(), latency / bySeed.size());
            ok[l] = all;
        });
        costs.put(s, c);
        feasible.put(s, ok);
    }

    /** Each uniform design's exact metrics: its points' mean over seeds, in seed order. */
    private static Map<Setting, Exact> uniform(List<Point> points, Map<Setting, boolean[]> feasible, int n) {
        Map<Setting, List<Point>> bySetting = new TreeMap<>();
        points.forEach(p -> bySetting.computeIfAbsent(p.setting, k -> new ArrayList<>()).add(p));
        Map<Setting, Exact> uniform = new TreeMap<>();
        bySetting.forEach((s, ps) -> {
            ps.sort(java.util.Comparator.comparingLong(Point::seed));
            boolean ok = true;
            for (boolean b : feasible.getOrDefault(s, new boolean[0])) {
                ok &= b;
            }
            uniform.put(s, mean(ps.stream().map(Point::row).toList(), n, ok));
        });
        return uniform;
    }

    /** The config values a group's designs share, other than the defaults and the ones a design sets. */
    private static Map<String, Object> sharedConfig(Row first, int n) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<Key> keys = Keys.all();
        org.sresim.config.Config defaults = ConfigLoader.defaults();
        for (int c = 0; c < n; c++) {
            String key = keys.get(c).name();
            Object v = first.get(c);
            if (!NOT_CONTEXT.contains(key) && v != null && !String.valueOf(v).equals(String.valueOf(defaults.value(key)))) {
                config.put(key, v);
            }
        }
        return config;
    }

    /** Mean of one design's network rows over its seeds (rows in seed order). */
    private static Exact mean(List<Row> rows, int n, boolean meetsConstraint) {
        double[] sum = new double[7];
        int[] present = new int[7];
        for (Row r : rows) {
            for (int i = 0; i < 7; i++) {
                if (!r.isNullAt(n + i)) {
                    sum[i] += r.getDouble(n + i);
                    present[i]++;
                }
            }
        }
        double[] m = new double[7];
        for (int i = 0; i < 7; i++) {
            m[i] = present[i] == 0 ? Double.NaN : sum[i] / present[i];
        }
        return new Exact(m[0], m[1], m[2], Double.isNaN(m[3]) ? null : m[3], Double.isNaN(m[4]) ? null : m[4], m[5],
                m[6], rows.size(), rows.get(0).getString(n + 7), meetsConstraint);
    }

    // ---------------------------------------------------------------- candidates and their files

    /** A candidate with its name, network file and, for a uniform design, its exact metrics. */
    private record Planned(DesignGroup group, DesignGroup.Candidate candidate, String name, java.nio.file.Path file,
                           Exact exact) {
    }

    private List<Planned> plan(Inputs inputs, java.nio.file.Path local, String sweep, String scheme) {
        java.nio.file.Path folder = local.resolve("designs/networks");
        List<Planned> out = new ArrayList<>();
        try {
            if (Files.isDirectory(folder)) { // the designs of an earlier search: replaced as a whole
                try (var old = Files.list(folder)) {
                    for (java.nio.file.Path f : old.toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(folder);
            int g = 0;
            for (DesignGroup group : inputs.groups) {
                g++;
                Network base = Networks.resolve(group.network());
                if (base == null) {
                    throw new SweepException("--per-layer: network '" + group.network() + "' of sweep '" + sweep
                            + "' cannot be opened from here (a file moved since the sweep ran?)");
                }
                int k = 0;
                for (DesignGroup.Candidate c : group.candidates()) {
                    String name = String.format("%s-%s%s-d%02d", base.name(), scheme,
                            inputs.groups.size() > 1 ? "-g" + g : "", ++k);
                    java.nio.file.Path file = folder.resolve(name + ".yaml");
                    Network design = Designs.design(base, name, c.settings());
                    Files.writeString(file, NetworkWriter.yaml(design, List.of(
                            (c.perLayer() ? "Per-layer" : "Uniform") + " design of " + group.network() + " for "
                                    + scheme + ", found by pareto --per-layer on sweep " + sweep,
                            Designs.choices(group.layers(), c.settings()))));
                    Exact exact = c.perLayer() ? null : group.uniform().get(c.settings().get(0));
                    out.add(new Planned(group, c, name, file.toAbsolutePath(), exact));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---------------------------------------------------------------- exact re-simulation

    /** Simulates every candidate without exact metrics as a sweep of its own; the means by file. */
    private Map<String, Exact> simulate(String dir, java.nio.file.Path local, String exactSweep, Inputs inputs,
                                        List<Planned> planned, Request request) {
        List<Planned> todo = planned.stream().filter(p -> p.exact == null).toList();
        java.nio.file.Path file = local.resolve("designs/exact.yaml");
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("name", exactSweep);
        sweep.put("description", "exact re-simulation of the per-layer designs of sweep " + local.getFileName()
                + " (written by pareto --per-layer)");
        Set<String> keys = new TreeSet<>();
        todo.forEach(p -> keys.addAll(inputs.configs.get(p.group).keySet()));
        Map<String, Object> fixed = new TreeMap<>();
        Map<String, List<Object>> zip = new LinkedHashMap<>();
        zip.put("network", new ArrayList<>());
        boolean anyData = todo.stream().anyMatch(p -> !p.group.data().isEmpty());
        if (anyData) {
            zip.put("data", new ArrayList<>());
        }
        for (String k : keys) {
            Set<String> values = new TreeSet<>();
            todo.forEach(p -> values.add(String.valueOf(inputs.configs.get(p.group).get(k))));
            if (values.size() == 1 && todo.stream().allMatch(p -> inputs.configs.get(p.group).containsKey(k))) {
                fixed.put(k, inputs.configs.get(todo.get(0).group).get(k));
            } else {
                zip.put(k, new ArrayList<>());
            }
        }
        org.sresim.config.Config defaults = ConfigLoader.defaults();
        for (Planned p : todo) {
            zip.get("network").add(p.file.toString());
            if (anyData) {
                zip.get("data").add(ModelData.pathOf(p.group.data()));
            }
            for (Map.Entry<String, List<Object>> e : zip.entrySet()) {
                if (!e.getKey().equals("network") && !e.getKey().equals("data")) {
                    e.getValue().add(inputs.configs.get(p.group).getOrDefault(e.getKey(), defaults.value(e.getKey())));
                }
            }
        }
        if (!fixed.isEmpty()) {
            sweep.put("fixed", fixed);
        }
        sweep.put("zip", List.of(zip));
        sweep.put("seeds", inputs.seeds);
        try {
            Files.writeString(file, YAML.writeValueAsString(sweep));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SweepPlan plan = SweepFile.load(file, new HadoopFiles());
        console.printf("re-simulating %d per-layer design(s) exactly as sweep '%s' (%d points)%n", todo.size(),
                exactSweep, plan.size());
        SweepJob.Outcome o = new SweepJob(spark, console).run(plan, new SweepJob.Options(dir, file.toString(),
                SweepFile.asJson(file), version, 0, true, Duration.ofSeconds(120)));
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        SweepOutput exact = new SweepOutput(new Path(o.path()), conf);
        Inputs again = read(exact, request);
        Map<String, Exact> byFile = new TreeMap<>();
        for (DesignGroup g : again.groups) {
            // one group per design file (its own network); the only setting is the chip default no layer uses
            g.uniform().values().forEach(x -> byFile.put(g.network(), new Exact(x.latencyNs(), x.energyPj(),
                    x.areaMm2(), x.speedup(), x.energySaving(), x.readErrorRate(), x.adcClipRate(), x.seeds(),
                    x.configHash(), allFeasible(g))));
        }
        return byFile;
    }

    private static boolean allFeasible(DesignGroup g) {
        for (boolean[] ok : g.feasible().values()) {
            for (boolean b : ok) {
                if (!b) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- the front and the table

    private Group rank(DesignGroup g, List<Planned> mine, Map<String, Exact> exact, Request request, String sweep,
                       List<Row> rows) {
        List<Exact> values = new ArrayList<>();
        for (Planned p : mine) {
            Exact x = p.exact != null ? p.exact : exact.get(p.file.toString());
            if (x == null) {
                throw new SweepException("design " + p.name + " has no exact result in sweep " + sweep + "-designs");
            }
            values.add(x);
        }
        boolean[] max = Pareto.maximized(request.objectives());
        List<double[]> keys = new ArrayList<>();
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double[] v = new double[request.objectives().size()];
            boolean finite = values.get(i).meetsConstraint();
            for (int j = 0; j < v.length; j++) {
                v[j] = values.get(i).value(request.objectives().get(j).column());
                finite &= !Double.isNaN(v[j]);
            }
            if (finite) {
                eligible.add(i);
                keys.add(Pareto.key(v, max));
            }
        }
        Set<Integer> front = new TreeSet<>();
        List<double[]> frontKeys = new ArrayList<>();
        List<Integer> frontIndex = new ArrayList<>();
        for (int f : Pareto.front(keys, new boolean[max.length])) {
            front.add(eligible.get(f));
            frontKeys.add(keys.get(f));
            frontIndex.add(eligible.get(f));
        }
        int knee = frontIndex.isEmpty() ? -1 : frontIndex.get(Knee.of(frontKeys));
        int perLayer = 0;
        for (int i = 0; i < mine.size(); i++) {
            Planned p = mine.get(i);
            Exact x = values.get(i);
            boolean uniform = !p.candidate.perLayer();
            perLayer += uniform ? 0 : 1;
            Setting s = p.candidate.settings().get(0);
            rows.add(RowFactory.create(sweep, g.network(), g.data(), g.context(), request.scheme(), p.name,
                    p.file.toString(), uniform ? "uniform" : "per-layer", uniform ? s.ouRows() : null,
                    uniform ? s.ouCols() : null, uniform ? s.adcBits() : null,
                    Designs.choices(g.layers(), p.candidate.settings()), finite(p.candidate.lambda()), x.seeds(),
                    finite(x.latencyNs()), finite(x.energyPj()), finite(x.areaMm2()), finite(x.speedup()),
                    finite(x.energySaving()), finite(x.readErrorRate()), finite(x.adcClipRate()), x.meetsConstraint(),
                    front.contains(i), i == knee, x.configHash(),
                    Pareto.label(request.objectives()), request.where()));
        }
        return new Group(g.network(), g.data(), g.context(), mine.size() - perLayer, perLayer, front.size(),
                g.infeasibleLayers(), knee < 0 ? null : mine.get(knee).name);
    }

    /**
     * Tables hold no Infinity or NaN: a mean of no values and lambda infinity (latency alone, stored
     * like "not traced") are NULL.
     */
    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
