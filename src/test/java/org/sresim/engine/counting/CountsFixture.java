package org.sresim.engine.counting;

import org.sresim.engine.Scheme;

/** Hand-made layer counts for the tests of what reads them (pricing), which cannot fill them. */
public final class CountsFixture {
    private CountsFixture() {
    }

    /**
     * Counts whose every scheme but SRE-bit runs {@code denseOps[t]} operations on tile t and SRE-bit
     * {@code sreOps[t]}, each operation driving 2 rows of 2 columns, and storing {@code indexBits}.
     */
    public static LayerCounts counts(long[] denseOps, long[] sreOps, long indexBits) {
        LayerCounts counts = new LayerCounts(denseOps.length);
        counts.indexStorageBits = indexBits;
        for (Scheme s : Scheme.values()) {
            long[] ops = s == Scheme.SRE_BIT ? sreOps : denseOps;
            for (int t = 0; t < ops.length; t++) {
                counts.of(s).addOperations(t, ops[t], 2 * ops[t], 2);
            }
        }
        return counts;
    }
}
