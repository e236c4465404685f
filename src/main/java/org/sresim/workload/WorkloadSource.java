package org.sresim.workload;

import java.nio.file.Path;

/** Where a layer's weights and activations come from: synthetic draws or a model's files. */
@FunctionalInterface
public interface WorkloadSource {
    LayerWorkload load(MatrixLayer layer);

    /** Inferences this source holds: the batch size of imported inputs, else 1. */
    default int samples() {
        return 1;
    }

    /** The source of inference {@code b} (0-based, below {@link #samples()}). */
    default WorkloadSource sample(int b) {
        return this;
    }

    static WorkloadSource synthetic(WorkloadSettings settings) {
        return layer -> SyntheticWorkload.generate(layer, settings);
    }

    /** A folder's data, one inference (the first sample of a batch), unchecked: for single layers. */
    static WorkloadSource imported(Path dir, WorkloadSettings settings) {
        return imported(ModelData.open(dir.toString(), FileOpener.LOCAL), settings, 0);
    }

    /** Sample {@code sample} of imported data (see {@link ImportedWorkload}). */
    static WorkloadSource imported(ModelData data, WorkloadSettings settings, int sample) {
        return layer -> ImportedWorkload.load(data, layer, settings, sample);
    }

    /**
     * Imported data; a batch of inputs (see {@link ImportedWorkload}) makes one sample per inference.
     * {@code samples} is what {@link ImportedWorkload#check} returned for the data and the network.
     */
    static WorkloadSource importedBatch(ModelData data, WorkloadSettings settings, int samples) {
        return new WorkloadSource() {
            @Override
            public LayerWorkload load(MatrixLayer layer) {
                return ImportedWorkload.load(data, layer, settings, 0);
            }

            @Override
            public int samples() {
                return samples;
            }

            @Override
            public WorkloadSource sample(int b) {
                return imported(data, settings, b);
            }
        };
    }
}
