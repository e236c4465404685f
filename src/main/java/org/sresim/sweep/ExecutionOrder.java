package org.sresim.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * The order a sweep runs its grid in ({@link SweepPlan#executionOrder}): axes that change the
 * workload or its counts vary slowest (file order), then the seed, then the hardware-only axes
 * fastest (file order), so each workload's hardware variants are consecutive positions. The axis
 * sizes and kinds are taken once, so decoding a position is a few divisions: callers that decode
 * millions of positions (cost estimates of a large grid) keep one instance.
 */
public final class ExecutionOrder implements Serializable {
    private final int[] sizes;
    private final boolean[] hardware;
    private final int seeds;
    private final long size;

    ExecutionOrder(List<Axis> axes, int seeds, long size) {
        this.sizes = new int[axes.size()];
        this.hardware = new boolean[axes.size()];
        for (int a = 0; a < sizes.length; a++) {
            sizes[a] = axes.get(a).size();
            hardware[a] = SweepPlan.variesHardwareOnly(axes.get(a));
        }
        this.seeds = seeds;
        this.size = size;
    }

    /** The grid index (file order, seed fastest) of execution position {@code position}. A bijection. */
    public long indexAt(long position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        int[] step = new int[sizes.length];
        long rest = position;
        for (int a = sizes.length - 1; a >= 0; a--) {
            if (hardware[a]) {
                step[a] = (int) (rest % sizes[a]);
                rest /= sizes[a];
            }
        }
        int seedIndex = (int) (rest % seeds);
        rest /= seeds;
        for (int a = sizes.length - 1; a >= 0; a--) {
            if (!hardware[a]) {
                step[a] = (int) (rest % sizes[a]);
                rest /= sizes[a];
            }
        }
        long index = 0;
        for (int a = 0; a < sizes.length; a++) {
            index = index * sizes[a] + step[a];
        }
        return index * seeds + seedIndex;
    }
}
