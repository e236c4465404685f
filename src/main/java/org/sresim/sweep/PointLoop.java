package org.sresim.sweep;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import org.sresim.config.Config;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.workload.Network;
import org.sresim.workload.WorkloadSettings;

/**
 * Simulates a plan's points with the core alone, wherever it runs (a Spark task, a benchmark, a
 * test). Points are visited grouped by their workload (network, pruning, activations, seed, bit
 * widths, data) so that points differing only in hardware reuse one generated workload, and within
 * a workload by counting key, so points differing only in OU height, ADC, provisioning or prices
 * follow each other and share their counts (the {@link Simulator}'s memo); the order changes no number.
 */
public final class PointLoop {
    private final SweepPlan plan;
    private final PointWorkloads workloads;

    public PointLoop(SweepPlan plan, PointWorkloads workloads) {
        this.plan = plan;
        this.workloads = workloads;
    }

    /**
     * Simulates the points at execution positions [start, end) ({@link SweepPlan#indexAt}), handing
     * each point's rows to {@code sink} as soon as they exist (nothing accumulates).
     */
    public void run(long start, long end, Consumer<PointOutput> sink) {
        run(start, end, sink, true);
    }

    /** As {@link #run(long, long, Consumer)}; with {@code shareCounts} false every point is counted on its own. */
    public void run(long start, long end, Consumer<PointOutput> sink, boolean shareCounts) {
        int n = Math.toIntExact(end - start);
        Config[] points = new Config[n];
        Integer[] order = new Integer[n];
        String[] keys = new String[n];
        String[] countingKeys = new String[n];
        long[] index = new long[n];
        ExecutionOrder positions = plan.executionOrder();
        for (int i = 0; i < n; i++) {
            index[i] = positions.indexAt(start + i);
            points[i] = plan.point(index[i]);
            order[i] = i;
            keys[i] = PointWorkloads.workloadKey(points[i]);
            countingKeys[i] = Simulator.countingKey(points[i]);
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> keys[i]).thenComparing(i -> countingKeys[i])
                .thenComparing(i -> i));
        Simulator simulator = new Simulator();
        simulator.expect(Arrays.asList(points)); // OU heights of one workload: one counting pass
        for (int i : order) {
            sink.accept(simulate(index[i], points[i], simulator, shareCounts));
        }
    }

    /** One grid point, its workload from {@code workloads} and its counts shared through {@code simulator}. */
    public PointOutput simulate(long index, Config config, Simulator simulator) {
        return simulate(index, config, simulator, true);
    }

    private PointOutput simulate(long index, Config config, Simulator simulator, boolean shareCounts) {
        long began = System.nanoTime();
        Network network = plan.network(config);
        WorkloadSettings settings = WorkloadSettings.from(config);
        SimulationResult r = simulator.simulate(config, network, workloads.source(config, network, settings),
                shareCounts ? PointWorkloads.workloadKey(config) : null);
        double ms = (System.nanoTime() - began) / 1e6;
        return new PointOutput(ResultSchema.pointRows(plan.name(), index, r, ms),
                ResultSchema.layerRows(plan.name(), index, r, ms));
    }
}
