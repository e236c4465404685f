package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.sresim.sweep.ResultSchema;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepInputs;
import org.sresim.sweep.SweepPlan;
import org.sresim.sweep.Units;

/**
 * Runs a sweep on Spark. The run holds the folder's lease ({@link SweepLease}: one writer), checks
 * that a resumed sweep has the same definition, engine version and input files, then cuts the
 * missing points into units ({@link Units}: contiguous ranges of execution positions holding whole
 * workload groups, longest first) and runs them as tasks that simulate with the Spark-free core
 * ({@link org.sresim.sweep.PointLoop}), stream their rows into Parquet and commit themselves
 * ({@link UnitTask}). Units go out in jobs of a few hundred, two jobs in flight, so a
 * core never waits for a slow task of another chunk: there is no barrier until the sweep ends. The
 * plan is broadcast once. A crash loses only the units in flight; a rerun computes what is missing.
 */
public final class SweepJob {
    static final StructType POINTS = SparkSchemas.of(ResultSchema.POINTS);
    static final StructType LAYERS = SparkSchemas.of(ResultSchema.LAYERS);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs submitted but not finished: the next one queues behind the running one, so cores never idle. */
    static final int JOBS_IN_FLIGHT = 2;
    /**
     * How committed ranges map to grid points ({@link SweepPlan#indexAt}), recorded in sweep.json:
     * a folder committed in another order is refused rather than resumed wrongly.
     */
    static final String EXECUTION_ORDER = "workload-groups";

    /**
     * @param maxTaskPoints at most this many points per task (0: {@link Units#MAX_POINTS})
     * @param forceRerun    delete the folder's results and start over (instead of refusing a changed input)
     * @param leaseTimeout  a lease whose heartbeat is older is taken over
     */
    public record Options(String outDir, String sweepFile, JsonNode definition, String version, int maxTaskPoints,
                          boolean forceRerun, Duration leaseTimeout) {
        public Options(String outDir, String sweepFile, JsonNode definition, String version) {
            this(outDir, sweepFile, definition, version, 0, false, SweepLease.DEFAULT_TIMEOUT);
        }
    }

    /** What a run did. */
    public record Outcome(long gridSize, long computed, long alreadyDone, String path) {
    }

    private final SparkSession spark;
    private final PrintWriter console;
    private final UnitTask.BeforeMarker beforeMarker;

    public SweepJob(SparkSession spark, PrintWriter console) {
        this(spark, console, UnitTask.BeforeMarker.NONE);
    }

    /** A job whose tasks also run {@code beforeMarker} between a unit's moves and its marker. */
    SweepJob(SparkSession spark, PrintWriter console, UnitTask.BeforeMarker beforeMarker) {
        this.spark = spark;
        this.console = console;
        this.beforeMarker = beforeMarker;
    }

    public Outcome run(SweepPlan plan, Options o) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        SweepOutput out = new SweepOutput(o.outDir(), plan.name(), conf);
        try (SweepLease lease = SweepLease.acquire(out.fs(), out.root, o.leaseTimeout(), console)) {
            if (o.forceRerun() && out.exists(out.manifest())) {
                out.clear();
                console.printf("--force-rerun: deleted the previous results in %s%n", out.root);
            }
            return run(plan, o, out, lease, conf);
        }
    }

    private Outcome run(SweepPlan plan, Options o, SweepOutput out, SweepLease lease, Configuration conf) {
        long size = plan.size();
        ObjectNode manifest = manifest(out, plan, o);
        int orphans = out.removeOrphans();
        if (orphans > 0) {
            console.printf("removed %d uncommitted files of an interrupted run%n", orphans);
        }
        List<long[]> missing = Units.missing(out.committedRanges(), size);
        long todo = missing.stream().mapToLong(r -> r[1] - r[0]).sum();
        if (todo == 0) {
            console.printf("sweep '%s' is already complete: %d points in %s; nothing to do%n", plan.name(), size, out.root);
            return new Outcome(size, 0, size, out.root.toString());
        }
        if (todo < size) {
            console.printf("resuming sweep '%s': %d of %d points already committed%n", plan.name(), size - todo, size);
        }
        int cores = spark.sparkContext().defaultParallelism();
        List<Units.Unit> units = Units.plan(missing, Units.estimatedCost(plan), cores,
                o.maxTaskPoints() > 0 ? o.maxTaskPoints() : Units.MAX_POINTS);
        Progress progress = new Progress(console, plan.name(), size, size - todo,
                units.stream().mapToDouble(Units.Unit::cost).sum());
        LongAccumulator done = spark.sparkContext().longAccumulator("points done");
        DoubleAccumulator costDone = spark.sparkContext().doubleAccumulator("estimated cost done");
        progress.watch(done, costDone);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SweepPlan> shared = jsc.broadcast(plan);
        try {
            runUnits(jsc, units, task(shared, new HadoopConf(conf), out.root.toString(), lease.runId(), done, costDone,
                            beforeMarker),
                    Math.max(4 * cores, 256), plan.name(), lease);
        } finally {
            progress.stop();
            shared.destroy();
        }
        // attempts that lost to another or were killed after the last commit leave files no marker lists
        out.removeOrphans();
        long left = Units.missing(out.committedRanges(), size).stream().mapToLong(r -> r[1] - r[0]).sum();
        if (left > 0) {
            throw new SweepException(out.root + ": " + left + " points were not committed; rerun to complete");
        }
        progress.committed(todo);
        manifest.put("finished", Instant.now().toString());
        out.write(out.manifest(), pretty(manifest));
        return new Outcome(size, todo, size - todo, out.root.toString());
    }

    /** Submits the units in jobs of {@code perJob}, at most {@link #JOBS_IN_FLIGHT} at a time, in order. */
    private static void runUnits(JavaSparkContext jsc, List<Units.Unit> units, VoidFunction<Iterator<Units.Unit>> task,
                                 int perJob, String name, SweepLease lease) {
        Deque<JavaFutureAction<Void>> inFlight = new ArrayDeque<>();
        String group = "sre-sweep-" + lease.runId();
        boolean finished = false;
        try {
            for (int from = 0; from < units.size(); from += perJob) {
                while (inFlight.size() >= JOBS_IN_FLIGHT) {
                    inFlight.poll().get();
                }
                if (lease.lost()) {
                    throw new SweepException("the lease of sweep '" + name + "' was taken over by another run; stopping");
                }
                List<Units.Unit> batch = units.subList(from, Math.min(units.size(), from + perJob));
                jsc.setJobGroup(group, "sweep " + name + " units " + from + "-" + (from + batch.size()), true);
                inFlight.add(jsc.parallelize(new ArrayList<>(batch), batch.size()).foreachPartitionAsync(task));
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().get();
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            if (!finished) {
                jsc.cancelJobGroup(group);
                awaitNoRunningTasks(jsc);
            }
            jsc.clearJobGroup();
        }
    }

    /**
     * After a failed job, tasks of the run may still be running (an aborted job does not wait for
     * them); they are interrupted, and the run waits for them so none commits after the lease is gone.
     */
    private static void awaitNoRunningTasks(JavaSparkContext jsc) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean idle = true;
            for (SparkExecutorInfo e : jsc.sc().statusTracker().getExecutorInfos()) {
                idle &= e.numRunningTasks() == 0;
            }
            if (idle) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The task function; static so it captures only what it names (all serializable, the plan by broadcast). */
    private static VoidFunction<Iterator<Units.Unit>> task(Broadcast<SweepPlan> plan, HadoopConf conf, String root,
                                                          String runId, LongAccumulator done,
                                                          DoubleAccumulator costDone,
                                                          UnitTask.BeforeMarker beforeMarker) {
        return units -> {
            TaskContext tc = TaskContext.get();
            String attempt = runId + "-t" + tc.taskAttemptId();
            while (units.hasNext()) {
                Units.Unit u = units.next();
                boolean committed = UnitTask.run(u, plan.value(), conf.get(), new Path(root), attempt, done, () -> {
                    if (tc.isInterrupted()) {
                        throw new IllegalStateException("task killed before committing " + u); // job cancelled
                    }
                    beforeMarker.check(u);
                });
                if (committed) {
                    costDone.add(u.cost()); // paces the ETA (Progress)
                }
            }
        };
    }

    /**
     * Writes or updates sweep.json. A resume must match the definition, the engine version and the
     * content of every input file ({@link SweepInputs}); anything else is refused with one line
     * saying what changed, so one folder never mixes two models.
     */
    private ObjectNode manifest(SweepOutput out, SweepPlan plan, Options o) {
        ObjectNode m;
        Map<String, String> inputs = SweepInputs.hashes(plan);
        if (out.exists(out.manifest())) {
            try {
                m = (ObjectNode) JSON.readTree(out.read(out.manifest()));
            } catch (Exception e) {
                throw new SweepException(out.manifest() + ": unreadable (" + e.getMessage() + ")");
            }
            String again = "; rerun with --force-rerun to start the sweep over, or use another --out";
            if (!plan.definitionHash().equals(m.path("definition_hash").asText())) {
                throw new SweepException(out.root + " holds results of a different definition of sweep '"
                        + plan.name() + "' (grid, base or fixed values changed)" + again);
            }
            if (!o.version().equals(m.path("version").asText())) {
                throw new SweepException(out.root + " holds results of engine version " + m.path("version").asText()
                        + ", this is " + o.version() + again);
            }
            if (!EXECUTION_ORDER.equals(m.path("execution_order").asText())) {
                // committed ranges are positions of the order they were cut in: another order would misread them
                throw new SweepException(out.root + " holds results committed in execution order '"
                        + m.path("execution_order").asText("grid-index") + "', this engine uses '" + EXECUTION_ORDER
                        + "'" + again);
            }
            JsonNode recorded = m.path("inputs");
            for (Map.Entry<String, String> e : inputs.entrySet()) {
                String was = recorded.path(e.getKey()).asText(null);
                if (was != null && !was.equals(e.getValue())) {
                    throw new SweepException(out.root + ": " + e.getKey() + " changed since the sweep started (sha256 "
                            + was.substring(0, 12) + " -> " + e.getValue().substring(0, 12) + ")" + again);
                }
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
            m.put("execution_order", EXECUTION_ORDER);
            ObjectNode hashes = m.putObject("inputs");
            inputs.forEach(hashes::put);
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
