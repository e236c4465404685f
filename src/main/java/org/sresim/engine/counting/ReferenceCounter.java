package org.sresim.engine.counting;

import org.sresim.engine.Scheme;
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
        return new Pass(w, hw, sample).run();
    }

    /** One layer's count: what every step reads, set once, and the counts being added up. */
    private static final class Pass {
        private final LayerWorkload w;
        private final Hardware hw;
        private final LayerMapping m;
        private final int windows;
        private final int[] visit;
        private final double scale;
        private final int steps;
        private final int ou;
        private final int digitMask;
        private final LayerCounts counts;

        Pass(LayerWorkload w, Hardware hw, int[] sample) {
            this.w = w;
            this.hw = hw;
            this.m = new LayerMapping(w.layer(), hw);
            this.windows = w.windows();
            this.visit = sample == null ? everyWindow(windows) : sample;
            this.scale = (double) windows / visit.length;
            this.steps = hw.inputSteps();
            this.ou = hw.ouRows();
            this.digitMask = (1 << hw.dacBits()) - 1;
            this.counts = new LayerCounts(m.tiles());
        }

        LayerCounts run() {
            for (int rb = 0; rb < m.rowBlocks; rb++) {
                for (int cb = 0; cb < m.colBlocks; cb++) {
                    for (int g = 0; g < m.groups(cb); g++) {
                        group(rb, cb, g);
                    }
                    // the ideal design reads the whole tile at once, once per window and step
                    long reads = (long) windows * steps;
                    counts.of(Scheme.IDEAL).addOperations(m.tile(rb, cb), reads, reads * m.rowsIn(rb), m.colsIn(cb));
                }
            }
            counts.addBufferAccesses(w.layer().rows(), w.layer().cols(), windows, hw);
            return counts;
        }

        /** One column group of one tile: its surviving rows, then every scheme's operations. */
        private void group(int rb, int cb, int g) {
            int rowsIn = m.rowsIn(rb);
            int t = m.tile(rb, cb);
            int width = m.groupWidth(cb, g);
            boolean[] survives = survivors(rb, cb, g);
            int s = 0;
            for (boolean kept : survives) {
                s += kept ? 1 : 0;
            }
            counts.indexStorageBits += (long) s * LayerMapping.indexBits(rowsIn);
            dataIndependent(t, rowsIn, s, width);
            dataDependent(t, m.firstRow(rb), survives, width);
        }

        /** Row r survives compression when any of the group's cells in it is non-zero. */
        private boolean[] survivors(int rb, int cb, int g) {
            int rowsIn = m.rowsIn(rb);
            int first = m.firstRow(rb);
            int width = m.groupWidth(cb, g);
            boolean[] survives = new boolean[rowsIn];
            for (int r = 0; r < rowsIn; r++) {
                for (int c = 0; c < width; c++) {
                    survives[r] |= m.level(w, first + r, m.groupStart(cb, g) + c) != 0;
                }
            }
            return survives;
        }

        /** Dense and weight-only schemes: the same rows in every window and step. */
        private void dataIndependent(int t, int rowsIn, int s, int width) {
            for (int v = 0; v < windows; v++) {
                for (Scheme scheme : INDEXED) {
                    counts.of(scheme).add(Action.INDEX_BIT, (long) s * LayerMapping.indexBits(rowsIn));
                    counts.of(scheme).add(Action.PREFIX_SUM_ROW, s);
                }
                for (int b = 0; b < steps; b++) {
                    add(counts, Scheme.DENSE, t, rowsIn, ou, width);
                    add(counts, Scheme.WEIGHT, t, s, ou, width);
                }
            }
        }

        /** Data-dependent schemes: totals over the visited windows, then scaled to all. */
        private void dataDependent(int t, int first, boolean[] survives, int width) {
            long[] ops = new long[4];
            long[] rows = new long[4];
            int[] k = new int[4];
            for (int v : visit) {
                for (int b = 0; b < steps; b++) {
                    activeRows(v, b, first, survives, k);
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

        /** Into k, in {@link #DATA_DEPENDENT} order: the active rows of window v at input step b. */
        private void activeRows(int v, int b, int first, boolean[] survives, int[] k) {
            int act = 0;
            int actBit = 0;
            int sreValue = 0;
            int sreBit = 0;
            for (int r = 0; r < survives.length; r++) {
                int x = w.activation(v, first + r);
                boolean active = x != 0;
                boolean bitActive = ((x >>> (b * hw.dacBits())) & digitMask) != 0;
                act += active ? 1 : 0;
                actBit += bitActive ? 1 : 0;
                sreValue += active && survives[r] ? 1 : 0;
                sreBit += bitActive && survives[r] ? 1 : 0;
            }
            k[0] = act;
            k[1] = actBit;
            k[2] = sreValue;
            k[3] = sreBit;
        }
    }

    private static int[] everyWindow(int windows) {
        int[] all = new int[windows];
        for (int v = 0; v < windows; v++) {
            all[v] = v;
        }
        return all;
    }

    /** The schemes that read an index: weight-only and both SRE schemes. */
    private static final Scheme[] INDEXED = {Scheme.WEIGHT, Scheme.SRE_VALUE, Scheme.SRE_BIT};

    private static final Scheme[] DATA_DEPENDENT = {Scheme.ACT_VALUE, Scheme.ACT_BIT, Scheme.SRE_VALUE, Scheme.SRE_BIT};

    private static long up(long sampledTotal, double scale) {
        return scale == 1.0 ? sampledTotal : Math.round(sampledTotal * scale);
    }

    /** One (tile, group, window, step) with {@code activeRows} rows packed into OUs of {@code ou}. */
    private static void add(LayerCounts counts, Scheme scheme, int tile, int activeRows, int ou, int width) {
        counts.of(scheme).addOperations(tile, LayerMapping.ceilDiv(activeRows, ou), activeRows, width);
    }
}
