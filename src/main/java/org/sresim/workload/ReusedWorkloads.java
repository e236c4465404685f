package org.sresim.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated synthetic layers kept between points, so points that differ only in hardware (OU
 * size, ADC, latency model, prices, and mapping keys such as {@code ou.cols}, which put points in
 * different counting groups and often in different tasks) reuse one drawn workload instead of
 * drawing it again. One instance serves a whole JVM ({@link #shared}): the tasks of a Spark
 * executor, which run one after another or side by side, share it. Layers are immutable once
 * generated and depend only on the key (network, settings), so reuse never changes a number.
 * <p>
 * Networks larger than {@code maxWeights} or {@code totalWeights} are not kept (their layers are
 * dropped as soon as they are counted); the least recently used workloads are dropped while the
 * kept ones would exceed {@code totalWeights}. A layer is generated once even when two tasks ask
 * for it at once (the second waits for the first).
 */
public final class ReusedWorkloads {
    /**
     * Networks up to this many weights are kept: AlexNet's 61 M, BERT-base's 85 M and ViT-B/16's 86 M
     * (a transformer sweep's OU widths then share one drawn workload), not VGG-16's 138 M.
     */
    public static final long MAX_WEIGHTS = 96L << 20;
    /**
     * Weights kept in all: three workloads of the largest kept size, fewer on a small heap (one weight per 8
     * bytes of maximum heap: 1 GB keeps two). A kept layer holds its non-zero mask (1 bit per
     * weight), its input feature map and either, once an OU shape that splits weights across groups
     * has read them, its non-zero weights' magnitudes (2 bytes each) or, under magnitude pruning,
     * its materialised matrix (2 bytes per weight, as generated). AlexNet at pruning 0.6 keeps about
     * 8 MB, or 57 MB with its magnitudes (a tenth of the bytes the budget allows), 130 MB under
     * unstructured pruning (a quarter).
     */
    public static final long TOTAL_WEIGHTS = Math.min(3 * MAX_WEIGHTS, Runtime.getRuntime().maxMemory() / 8);
    private static final ReusedWorkloads SHARED = new ReusedWorkloads(MAX_WEIGHTS, TOTAL_WEIGHTS);

    private final long maxWeights;
    private final long totalWeights;
    /** Least recently used first. */
    private final LinkedHashMap<List<Object>, Kept> kept = new LinkedHashMap<>(8, 0.75f, true);

    public ReusedWorkloads(long maxWeights, long totalWeights) {
        this.maxWeights = maxWeights;
        this.totalWeights = totalWeights;
    }

    /** The JVM's instance: every task of an executor uses it. */
    public static ReusedWorkloads shared() {
        return SHARED;
    }

    /** One kept workload: its layers by index, generated on first request. */
    private record Kept(long weights, Map<Integer, LayerWorkload> layers) {
    }

    /** A source for this point: kept layers when an earlier point (of any task) had the same key. */
    public WorkloadSource source(Network network, WorkloadSettings settings) {
        WorkloadSource fresh = WorkloadSource.synthetic(settings);
        long weights = weightsOf(network);
        if (weights > Math.min(maxWeights, totalWeights)) {
            return fresh;
        }
        Kept k = keep(List.of(network, settings), weights);
        return layer -> k.layers().computeIfAbsent(layer.index(), i -> {
            LayerWorkload made = fresh.load(layer);
            made.keepMagnitudes();
            return made;
        });
    }

    private synchronized Kept keep(List<Object> key, long weights) {
        Kept k = kept.get(key);
        if (k != null) {
            return k;
        }
        long held = weights;
        for (Kept other : kept.values()) {
            held += other.weights();
        }
        // a task still counting a dropped workload keeps its layers until it is done; only the
        // reference here goes
        for (var it = kept.entrySet().iterator(); held > totalWeights && it.hasNext(); ) {
            held -= it.next().getValue().weights();
            it.remove();
        }
        k = new Kept(weights, new ConcurrentHashMap<>());
        kept.put(key, k);
        return k;
    }

    /** Drops every kept workload (benchmarks start each timed run from none). */
    public synchronized void clear() {
        kept.clear();
    }

    private static long weightsOf(Network network) {
        return network.matrixLayers().stream().mapToLong(l -> (long) l.rows() * l.cols()).sum();
    }

    /** The settings that decide a point's synthetic workload; points with equal keys share it. */
    public static String keyOf(String network, WorkloadSettings settings) {
        return network + "|" + settings;
    }
}
