package org.sresim.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.Network;
import org.sresim.workload.ReusedWorkloads;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/**
 * Executor side of the {@code data} key: a point with data reads its model through Hadoop's
 * FileSystem ({@link HadoopFiles}); the opened model is kept per executor JVM (the last few
 * locations, keyed by location and content hash), so the points of a task, and later tasks on the
 * same executor, read the files once. Points without data use the synthetic workload.
 */
final class PointData {
    private static final int KEPT = 2;
    private static final Map<String, ModelData> MODELS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ModelData> eldest) {
            return size() > KEPT;
        }
    };
    private static final HadoopFiles FILES = new HadoopFiles();
    /** Inferences per (data, network), from {@link ImportedWorkload#check}, which the driver passed. */
    private static final Map<String, Integer> SAMPLES = new java.util.HashMap<>();

    private PointData() {
    }

    /** The point's workload source. */
    static WorkloadSource source(Config config, Network network, WorkloadSettings settings, ReusedWorkloads reuse) {
        String data = config.text("data");
        if (data.isEmpty()) {
            return reuse.source(network, settings);
        }
        ModelData model = model(data);
        int samples;
        synchronized (MODELS) {
            samples = SAMPLES.computeIfAbsent(data + "\n" + config.text("network"),
                    k -> ImportedWorkload.check(model, network));
        }
        return WorkloadSource.importedBatch(model, settings, samples);
    }

    /** Identifies the point's workload completely: network, settings and the data's content hash. */
    static String workloadKey(Config config) {
        return ReusedWorkloads.keyOf(config.text("network"), WorkloadSettings.from(config)) + "|" + config.text("data");
    }

    private static ModelData model(String location) {
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(location, l -> ModelData.open(l, FILES));
        }
    }
}
