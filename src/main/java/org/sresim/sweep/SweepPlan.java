package org.sresim.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.engine.Simulator;
import org.sresim.workload.Network;

/**
 * A validated sweep: the base config (base file + {@code fixed}), the axes, the seeds and every
 * network it names, already resolved. Serializable and small: the grid itself is never
 * materialised; {@link #point(long)} decodes an index into its config wherever it runs, so a
 * 10^7-point grid costs the driver nothing and every executor computes the same point for the
 * same index.
 */
public record SweepPlan(String name, Config base, List<Axis> axes, List<Long> seeds,
                        Map<String, Network> networks, String definitionHash) implements Serializable {

    public SweepPlan {
        axes = List.copyOf(axes);
        seeds = List.copyOf(seeds);
        networks = Map.copyOf(networks);
    }

    /** Number of points: the product of the axis sizes times the number of seeds. */
    /** The networks whose every matrix layer carries a published pruning profile (the pruning keys do not apply). */
    public java.util.Set<String> profiledNetworks() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        networks.forEach((name, n) -> {
            if (n.profiled()) {
                names.add(name);
            }
        });
        return names;
    }

    public long size() {
        long n = seeds.size();
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.size());
        }
        return n;
    }

    /**
     * The config of point {@code index}: mixed-radix decoding with the seed varying fastest,
     * then the last axis, ..., the first axis slowest (nested loops in file order).
     */
    public Config point(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("point " + index + " of " + size());
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        long rest = index;
        int seedIndex = (int) (rest % seeds.size());
        rest /= seeds.size();
        for (int a = axes.size() - 1; a >= 0; a--) {
            Axis axis = axes.get(a);
            int step = (int) (rest % axis.size());
            rest /= axis.size();
            for (int k = 0; k < axis.keys().size(); k++) {
                overrides.put(axis.keys().get(k), axis.values().get(k).get(step));
            }
        }
        overrides.put("seed", seeds.get(seedIndex));
        return base.with(overrides, "sweep '" + name + "' point " + index);
    }

    /**
     * Whether every key of the axis only provisions, times or prices the chip: its points share
     * one workload and one counting pass ({@link Simulator#sharesCounts}).
     */
    static boolean variesHardwareOnly(Axis axis) {
        return axis.keys().stream().allMatch(Simulator::sharesCounts);
    }

    /**
     * Points per workload group: the product of the hardware-only axes' sizes. In execution order
     * (see {@link #executionOrder}) each run of this many consecutive positions is one workload group.
     */
    public long variantsPerGroup() {
        long n = 1;
        for (Axis a : axes) {
            if (variesHardwareOnly(a)) {
                n = Math.multiplyExact(n, a.size());
            }
        }
        return n;
    }

    /** Workload groups: distinct (workload, counting settings) of the grid, by its axes. */
    public long workloadGroups() {
        return size() / variantsPerGroup();
    }

    /**
     * The order tasks run the grid in: contiguous position ranges, in which the points sharing a
     * workload and counting settings are consecutive (see {@link ExecutionOrder}). A bijection fixed
     * by the definition, so a resumed sweep cuts the same positions; no number depends on it.
     */
    public ExecutionOrder executionOrder() {
        return new ExecutionOrder(axes, seeds.size(), size());
    }

    /** The grid index of execution position {@code position}; decoding many, keep {@link #executionOrder}. */
    public long indexAt(long position) {
        return executionOrder().indexAt(position);
    }

    /**
     * This sweep with every hardware-only axis fixed at its first value: one point per workload
     * group, the first of each (its workloads alone, for {@code bench --fusion}).
     */
    public SweepPlan workloadsAlone() {
        Map<String, Object> first = new LinkedHashMap<>();
        List<Axis> kept = new java.util.ArrayList<>();
        for (Axis a : axes) {
            if (variesHardwareOnly(a)) {
                for (int k = 0; k < a.keys().size(); k++) {
                    first.put(a.keys().get(k), a.values().get(k).get(0));
                }
            } else {
                kept.add(a);
            }
        }
        return new SweepPlan(name + "-workloads", base.with(first, "sweep '" + name + "' workloads alone"), kept, seeds,
                networks, definitionHash + "-workloads");
    }

    /** E.g. {@code "ou.rows x3, ou.rows+ou.cols x2, seeds x2"}. */
    public String describeAxes() {
        StringBuilder sb = new StringBuilder();
        axes.forEach(a -> sb.append(String.join("+", a.keys())).append(" x").append(a.size()).append(", "));
        return sb.append("seeds x").append(seeds.size()).toString();
    }

    /**
     * Every model data location the sweep reads (pinned values, {@code location#sha256=...}), in
     * file order: the base's and each {@code data} axis value. For manifests that hash a sweep's
     * inputs; {@link org.sresim.workload.ModelData#pathOf} strips the hash.
     */
    public List<String> dataLocations() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (!base.data().isEmpty()) {
            out.add(base.data());
        }
        for (Axis a : axes) {
            int k = a.keys().indexOf("data");
            if (k >= 0) {
                a.values().get(k).forEach(v -> {
                    if (!v.toString().isEmpty()) {
                        out.add(v.toString());
                    }
                });
            }
        }
        return List.copyOf(out);
    }

    public Network network(Config point) {
        Network n = networks.get(point.network());
        if (n == null) {
            throw new IllegalStateException("network " + point.network() + " was not resolved on the driver");
        }
        return n;
    }

    /** The network of point {@code index}, decoded without building its config (cost estimates of many points). */
    public String networkName(long index) {
        return text(index, "network");
    }

    /**
     * The value of {@code key} at point {@code index} as its text, decoded without building the
     * point's config (cost estimates of many points).
     */
    public String text(long index, String key) {
        long stride = seeds.size();
        for (int a = axes.size() - 1; a >= 0; a--) {
            Axis axis = axes.get(a);
            int k = axis.keys().indexOf(key);
            if (k >= 0) {
                return axis.values().get(k).get((int) (index / stride % axis.size())).toString();
            }
            stride *= axis.size();
        }
        return base.text(key);
    }
}
