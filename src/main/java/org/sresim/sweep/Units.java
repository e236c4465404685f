package org.sresim.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;

/**
 * How a sweep's missing points are cut into tasks and ordered. Units are contiguous ranges of
 * execution positions ({@link SweepPlan#indexAt}), in which each workload group (the hardware
 * variants of one workload, {@link SweepPlan#variantsPerGroup} consecutive positions) is one run:
 * a task counts each group it holds once and prices every variant from the counts. Units hold
 * whole groups, several when groups are small, up to about {@code total cost / (cores x }
 * {@link #UNITS_PER_CORE}{@code )} estimated cost and {@link #MAX_POINTS} points; a group is split
 * (by variant range, each piece counting the workload again) only when it alone would exceed one
 * core's share of the sweep and has enough variants to pay for counting again, or exceeds
 * {@code MAX_POINTS}. Units go out longest first (LPT list scheduling:
 * expensive work starts first, cheap units fill the tail). Each unit is one task that writes and
 * commits its own rows, so no barrier separates them.
 */
public final class Units {
    static final int UNITS_PER_CORE = 16;
    public static final int MAX_POINTS = 256;
    /**
     * Estimated cost of one more hardware variant of a counted workload, as a fraction of counting
     * it: pricing, the variant's own OU height's conversions and its output rows. Measured with
     * {@code bench --task-throughput} when it was set: 0.008 on {@code sweeps/hardware-variants.yaml}
     * (99 variants per workload cost 0.8 workloads), 0.011 on {@code sweeps/adc-resolution.yaml}.
     * Counting has since become cheaper relative to the proxies, and the same measurement now gives
     * about 0.02 and 0.03; 0.03 was tried and only split ResNet-18's group of
     * {@code hardware-variants} without a faster sweep ({@code bench --fusion}), so it stays.
     */
    static final double VARIANT_SHARE = 0.01;

    private Units() {
    }

    /** The positions [start, end) of the grid, computed and committed by one task; cost is the estimate. */
    public record Unit(long start, long end, double cost) implements Serializable {
        long points() {
            return end - start;
        }
    }

    /**
     * What a unit is estimated to cost: {@code countCost(p)} for each workload group piece it holds
     * (p any of its positions) plus {@link #VARIANT_SHARE} of it for every point. Only ratios matter:
     * the estimates order units and size them.
     */
    public record Costs(long variantsPerGroup, LongToDoubleFunction countCost) {
        double of(long start, long end) {
            double count = countCost.applyAsDouble(start);
            return count + (end - start) * VARIANT_SHARE * count;
        }
    }

    /**
     * Narrow OU column groups cost more to count: a point at {@code ou.cols} c is estimated at
     * {@code 1 + OU_COLS_SCALE / c} times one whose groups are free. Per-group work (compressed-row
     * masks, per-mask counts, the proxies' conversions) grows with the number of groups, 1 / c.
     * Fitted to AlexNet's points of {@code sweeps/ou-size.yaml} (kept workload, one thread): 2x2 to
     * 128x128 took 7.2, 4.8, 1.7, 1.25, 1.4, 1.1 and 1 times the 128x128 point; the estimate gives
     * 7.0, 4.0, 2.5, 1.75, 1.38, 1.19 and 1.09.
     */
    static final double OU_COLS_SCALE = 12;

    /**
     * The estimated costs of a plan's positions: counting a workload costs the network's
     * multiply-accumulates (the counting work grows with rows x cols x windows of every layer) plus
     * a fixed 10^6 for the per-point work every network has, scaled up for narrow OU column groups
     * ({@link #OU_COLS_SCALE}).
     */
    public static Costs estimatedCost(SweepPlan plan) {
        Map<String, Double> byNetwork = new HashMap<>();
        plan.networks().forEach((name, n) -> byNetwork.put(name, networkCost(n)));
        ExecutionOrder order = plan.executionOrder();
        return new Costs(plan.variantsPerGroup(), p -> {
            long index = order.indexAt(p);
            double ouCols = Double.parseDouble(plan.text(index, "ou.cols"));
            return byNetwork.get(plan.networkName(index)) * (1 + OU_COLS_SCALE / ouCols);
        });
    }

    static double networkCost(Network n) {
        double macs = 0;
        for (MatrixLayer l : n.matrixLayers()) {
            macs += l.macs();
        }
        return 1e6 + macs;
    }

    /** The complement of the committed ranges (sorted, as a sweep folder lists them) within [0, size). */
    public static List<long[]> missing(List<long[]> committed, long size) {
        List<long[]> gaps = new ArrayList<>();
        long at = 0;
        for (long[] r : committed) {
            if (r[0] > at) {
                gaps.add(new long[] {at, Math.min(r[0], size)});
            }
            at = Math.max(at, r[1]);
        }
        if (at < size) {
            gaps.add(new long[] {at, size});
        }
        return gaps;
    }

    /** The missing position ranges cut into units for {@code cores} cores, longest first. */
    public static List<Unit> plan(List<long[]> missing, Costs costs, int cores, int maxPoints) {
        double[] total = {0};
        forEachGroup(missing, costs, (from, to) -> total[0] += costs.of(from, to));
        double coreShare = total[0] / Math.max(1, cores);
        Cutter cut = new Cutter(coreShare / UNITS_PER_CORE, maxPoints, costs);
        // a second pass rather than a list of groups: a 10^7-point grid must not hold 10^7 ranges
        forEachGroup(missing, costs, (from, to) -> split(new long[] {from, to}, costs, coreShare, maxPoints)
                .forEach(piece -> cut.add(piece[0], piece[1])));
        List<Unit> units = cut.finish();
        units.sort(Comparator.comparingDouble(Unit::cost).reversed().thenComparingLong(Unit::start));
        return units;
    }

    /** The workload groups of the missing ranges, in position order (a range may start or end mid-group). */
    private static void forEachGroup(List<long[]> missing, Costs costs, RangeConsumer each) {
        for (long[] r : missing) {
            for (long start = r[0]; start < r[1]; ) {
                long end = Math.min(r[1], (start / costs.variantsPerGroup() + 1) * costs.variantsPerGroup());
                each.accept(start, end);
                start = end;
            }
        }
    }

    private interface RangeConsumer {
        void accept(long from, long to);
    }

    /** Batches consecutive pieces into units up to the cost target and the point cap. */
    private static final class Cutter {
        private final double target;
        private final int maxPoints;
        private final Costs costs;
        private final List<Unit> units = new ArrayList<>();
        private long start = -1;
        private long end = -1;
        private double acc;

        Cutter(double target, int maxPoints, Costs costs) {
            this.target = target;
            this.maxPoints = maxPoints;
            this.costs = costs;
        }

        void add(long from, long to) {
            if (start >= 0 && (from != end || end - start + to - from > maxPoints)) {
                flush();
            }
            if (start < 0) {
                start = from;
                acc = 0;
            }
            end = to;
            acc += costs.of(from, to);
            if (acc >= target) {
                flush();
            }
        }

        private void flush() {
            units.add(new Unit(start, end, acc));
            start = -1;
        }

        List<Unit> finish() {
            if (start >= 0) {
                flush();
            }
            return units;
        }
    }

    /**
     * A group's positions [from, to) as is, or cut into near-equal variant ranges when it alone
     * would exceed one core's share of the sweep, or {@code maxPoints}. Each piece counts the
     * workload again, so a piece keeps at least 1 / {@link #VARIANT_SHARE} variants (its variants
     * cost at least its counting): splitting at most doubles the work of a piece, and a group of a
     * few hundred variants is not cut for a few cores it would keep busy only by counting twice.
     */
    private static List<long[]> split(long[] group, Costs costs, double coreShare, int maxPoints) {
        long n = group[1] - group[0];
        long byCost = (long) Math.ceil(costs.of(group[0], group[1]) / coreShare);
        long worthIt = Math.max(1, (long) Math.floor(n * VARIANT_SHARE));
        long k = Math.min(n, Math.max(Math.min(byCost, worthIt), (n + maxPoints - 1) / maxPoints));
        List<long[]> out = new ArrayList<>();
        for (long i = 0; i < k; i++) {
            out.add(new long[] {group[0] + n * i / k, group[0] + n * (i + 1) / k});
        }
        return out;
    }
}
