package org.sresim.workload;

import java.nio.file.Path;

/** Where a layer's weights and activations come from: synthetic draws or a directory of .npy files. */
@FunctionalInterface
public interface WorkloadSource {
    LayerWorkload load(MatrixLayer layer);

    static WorkloadSource synthetic(WorkloadSettings settings) {
        return layer -> SyntheticWorkload.generate(layer, settings);
    }

    static WorkloadSource imported(Path dir, WorkloadSettings settings) {
        return layer -> ImportedWorkload.load(dir, layer, settings);
    }
}
