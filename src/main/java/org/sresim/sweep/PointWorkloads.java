package org.sresim.sweep;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.Network;
import org.sresim.workload.ReusedWorkloads;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/**
 * Where grid points get their workloads. A point with {@code data} reads its model through
 * {@code files} (on Spark executors, Hadoop's FileSystem); the opened model is kept (the last few
 * locations, keyed by location and content hash), so the points of a task, and later tasks in the
 * same JVM when the instance is shared, read the files once. Points without data use the synthetic
 * workload, kept between points by {@link ReusedWorkloads}.
 */
public final class PointWorkloads {
    private static final int KEPT = 2;
    private final FileOpener files;
    private final ReusedWorkloads reuse;
    private final Map<String, ModelData> models = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ModelData> eldest) {
            return size() > KEPT;
        }
    };
    /** Inferences per (data, network), from {@link ImportedWorkload#check}, which the driver passed. */
    private final Map<String, Integer> samples = new HashMap<>();

    public PointWorkloads(FileOpener files, ReusedWorkloads reuse) {
        this.files = files;
        this.reuse = reuse;
    }

    /** The point's workload source. */
    WorkloadSource source(Config config, Network network, WorkloadSettings settings) {
        String data = config.data();
        if (data.isEmpty()) {
            return reuse.source(network, settings);
        }
        ModelData model = model(data);
        int inferences;
        synchronized (models) {
            inferences = samples.computeIfAbsent(data + "\n" + config.network(),
                    k -> ImportedWorkload.check(model, network));
        }
        return WorkloadSource.importedBatch(model, settings, inferences);
    }

    /** Identifies the point's workload completely: network, settings and the data's content hash. */
    static String workloadKey(Config config) {
        return ReusedWorkloads.keyOf(config.network(), WorkloadSettings.from(config)) + "|" + config.data();
    }

    private ModelData model(String location) {
        synchronized (models) {
            return models.computeIfAbsent(location, l -> ModelData.open(l, files));
        }
    }
}
