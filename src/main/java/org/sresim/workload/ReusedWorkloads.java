package org.sresim.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the generated layers of the last (network, workload settings) pair, so consecutive
 * points that differ only in hardware (OU size, ADC resolution, latency model, prices) reuse one
 * synthetic workload instead of drawing it again. Layers are immutable once generated, and a
 * layer depends only on the key, so reuse never changes a number. Networks larger than
 * {@code maxWeights} are not kept (their layers are dropped as soon as they are counted).
 */
public final class ReusedWorkloads {
    private final long maxWeights;
    private Object key;
    private final Map<Integer, LayerWorkload> layers = new HashMap<>();

    public ReusedWorkloads(long maxWeights) {
        this.maxWeights = maxWeights;
    }

    /** A source for this point: cached layers when the key matches the previous point's. */
    public WorkloadSource source(Network network, WorkloadSettings settings) {
        WorkloadSource fresh = WorkloadSource.synthetic(settings);
        long weights = network.matrixLayers().stream().mapToLong(l -> (long) l.rows() * l.cols()).sum();
        if (weights > maxWeights) {
            layers.clear();
            key = null;
            return fresh;
        }
        Object k = java.util.List.of(network, settings);
        if (!Objects.equals(k, key)) {
            layers.clear();
            key = k;
        }
        return layer -> layers.computeIfAbsent(layer.index(), i -> fresh.load(layer));
    }

    /** The settings that decide a point's synthetic workload; points with equal keys share it. */
    public static String keyOf(String network, WorkloadSettings settings) {
        return network + "|" + settings;
    }
}
