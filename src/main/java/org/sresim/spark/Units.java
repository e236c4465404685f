package org.sresim.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongToDoubleFunction;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;

/**
 * How a sweep's missing points are cut into tasks and ordered: contiguous index ranges ("units") of
 * about {@code total cost / (cores x }{@link #UNITS_PER_CORE}{@code )} estimated cost and at most
 * {@link #MAX_POINTS} points, ordered longest first (LPT list scheduling: expensive work starts
 * first, cheap units fill the tail). Each unit is one task that writes and commits its own rows, so
 * no barrier separates them. {@link #replay} runs the same plan on virtual cores with measured costs.
 */
final class Units {
    static final int UNITS_PER_CORE = 16;
    static final int MAX_POINTS = 256;

    private Units() {
    }

    /** The points [start, end) of the grid, computed and committed by one task; cost is the estimate. */
    record Unit(long start, long end, double cost) implements Serializable {
        long points() {
            return end - start;
        }
    }

    /**
     * The estimated cost of one point: the network's multiply-accumulates (the counting work grows
     * with rows x cols x windows of every layer) plus a fixed 10^6 for the per-point work every network
     * has. Only ratios matter: it orders units and sizes them.
     */
    static LongToDoubleFunction estimatedCost(SweepPlan plan) {
        Map<String, Double> byNetwork = new HashMap<>();
        plan.networks().forEach((name, n) -> byNetwork.put(name, networkCost(n)));
        return i -> byNetwork.get(plan.networkName(i));
    }

    static double networkCost(Network n) {
        double macs = 0;
        for (MatrixLayer l : n.matrixLayers()) {
            macs += l.macs();
        }
        return 1e6 + macs;
    }

    /** The missing ranges cut into units for {@code cores} cores, longest first. */
    static List<Unit> plan(List<long[]> missing, LongToDoubleFunction cost, int cores, int maxPoints) {
        double total = 0;
        for (long[] r : missing) {
            for (long i = r[0]; i < r[1]; i++) {
                total += cost.applyAsDouble(i);
            }
        }
        double target = total / ((double) Math.max(1, cores) * UNITS_PER_CORE);
        List<Unit> units = new ArrayList<>();
        for (long[] r : missing) {
            long start = r[0];
            double acc = 0;
            for (long i = r[0]; i < r[1]; i++) {
                acc += cost.applyAsDouble(i);
                if (acc >= target || i + 1 - start >= maxPoints || i + 1 == r[1]) {
                    units.add(new Unit(start, i + 1, acc));
                    start = i + 1;
                    acc = 0;
                }
            }
        }
        units.sort(Comparator.comparingDouble(Unit::cost).reversed().thenComparingLong(Unit::start));
        return units;
    }

    /** What a replay found: busy core-seconds over available core-seconds. */
    record Replay(int cores, int units, double workSeconds, double makespanSeconds) {
        double utilisation() {
            return workSeconds / (cores * makespanSeconds);
        }
    }

    /**
     * List scheduling of {@code units}, in order, on {@code cores} virtual cores: each unit starts on
     * the first core to become free (what Spark does with the tasks of FIFO jobs), taking the sum of
     * its points' measured seconds.
     */
    static Replay replay(List<Unit> units, LongToDoubleFunction seconds, int cores) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int c = 0; c < cores; c++) {
            free.add(0.0);
        }
        double work = 0;
        double end = 0;
        for (Unit u : units) {
            double d = 0;
            for (long i = u.start(); i < u.end(); i++) {
                d += seconds.applyAsDouble(i);
            }
            work += d;
            double finish = free.poll() + d;
            end = Math.max(end, finish);
            free.add(finish);
        }
        return new Replay(cores, units.size(), work, end);
    }
}
