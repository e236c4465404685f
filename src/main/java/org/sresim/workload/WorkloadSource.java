package org.sresim.workload;

import java.nio.file.Path;

/** Where a layer's weights and activations come from: synthetic draws or a model's files. */
@FunctionalInterface
public interface WorkloadSource {
    LayerWorkload load(MatrixLayer layer);

    static WorkloadSource synthetic(WorkloadSettings settings) {
        return layer -> SyntheticWorkload.generate(layer, settings);
    }

    static WorkloadSource imported(Path dir, WorkloadSettings settings) {
        return imported(ModelData.open(dir.toString(), FileOpener.LOCAL), settings);
    }

    /** Sample {@code sample} of imported data (see {@link ImportedWorkload}). */
    static WorkloadSource imported(ModelData data, WorkloadSettings settings, int sample) {
        return layer -> ImportedWorkload.load(data, layer, settings, sample);
    }

    static WorkloadSource imported(ModelData data, WorkloadSettings settings) {
        return imported(data, settings, 0);
    }
}
