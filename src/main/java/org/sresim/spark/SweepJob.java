package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.sresim.config.Config;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.sweep.ResultSchema;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.Network;
import org.sresim.workload.ReusedWorkloads;
import org.sresim.workload.WorkloadSettings;

/**
 * Runs a sweep on Spark: the missing index ranges of the grid are computed chunk by chunk, each
 * chunk a Spark job whose tasks decode their point indices and simulate them with the Spark-free
 * core, and each chunk committed atomically (see {@link SweepOutput}) so a crash loses at most
 * the chunk in flight and a rerun computes only what is missing.
 */
public final class SweepJob {
    static final StructType POINTS = SparkSchemas.of(ResultSchema.POINTS);
    static final StructType LAYERS = SparkSchemas.of(ResultSchema.LAYERS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param chunkPoints   fixed points per chunk, or 0 to size chunks to about {@code targetChunkSeconds}
     * @param beforeCommit  test hook run after a chunk is written to staging, before it is committed
     */
    public record Options(String outDir, String sweepFile, JsonNode definition, String version, int chunkPoints,
                          double targetChunkSeconds, Runnable beforeCommit) {
        public Options(String outDir, String sweepFile, JsonNode definition, String version) {
            this(outDir, sweepFile, definition, version, 0, 30, () -> { });
        }
    }

    /** What a run did. */
    public record Outcome(long gridSize, long computed, long alreadyDone, String path) {
    }

    private final SparkSession spark;
    private final PrintWriter console;

    public SweepJob(SparkSession spark, PrintWriter console) {
        this.spark = spark;
        this.console = console;
    }

    public Outcome run(SweepPlan plan, Options o) {
        SweepOutput out = new SweepOutput(o.outDir(), plan.name(), spark.sparkContext().hadoopConfiguration());
        long size = plan.size();
        ObjectNode manifest = manifest(out, plan, o);
        int orphans = out.removeOrphans();
        if (orphans > 0) {
            console.printf("removed %d files of an interrupted chunk%n", orphans);
        }
        List<long[]> missing = missing(out.committedRanges(), size);
        long todo = missing.stream().mapToLong(r -> r[1] - r[0]).sum();
        if (todo == 0) {
            console.printf("sweep '%s' is already complete: %d points in %s; nothing to do%n", plan.name(), size, out.root);
            return new Outcome(size, 0, size, out.root.toString());
        }
        if (todo < size) {
            console.printf("resuming sweep '%s': %d of %d points already committed%n", plan.name(), size - todo, size);
        }
        Progress progress = new Progress(console, plan.name(), size, size - todo);
        int parallelism = spark.sparkContext().defaultParallelism();
        long chunk = o.chunkPoints() > 0 ? o.chunkPoints() : Math.max(2L * parallelism, 8);
        for (long[] range : missing) {
            long start = range[0];
            while (start < range[1]) {
                long end = Math.min(range[1], start + chunk);
                long began = System.nanoTime();
                runChunk(plan, out, start, end, parallelism, progress, o);
                double seconds = (System.nanoTime() - began) / 1e9;
                progress.committed(end - start);
                if (o.chunkPoints() == 0) {
                    // size the next chunk to about targetChunkSeconds at the rate just measured
                    long next = (long) ((end - start) / Math.max(seconds, 1e-3) * o.targetChunkSeconds());
                    chunk = Math.max(2L * parallelism, Math.min(next, Math.max(chunk * 4, 2L * parallelism)));
                }
                start = end;
            }
        }
        progress.stop();
        manifest.put("finished", Instant.now().toString());
        out.write(out.manifest(), pretty(manifest));
        return new Outcome(size, todo, size - todo, out.root.toString());
    }

    private void runChunk(SweepPlan plan, SweepOutput out, long start, long end, int parallelism,
                          Progress progress, Options o) {
        int partitions = (int) Math.max(1, Math.min(end - start, 2L * parallelism));
        LongAccumulator done = spark.sparkContext().longAccumulator("points done");
        progress.watch(done);
        JavaRDD<PointOutput> results = spark.range(start, end, 1, partitions).javaRDD()
                .mapPartitions(indices -> simulatePartition(plan, indices, done))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            String staging = out.staging(start, end).toString();
            write(results.flatMap(p -> p.points().stream().map(RowFactory::create).iterator()), POINTS,
                    staging + "/points");
            write(results.flatMap(p -> p.layers().stream().map(RowFactory::create).iterator()), LAYERS,
                    staging + "/layers");
        } finally {
            results.unpersist(false);
        }
        o.beforeCommit().run();
        ObjectNode marker = JSON.createObjectNode();
        marker.put("start", start).put("end", end).put("committed", Instant.now().toString());
        out.commit(start, end, pretty(marker));
    }

    private void write(JavaRDD<Row> rows, StructType schema, String path) {
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        df.write().mode(SaveMode.Overwrite).partitionBy("network").parquet(path);
    }

    /**
     * The points of one task, simulated by the Spark-free core. Points are visited grouped by
     * their workload (network, pruning, activations, seed, bit widths) so that points differing
     * only in hardware reuse one generated workload; the order changes no number.
     */
    static Iterator<PointOutput> simulatePartition(SweepPlan plan, Iterator<Long> indices, LongAccumulator done) {
        List<Config> points = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        indices.forEachRemaining(i -> {
            ids.add(i);
            points.add(plan.point(i));
        });
        Integer[] order = new Integer[points.size()];
        String[] keys = new String[points.size()];
        String[] countingKeys = new String[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            keys[i] = PointData.workloadKey(points.get(i));
            countingKeys[i] = Simulator.countingKey(points.get(i));
        }
        // grouped by workload, then by counting key, so points differing only in provisioning or
        // prices follow each other and share their counts (Simulator's memo)
        Arrays.sort(order, Comparator.comparing((Integer i) -> keys[i]).thenComparing(i -> countingKeys[i])
                .thenComparing(i -> ids.get(i)));
        ReusedWorkloads reuse = new ReusedWorkloads(REUSE_MAX_WEIGHTS);
        Simulator simulator = new Simulator();
        simulator.expect(points); // OU heights of one workload are counted in one pass
        List<PointOutput> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(simulate(plan, ids.get(i), points.get(i), reuse, simulator));
            if (done != null) {
                done.add(1);
            }
        }
        return out.iterator();
    }

    /** Networks up to this many weights (AlexNet's 61 M) keep their workload between points of a task. */
    static final long REUSE_MAX_WEIGHTS = 64L << 20;

    /** One grid point, simulated by the Spark-free core wherever the task runs. */
    static PointOutput simulate(SweepPlan plan, long index, Config config, ReusedWorkloads reuse,
                                Simulator simulator) {
        long began = System.nanoTime();
        Network network = plan.network(config);
        WorkloadSettings settings = WorkloadSettings.from(config);
        SimulationResult r = simulator.simulate(config, network, PointData.source(config, network, settings, reuse),
                PointData.workloadKey(config));
        double ms = (System.nanoTime() - began) / 1e6;
        return new PointOutput(ResultSchema.pointRows(plan.name(), index, r, ms),
                ResultSchema.layerRows(plan.name(), index, r, ms));
    }

    /** The complement of the committed ranges within [0, size). */
    static List<long[]> missing(List<long[]> committed, long size) {
        List<long[]> gaps = new ArrayList<>();
        long at = 0;
        for (long[] r : committed) {
            if (r[0] > at) {
                gaps.add(new long[] {at, Math.min(r[0], size)});
            }
            at = Math.max(at, r[1]);
        }
        if (at < size) {
            gaps.add(new long[] {at, size});
        }
        return gaps;
    }

    /** Writes or updates sweep.json; refuses to mix two different sweeps in one folder. */
    private ObjectNode manifest(SweepOutput out, SweepPlan plan, Options o) {
        ObjectNode m;
        if (out.exists(out.manifest())) {
            try {
                m = (ObjectNode) JSON.readTree(out.read(out.manifest()));
            } catch (Exception e) {
                throw new SweepException(out.manifest() + ": unreadable (" + e.getMessage() + ")");
            }
            if (!plan.definitionHash().equals(m.path("definition_hash").asText())) {
                throw new SweepException(out.root + " holds results of a different definition of sweep '"
                        + plan.name() + "' (grid, base or fixed values changed); use another --out or delete it");
            }
            m.put("runs", m.path("runs").asInt(1) + 1);
            m.put("last_run_started", Instant.now().toString());
            m.putNull("finished");
        } else {
            m = JSON.createObjectNode();
            m.put("name", plan.name());
            m.put("sweep_file", o.sweepFile());
            m.put("definition_hash", plan.definitionHash());
            m.put("grid_size", plan.size());
            m.put("version", o.version());
            m.put("started", Instant.now().toString());
            m.put("last_run_started", m.get("started").asText());
            m.putNull("finished");
            m.put("runs", 1);
            m.set("definition", o.definition());
            ObjectNode base = m.putObject("base_config");
            for (Map.Entry<String, Object> e : plan.base().values().entrySet()) {
                base.set(e.getKey(), JSON.valueToTree(e.getValue()));
            }
        }
        out.write(out.manifest(), pretty(m));
        return m;
    }

    private static String pretty(JsonNode n) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
