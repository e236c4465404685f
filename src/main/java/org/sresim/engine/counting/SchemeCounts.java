package org.sresim.engine.counting;

import java.util.Arrays;
import org.sresim.hw.Action;

/**
 * What one scheme does in one layer, as counts only: OU operations per tile and the number of
 * each {@link Action}. Mutable while a counter fills it, read-only outside counting; energy comes
 * later from a price table.
 */
public final class SchemeCounts {
    final long[] tileOps;
    final long[] actions = new long[Action.values().length];
    long ouOps;

    SchemeCounts(int tiles) {
        tileOps = new long[tiles];
    }

    /**
     * Records {@code ops} OU operations on tile t that together activated {@code rows} wordlines,
     * each operation converting {@code width} bitlines: per operation with k rows and c columns,
     * k DAC drives, k*c cell reads, and c conversions, sample-and-holds and shift-and-adds.
     */
    void addOperations(int tile, long ops, long rows, int width) {
        ouOps += ops;
        tileOps[tile] += ops;
        actions[Action.DAC.ordinal()] += rows;
        actions[Action.CELL_READ.ordinal()] += rows * width;
        actions[Action.ADC.ordinal()] += ops * width;
        actions[Action.SAMPLE_HOLD.ordinal()] += ops * width;
        actions[Action.SHIFT_ADD.ordinal()] += ops * width;
    }

    /** OU operations per tile (shared, not copied: do not change it). */
    public long[] tileOps() {
        return tileOps;
    }

    /**
     * The number of each {@link Action}, by ordinal (shared, not copied: pricing reads it once per
     * layer, scheme and hardware variant, so do not change it).
     */
    public long[] actions() {
        return actions;
    }

    public long ouOps() {
        return ouOps;
    }

    void add(Action action, long count) {
        actions[action.ordinal()] += count;
    }

    long count(Action action) {
        return actions[action.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemeCounts c && ouOps == c.ouOps && Arrays.equals(tileOps, c.tileOps)
                && Arrays.equals(actions, c.actions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ouOps) * 31 + Arrays.hashCode(actions);
    }

    @Override
    public String toString() {
        return "ops=" + ouOps + " tiles=" + Arrays.toString(tileOps) + " actions=" + Arrays.toString(actions);
    }
}
