package org.sresim.engine;

import org.sresim.hw.Action;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;

/**
 * The straightforward counter: for every tile, column group, window and input step it builds
 * the row sets R, S, A and A_b element by element and applies the formulas of model section 5
 * literally. Slow, obviously right, and the oracle the fast counter is tested against.
 */
final class ReferenceCounter implements OuCounter {

    @Override
    public LayerCounts count(LayerWorkload w, Hardware hw) {
        return count(w, hw, null);
    }

    /**
     * The data-dependent schemes visit only {@code sample} windows (null: all) and their per
     * (tile, group) totals are scaled by windows / sample size, as {@link BitsetCounter} does.
     */
    @Override
    public LayerCounts count(LayerWorkload w, Hardware hw, int[] sample) {
        LayerMapping m = new LayerMapping(w.layer(), hw);
        int windows = w.windows();
        int[] visit = sample;
        if (visit == null) {
            visit = new int[windows];
            for (int v = 0; v < windows; v++) {
                visit[v] = v;
            }
        }
        double scale = (double) windows / visit.length;
        int steps = hw.inputSteps();
        int ou = hw.ouRows();
        int digitMask = (1 << hw.dacBits()) - 1;
        LayerCounts counts = new LayerCounts(m.tiles());
        for (int rb = 0; rb < m.rowBlocks; rb++) {
            int rowsIn = m.rowsIn(rb);
            int first = m.firstRow(rb);
            for (int cb = 0; cb < m.colBlocks; cb++) {
                int t = m.tile(rb, cb);
                for (int g = 0; g < m.groups(cb); g++) {
                    int width = m.groupWidth(cb, g);
                    boolean[] survives = new boolean[rowsIn];
                    int s = 0;
                    for (int r = 0; r < rowsIn; r++) {
                        for (int c = 0; c < width; c++) {
                            survives[r] |= m.level(w, first + r, m.groupStart(cb, g) + c) != 0;
                        }
                        s += survives[r] ? 1 : 0;
                    }
                    counts.indexStorageBits += (long) s * LayerMapping.indexBits(rowsIn);
                    for (int v = 0; v < windows; v++) {
                        for (Scheme scheme : new Scheme[] {Scheme.WEIGHT, Scheme.SRE_VALUE, Scheme.SRE_BIT}) {
                            counts.of(scheme).add(Action.INDEX_BIT, (long) s * LayerMapping.indexBits(rowsIn));
                            counts.of(scheme).add(Action.PREFIX_SUM_ROW, s);
                        }
                        for (int b = 0; b < steps; b++) {
                            add(counts, Scheme.DENSE, t, rowsIn, ou, width);
                            add(counts, Scheme.WEIGHT, t, s, ou, width);
                        }
                    }
                    // data-dependent schemes: totals over the visited windows, then scaled to all
                    long[] ops = new long[4];
                    long[] rows = new long[4];
                    for (int v : visit) {
                        for (int b = 0; b < steps; b++) {
                            int act = 0;
                            int actBit = 0;
                            int sreValue = 0;
                            int sreBit = 0;
                            for (int r = 0; r < rowsIn; r++) {
                                int x = w.activation(v, first + r);
                                boolean active = x != 0;
                                boolean bitActive = ((x >>> (b * hw.dacBits())) & digitMask) != 0;
                                act += active ? 1 : 0;
                                actBit += bitActive ? 1 : 0;
                                sreValue += active && survives[r] ? 1 : 0;
                                sreBit += bitActive && survives[r] ? 1 : 0;
                            }
                            int[] k = {act, actBit, sreValue, sreBit};
                            for (int i = 0; i < 4; i++) {
                                ops[i] += LayerMapping.ceilDiv(k[i], ou);
                                rows[i] += k[i];
                            }
                        }
                    }
                    for (int i = 0; i < 4; i++) {
                        counts.of(DATA_DEPENDENT[i]).addOperations(t, up(ops[i], scale), up(rows[i], scale), width);
                    }
                }
                // the ideal design reads the whole tile at once, once per window and step
                long reads = (long) windows * steps;
                counts.of(Scheme.IDEAL).addOperations(t, reads, reads * rowsIn, m.colsIn(cb));
            }
        }
        counts.addBufferAccesses(w.layer().rows(), w.layer().cols(), windows, hw);
        return counts;
    }

    private static final Scheme[] DATA_DEPENDENT = {Scheme.ACT_VALUE, Scheme.ACT_BIT, Scheme.SRE_VALUE, Scheme.SRE_BIT};

    private static long up(long sampledTotal, double scale) {
        return scale == 1.0 ? sampledTotal : Math.round(sampledTotal * scale);
    }

    /** One (tile, group, window, step) with {@code activeRows} rows packed into OUs of {@code ou}. */
    private static void add(LayerCounts counts, Scheme scheme, int tile, int activeRows, int ou, int width) {
        counts.of(scheme).addOperations(tile, LayerMapping.ceilDiv(activeRows, ou), activeRows, width);
    }
}
