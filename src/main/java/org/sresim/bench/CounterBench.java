package org.sresim.bench;

import java.util.ArrayList;
import java.util.List;
import org.sresim.config.Config;
import org.sresim.engine.counting.Counter;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.engine.Simulator;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** The fast counter against the reference counter on identical work ({@code sre bench}). */
public final class CounterBench {
    private CounterBench() {
    }

    /** Reference vs fast counter on the same layers and windows (counting only). */
    public record OracleTiming(String network, int windowsPerLayer, double oracleSeconds, double fastSeconds) {
        public double speedup() {
            return oracleSeconds / fastSeconds;
        }
    }

    /**
     * Counts every layer of the network with both counters on the same {@code windowsPerLayer}
     * windows (the reference needs minutes for all windows of AlexNet); results must be equal.
     */
    public static OracleTiming oracle(String network, int windowsPerLayer) {
        Config c = PointBench.benchConfig(network, windowsPerLayer);
        Hardware hw = Hardware.from(c);
        WorkloadSource source = WorkloadSource.synthetic(WorkloadSettings.from(c));
        List<LayerWorkload> layers = new ArrayList<>();
        List<int[]> samples = new ArrayList<>();
        for (MatrixLayer l : Networks.resolve(network).matrixLayers()) {
            LayerWorkload w = source.load(l);
            layers.add(w);
            samples.add(Simulator.windowSample(l, w.windows(), windowsPerLayer, c.seed()));
        }
        for (int i = 0; i < layers.size(); i++) { // warm-up
            Counter.FAST.count(layers.get(i), hw, samples.get(i));
        }
        long t0 = System.nanoTime();
        List<LayerCounts> fastCounts = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            fastCounts.add(Counter.FAST.count(layers.get(i), hw, samples.get(i)));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < layers.size(); i++) {
            if (!Counter.REFERENCE.count(layers.get(i), hw, samples.get(i)).equals(fastCounts.get(i))) {
                throw new IllegalStateException("fast and reference counters disagree on layer " + i);
            }
        }
        long t2 = System.nanoTime();
        return new OracleTiming(network, windowsPerLayer, (t2 - t1) / 1e9, (t1 - t0) / 1e9);
    }
}
