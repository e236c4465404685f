package org.sresim.bench;

import java.util.Arrays;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.counting.Counter;
import org.sresim.engine.Simulator;
import org.sresim.hw.Hardware;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/**
 * Wall time of whole design points on the calling thread ({@code sre bench}), the (tile, group,
 * window, step) tuples they evaluate, and the heap peak.
 */
public final class PointBench {
    private PointBench() {
    }

    /** One network at one setting: median seconds per point over {@code repeats} runs after a warm-up. */
    public record PointTiming(String network, int simWindows, double secondsPerPoint, long tuples,
                              double tuplesPerSecond, double heapPeakMb) {
    }

    /** The benchmark's point: pruning 0.7, activation sparsity 0.5, {@code sim.windows} as given. */
    static Config benchConfig(String network, int simWindows) {
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
        long tuples = Counter.tuples(net, Hardware.from(c), simWindows);
        return new PointTiming(network, simWindows, median, tuples, tuples / median, peak / 1048576.0);
    }
}
