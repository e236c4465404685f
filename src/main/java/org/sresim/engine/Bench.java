package org.sresim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/**
 * Measurements behind {@code sre bench}: wall time of whole design points on the calling thread,
 * the (tile, group, window, step) tuples they evaluate, heap peak, and the fast counter against
 * the reference counter on identical work.
 */
public final class Bench {
    private Bench() {
    }

    /** One network at one setting: median seconds per point over {@code repeats} runs after a warm-up. */
    public record PointTiming(String network, int simWindows, double secondsPerPoint, long tuples,
                              double tuplesPerSecond, double heapPeakMb) {
    }

    /** Reference vs fast counter on the same layers and windows (counting only). */
    public record OracleTiming(String network, int windowsPerLayer, double oracleSeconds, double fastSeconds) {
        public double speedup() {
            return oracleSeconds / fastSeconds;
        }
    }

    public static Config benchConfig(String network, int simWindows) {
        return ConfigLoader.defaults().with(Map.of("network", network, "pruning.ratio", 0.7,
                "activation.sparsity", 0.5, "sim.windows", simWindows), "bench");
    }

    public static PointTiming point(String network, int simWindows, int repeats) {
        Config c = benchConfig(network, simWindows);
        Network net = Networks.resolve(network);
        WorkloadSource source = WorkloadSource.synthetic(WorkloadSettings.from(c));
        Simulator sim = new Simulator();
        sim.simulate(c, net, source); // warm-up: JIT, class loading
        double[] seconds = new double[repeats];
        long peak = 0;
        for (int i = 0; i < repeats; i++) {
            System.gc();
            HeapSampler sampler = new HeapSampler();
            long t0 = System.nanoTime();
            sim.simulate(c, net, source);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, sampler.stop());
        }
        Arrays.sort(seconds);
        double median = seconds[repeats / 2];
        long tuples = tuples(net, Hardware.from(c), simWindows);
        return new PointTiming(network, simWindows, median, tuples, tuples / median, peak / 1048576.0);
    }

    /** (tile, group, window, step) tuples the data-dependent schemes evaluate for one point. */
    static long tuples(Network net, Hardware hw, int simWindows) {
        long total = 0;
        for (MatrixLayer l : net.matrixLayers()) {
            LayerMapping m = new LayerMapping(l, hw);
            long groups = 0;
            for (int cb = 0; cb < m.colBlocks; cb++) {
                groups += m.groups(cb);
            }
            long windows = simWindows > 0 ? Math.min(simWindows, l.windows()) : l.windows();
            total += groups * m.rowBlocks * windows * hw.inputSteps();
        }
        return total;
    }

    /**
     * Counts every layer of the network with both counters on the same {@code windowsPerLayer}
     * windows (the reference needs minutes for all windows of AlexNet); results must be equal.
     */
    public static OracleTiming oracle(String network, int windowsPerLayer) {
        Config c = benchConfig(network, windowsPerLayer);
        Hardware hw = Hardware.from(c);
        WorkloadSource source = WorkloadSource.synthetic(WorkloadSettings.from(c));
        List<LayerWorkload> layers = new ArrayList<>();
        List<int[]> samples = new ArrayList<>();
        for (MatrixLayer l : Networks.resolve(network).matrixLayers()) {
            layers.add(source.load(l));
            samples.add(Simulator.windowSample(l, windowsPerLayer, c.longValue("seed")));
        }
        BitsetCounter fast = new BitsetCounter();
        ReferenceCounter oracle = new ReferenceCounter();
        for (int i = 0; i < layers.size(); i++) { // warm-up
            fast.count(layers.get(i), hw, samples.get(i));
        }
        long t0 = System.nanoTime();
        List<LayerCounts> fastCounts = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            fastCounts.add(fast.count(layers.get(i), hw, samples.get(i)));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < layers.size(); i++) {
            if (!oracle.count(layers.get(i), hw, samples.get(i)).equals(fastCounts.get(i))) {
                throw new IllegalStateException("fast and reference counters disagree on layer " + i);
            }
        }
        long t2 = System.nanoTime();
        return new OracleTiming(network, windowsPerLayer, (t2 - t1) / 1e9, (t1 - t0) / 1e9);
    }

    /** Samples used heap every millisecond on a daemon thread; {@link #stop} returns the largest seen. */
    static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            thread = new Thread(() -> {
                Runtime rt = Runtime.getRuntime();
                while (running) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return peak.get();
        }
    }
}
