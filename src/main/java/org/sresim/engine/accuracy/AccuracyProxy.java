package org.sresim.engine.accuracy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.Erfc;
import org.sresim.engine.Scheme;
import org.sresim.engine.counting.LayerMapping;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.NonZeroMagnitudes;
import org.sresim.workload.Seeds;

/**
 * The accuracy proxies of model section 8, on a seeded sample of (window, tile) pairs of a layer:
 * {@code windows} windows (all when the layer has fewer) and, in each, {@code tiles} tiles (all
 * when fewer), every column group and input step. For every OU conversion (one bitline of one
 * OU operation):
 * <ul>
 *   <li>clipping: the ideal value sum(level * input digit) over the OU's rows exceeds 2^adcBits - 1.
 *       The tallies keep how many conversions had each ideal value, so the clipping rate of every
 *       ADC resolution follows from one pass (points differing only in {@code adc.bits} share it);</li>
 *   <li>misread probability: with conductances g_l = gmin + l (gmax - gmin) / (2^cellBits - 1) and
 *       each conducting cell off by a relative N(0, sigma), the summed deviation exceeds half a
 *       level step with P = 2 (1 - Phi(0.5 dg / (sigma sqrt(sum (g_i d_i)^2)))), d_i the input digit.</li>
 * </ul>
 * Conductances are normalised to gmax = 1. The ideal design converts all rows of a tile at once
 * with its own ADC ({@code ideal.adc-bits}).
 */
public final class AccuracyProxy {
    private final Hardware hw;
    private final int[] heights;
    private final Height[] perHeight;
    /** The heights whose OU conversions are only counted (any order), and those priced one by one in order. */
    private final Height[] tabledHeights;
    private final Height[] orderedHeights;
    /** boundary[k]: an OU of one of the heights starts or ends after k selected rows of a tile. */
    private final boolean[] boundary;
    /** nextBoundary[k]: the smallest boundary above k (past the crossbar's rows when none). */
    private final int[] nextBoundary;
    private final double sigma;
    private final double gMin;
    private final double levelStep;
    private final int windowSample;
    private final int tileSample;
    private final MisreadMemo misreadMemo;

    /**
     * Whether tiles of 1-bit inputs may take the bit-set path ({@link BitTile}); the row-by-row path
     * serves every tile and gives the same tallies, so it is the other's check.
     */
    private final boolean bitTiles;

    /** The proxies at {@code hw}'s OU height. */
    AccuracyProxy(Hardware hw, double sigma, double rRatio, int windowSample, int tileSample) {
        this(hw, new int[] {hw.ouRows()}, sigma, rRatio, windowSample, tileSample);
    }

    public AccuracyProxy(Hardware hw, int[] heights, double sigma, double rRatio, int windowSample, int tileSample) {
        this(hw, heights, sigma, rRatio, windowSample, tileSample, true);
    }

    /**
     * The proxies at each of {@code heights} (OU rows) at once: one sample of (window, tile) pairs,
     * one tile set-up and one pass over each OU row sequence serve every height, and each height's
     * tallies receive the same conversions in the same order as a proxy of that height alone.
     * {@code hw}'s own OU height is ignored. {@code bitTiles} false: every tile row by row.
     */
    AccuracyProxy(Hardware hw, int[] heights, double sigma, double rRatio, int windowSample, int tileSample,
                  boolean bitTiles) {
        this.hw = hw;
        this.bitTiles = bitTiles;
        this.heights = heights.clone();
        this.sigma = sigma;
        this.gMin = 1.0 / rRatio;
        this.levelStep = (1.0 - gMin) / ((1 << hw.cellBits()) - 1);
        this.windowSample = windowSample;
        this.tileSample = tileSample;
        this.boundary = new boolean[hw.crossbarRows() + 1];
        for (int h : heights) {
            for (int p = 0; p < boundary.length; p += h) {
                boundary[p] = true;
            }
        }
        this.nextBoundary = new int[boundary.length];
        for (int k = boundary.length - 1, next = boundary.length; k >= 0; k--) {
            nextBoundary[k] = next;
            if (boundary[k]) {
                next = k;
            }
        }
        this.perHeight = new Height[heights.length];
        for (int h = 0; h < heights.length; h++) {
            perHeight[h] = new Height(heights[h]);
        }
        this.tabledHeights = java.util.Arrays.stream(perHeight).filter(this::tabled).toArray(Height[]::new);
        this.orderedHeights = java.util.Arrays.stream(perHeight).filter(h -> !tabled(h)).toArray(Height[]::new);
        this.misreadMemo = new MisreadMemo(
                squares -> Erfc.value(0.5 * levelStep / (sigma * Math.sqrt(squares)) / Math.sqrt(2)));
    }

    /**
     * One OU height's tallies in the making: small OUs with 1-bit inputs have few possible sums
     * (cells, sum l, sum l^2), so their conversions are only counted per cell of a dense table
     * while sampling, and counted and priced per cell at the end of a layer.
     */
    private final class Height {
        final int ouRows;
        final long tableN;
        final long tableV;
        final long tableQ;
        final double[] table;
        /** Per scheme (ordinal): conversions per table cell, and conversions with no conducting cell. */
        final long[][] histograms;
        final long[] empty = new long[Scheme.values().length];
        final AccuracyTally[] tallies = new AccuracyTally[Scheme.values().length];

        Height(int ouRows) {
            this.ouRows = ouRows;
            long maxLevel = (1L << hw.cellBits()) - 1;
            long n = ouRows;
            boolean small = hw.dacBits() == 1 && (n + 1) * (n * maxLevel + 1) * (n * maxLevel * maxLevel + 1) <= 1 << 17;
            this.tableN = small ? n : -1;
            this.tableV = n * maxLevel;
            this.tableQ = n * maxLevel * maxLevel;
            this.table = new double[small ? (int) ((n + 1) * (tableV + 1) * (tableQ + 1)) : 0];
            java.util.Arrays.fill(table, Double.NaN);
            this.histograms = new long[Scheme.values().length][table.length];
        }

        void start() {
            for (Scheme s : Scheme.values()) {
                tallies[s.ordinal()] = new AccuracyTally();
            }
        }

        /**
         * Counts and prices the table cells counted for this layer, in cell order, and clears them
         * for the next layer. A 1-bit conversion's ideal value is its sum l, a coordinate of its cell.
         */
        Map<Scheme, Accuracy> finish() {
            Map<Scheme, Accuracy> done = new EnumMap<>(Scheme.class);
            for (Scheme s : Scheme.values()) {
                AccuracyTally tally = tallies[s.ordinal()];
                long[] histogram = histograms[s.ordinal()];
                tally.addConversions(0, empty[s.ordinal()]);
                empty[s.ordinal()] = 0;
                double tableSum = 0;
                for (int i = 0; i < histogram.length; i++) {
                    if (histogram[i] != 0) {
                        tally.addConversions(i / (tableQ + 1) % (tableV + 1), histogram[i]);
                        tableSum += histogram[i] * tableValue(i);
                        histogram[i] = 0;
                    }
                }
                tally.misreadProbabilitySum += tableSum;
                tallies[s.ordinal()] = null;
                done.put(s, tally.freeze());
            }
            return done;
        }

        /**
         * One conversion: conducting cell i (level l_i, input digit d_i) carries (gmin + l_i step) d_i,
         * so sum (g_i d_i)^2 = gmin^2 sum d^2 + 2 gmin step sum l d^2 + step^2 sum l^2 d^2, computed
         * from the three integer sums in one fixed order whichever path produced them.
         */
        void record(Scheme s, long value, long d2, long ld2, long l2d2) {
            if (d2 != 0 && sigma != 0 && d2 <= tableN && ld2 <= tableV && l2d2 <= tableQ && value == ld2) {
                histograms[s.ordinal()][(int) ((d2 * (tableV + 1) + ld2) * (tableQ + 1) + l2d2)]++;
                return;
            }
            AccuracyTally tally = tallies[s.ordinal()];
            tally.addConversion(value);
            if (d2 != 0 && sigma != 0) {
                tally.misreadProbabilitySum += misreadMemo.apply(squares(d2, ld2, l2d2));
            }
        }

        /**
         * A conversion of 1-bit inputs ({@code cells} conducting, sum l = {@code value}, sum l^2 =
         * {@code squares}) as {@link #record} sees it, with the common cases first: the hot loop of
         * the bit-set path.
         */
        void recordBits(int s, long cells, long value, long squares) {
            if (cells == 0) {
                empty[s]++;
            } else if (cells <= tableN && value <= tableV && squares <= tableQ && sigma != 0) {
                histograms[s][(int) ((cells * (tableV + 1) + value) * (tableQ + 1) + squares)]++;
            } else {
                AccuracyTally tally = tallies[s];
                tally.addConversion(value);
                if (sigma != 0) {
                    tally.misreadProbabilitySum += misreadMemo.apply(squares(cells, value, squares));
                }
            }
        }

        /** P(misread) of dense-table cell i = (d2, ld2, l2d2). */
        private double tableValue(int i) {
            double p = table[i];
            if (Double.isNaN(p)) {
                long l2d2 = i % (tableQ + 1);
                long rest = i / (tableQ + 1);
                long ld2 = rest % (tableV + 1);
                long d2 = rest / (tableV + 1);
                p = misreadMemo.apply(squares(d2, ld2, l2d2));
                table[i] = p;
            }
            return p;
        }
    }

    /** The tallies of one layer at the proxy's only OU height. */
    Map<Scheme, Accuracy> estimate(LayerWorkload w, long seed) {
        if (heights.length != 1) {
            throw new IllegalStateException("estimate() is for one OU height; use estimateEach()");
        }
        return estimateEach(w, seed).get(0);
    }

    /** The tallies of one layer at each OU height, in the order of the constructor's heights. */
    public java.util.List<Map<Scheme, Accuracy>> estimateEach(LayerWorkload w, long seed) {
        LayerMapping m = new LayerMapping(w.layer(), hw);
        for (Height h : perHeight) {
            h.start();
        }
        SplittableRandom random = Seeds.stream(seed, w.layer().index(), Seeds.Purpose.ACCURACY_SAMPLE);
        for (int v : sample(w.windows(), windowSample, random)) {
            for (int t : sample(m.tiles(), tileSample, random)) {
                tile(w, m, v, t / m.colBlocks, t % m.colBlocks);
            }
        }
        java.util.List<Map<Scheme, Accuracy>> each = new java.util.ArrayList<>(perHeight.length);
        for (Height h : perHeight) {
            each.add(h.finish());
        }
        return each;
    }

    /** {@code k} distinct values of 0..n-1 by a partial Fisher-Yates shuffle; all of them when n <= k. */
    public static int[] sample(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= k) {
            return all;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    private void tile(LayerWorkload w, LayerMapping m, int v, int rb, int cb) {
        int rows = m.rowsIn(rb);
        int first = m.firstRow(rb);
        int cols = m.colsIn(cb);
        int colStart = m.groupStart(cb, 0);
        int[] input = new int[rows];
        for (int r = 0; r < rows; r++) {
            input[r] = w.activation(v, first + r);
        }
        long maxLevel = (1L << hw.cellBits()) - 1;
        if (hw.dacBits() == 1 && bitTiles && (long) rows * maxLevel * maxLevel < 1 << 16) {
            BitTile tile = new BitTile(rows, cols, input, m, cb);
            tile.pack(w, first, colStart, cols);
            tile.run(m, cb);
            return;
        }
        int[][] level = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                level[r][c] = m.level(w, first + r, colStart + c);
            }
        }
        int[][] digit = digits(input);
        int[] selected = new int[rows];
        groupConversions(m, cb, input, level, digit, selected);
        idealConversions(level, digit, selected, cols);
    }

    /** digit[b][r]: row r's input digit at input step b. */
    private int[][] digits(int[] input) {
        int digitMask = (1 << hw.dacBits()) - 1;
        int[][] digit = new int[hw.inputSteps()][input.length];
        for (int b = 0; b < hw.inputSteps(); b++) {
            for (int r = 0; r < input.length; r++) {
                digit[b][r] = (input[r] >>> (b * hw.dacBits())) & digitMask;
            }
        }
        return digit;
    }

    /** The OU schemes' conversions, row by row; {@code selected} is scratch of the tile's rows. */
    private void groupConversions(LayerMapping m, int cb, int[] input, int[][] level, int[][] digit, int[] selected) {
        int rows = input.length;
        // groups outer, steps inner, as the bit-set path: each tally sums in the same order
        for (int g = 0; g < m.groups(cb); g++) {
            int c0 = g * hw.ouCols();
            int width = m.groupWidth(cb, g);
            for (int b = 0; b < hw.inputSteps(); b++) {
                for (Scheme s : OU_SCHEMES) {
                    int n = 0;
                    for (int r = 0; r < rows; r++) {
                        if (s.compressesWeights() && !anyNonZero(level[r], c0, width)) {
                            continue;
                        }
                        if (s.skipsActivations() && (s.bitGranularity() ? digit[b][r] == 0 : input[r] == 0)) {
                            continue;
                        }
                        selected[n++] = r;
                    }
                    for (Height h : perHeight) {
                        convert(selected, n, h.ouRows, level, digit[b], c0, width, h, s);
                    }
                }
            }
        }
    }

    /** The ideal design's conversions: every row of the tile at once, per input step. */
    private void idealConversions(int[][] level, int[][] digit, int[] selected, int cols) {
        int rows = selected.length;
        for (int b = 0; b < hw.inputSteps(); b++) {
            for (int r = 0; r < rows; r++) {
                selected[r] = r;
            }
            for (Height h : perHeight) {
                convert(selected, rows, rows, level, digit[b], 0, cols, h, Scheme.IDEAL);
            }
        }
    }

    private static final Scheme[] OU_SCHEMES = {Scheme.DENSE, Scheme.WEIGHT, Scheme.ACT_VALUE, Scheme.ACT_BIT,
        Scheme.SRE_VALUE, Scheme.SRE_BIT};
    /** The OU schemes whose rows do not depend on the column group (no weight compression). */
    private static final Scheme[] WHOLE_TILE_SCHEMES = {Scheme.DENSE, Scheme.ACT_VALUE, Scheme.ACT_BIT};
    /** The OU schemes whose rows are the column group's compressed rows. */
    private static final Scheme[] COMPRESSING_SCHEMES = {Scheme.WEIGHT, Scheme.SRE_VALUE, Scheme.SRE_BIT};

    /**
     * Whether this height's OU conversions all land in its dense table, where they are only counted
     * while sampling (so their order does not matter).
     */
    private boolean tabled(Height h) {
        return h.tableN >= h.ouRows && sigma != 0;
    }

    private static boolean anyNonZero(int[] levels, int from, int width) {
        for (int c = from; c < from + width; c++) {
            if (levels[c] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The OUs formed from {@code selected} rows in order, {@code ouRows} at a time, each converting columns [c0, c0+width). */
    private static void convert(int[] selected, int n, int ouRows, int[][] level, int[] digit, int c0, int width,
                                Height height, Scheme scheme) {
        for (int start = 0; start < n; start += ouRows) {
            int end = Math.min(n, start + ouRows);
            for (int c = c0; c < c0 + width; c++) {
                long value = 0;
                long d2 = 0;
                long ld2 = 0;
                long l2d2 = 0;
                for (int i = start; i < end; i++) {
                    int r = selected[i];
                    long d = digit[r];
                    if (d != 0) {
                        long l = level[r][c];
                        value += l * d;
                        d2 += d * d;
                        ld2 += l * d * d;
                        l2d2 += l * l * d * d;
                    }
                }
                height.record(scheme, value, d2, ld2, l2d2);
            }
        }
    }

    private double squares(long d2, long ld2, long l2d2) {
        return gMin * gMin * d2 + 2 * gMin * levelStep * ld2 + levelStep * levelStep * l2d2;
    }

    /**
     * The same conversions for 1-bit DACs, with row sets as bit sets and each row's cell levels
     * packed four columns to a long in 16-bit lanes (and the squared levels likewise). Per input
     * step b, the running lane-wise sums over the conducting rows A_b in row order are tabulated
     * once ({@code cumulative}); every OU of every scheme and column group then
     * converts from the difference of two entries, one lane extraction per conversion. This works
     * for every scheme because the rows of A_b a scheme does not select in group g are rows the
     * group's weights compress away, whose levels there are all zero: skipping them or adding them
     * gives the same lane sums. So a scheme's OUs only need, at each OU edge, how many rows of A_b
     * lie before it and how many of them the scheme selected: bit counting, no lane arithmetic.
     * The order of the conversions is described at {@link #run}. Used when no lane can overflow (rows * maxLevel^2 < 2^16, which bounds
     * every running sum too); the row-by-row path covers everything else.
     */
    private final class BitTile {
        private static final int LANES = 4;
        private final int rows;
        private final int words;
        private final int perRow;
        private final int steps;
        private final long[] packed;
        private final long[] packedSquares;
        private final long[] active;
        private final long[][] activeBit;
        private final long[][] survive;
        /** One step's lane sums of its first j conducting rows: words j * perRow + lane ({@link #accumulate}). */
        private final long[] cumulative;
        private final long[] cumulativeSquares;
        /**
         * The edges of one scheme's OU sequence at the positions k where an OU can start or end:
         * rows of A_b before the k-th selected row's successor, and conducting selected rows among them.
         */
        private final OuEdges edges;

        BitTile(int rows, int cols, int[] input, LayerMapping m, int cb) {
            this.rows = rows;
            this.words = (rows + 63) >>> 6;
            this.perRow = (cols + LANES - 1) / LANES;
            this.steps = hw.inputSteps();
            if (scratch == null) {
                int rowsMax = hw.crossbarRows();
                int lanesMax = (hw.crossbarCols() + LANES - 1) / LANES;
                int sums = (rowsMax + 1) * lanesMax;
                scratch = new TileBuffers(new long[rowsMax * lanesMax], new long[rowsMax * lanesMax], new long[sums],
                        new long[sums], new OuEdges(rowsMax));
            }
            packed = scratch.packed;
            packedSquares = scratch.packedSquares;
            java.util.Arrays.fill(packed, 0, rows * perRow, 0);
            java.util.Arrays.fill(packedSquares, 0, rows * perRow, 0);
            cumulative = scratch.cumulative;
            cumulativeSquares = scratch.cumulativeSquares;
            edges = scratch.edges;
            active = new long[words];
            activeBit = new long[steps][words];
            survive = new long[m.groups(cb)][words];
            for (int r = 0; r < rows; r++) {
                if (input[r] != 0) {
                    long bit = 1L << r;
                    int word = r >>> 6;
                    active[word] |= bit;
                    for (int b = 0; b < steps; b++) {
                        if (((input[r] >>> b) & 1) != 0) {
                            activeBit[b][word] |= bit;
                        }
                    }
                }
            }
        }

        /**
         * Packs the levels of the tile's cells (rows from {@code first}, physical columns
         * [colStart, colStart + cols)) weight by weight: a zero weight (most of a pruned layer)
         * holds only zero levels and is skipped without being drawn.
         */
        void pack(LayerWorkload w, int first, int colStart, int cols) {
            int cpw = hw.cellsPerWeight();
            int cellBits = hw.cellBits();
            int levelMask = (1 << cellBits) - 1;
            int n0 = colStart / cpw;
            int n1 = (colStart + cols - 1) / cpw;
            NonZeroMagnitudes kept = w.magnitudesIfMade();
            for (int r = 0; r < rows; r++) {
                long bit = 1L << r;
                int word = r >>> 6;
                int rowBase = r * perRow;
                for (int n = n0; n <= n1; n++) {
                    int magnitude = kept != null ? kept.magnitude(first + r, n) : Math.abs(w.weight(first + r, n));
                    if (magnitude == 0) {
                        continue;
                    }
                    int p0 = Math.max(n * cpw, colStart);
                    int p1 = Math.min(n * cpw + cpw, colStart + cols);
                    for (int p = p0; p < p1; p++) {
                        long l = (magnitude >>> ((p - n * cpw) * cellBits)) & levelMask;
                        if (l != 0) {
                            int c = p - colStart;
                            int shift = (c % LANES) * 16;
                            packed[rowBase + c / LANES] |= l << shift;
                            packedSquares[rowBase + c / LANES] |= (l * l) << shift;
                            survive[c / hw.ouCols()][word] |= bit;
                        }
                    }
                }
            }
        }

        /**
         * Tabulates step b's running sums over its conducting rows, in lanes [k0, k1]: entry j holds
         * the sums of the first j rows of A_b (words j * perRow + lane).
         */
        private void accumulate(int b, int k0, int k1) {
            for (int k = k0; k <= k1; k++) {
                cumulative[k] = 0;
                cumulativeSquares[k] = 0;
            }
            int at = 0;
            for (int word = 0; word < words; word++) {
                for (long bits = activeBit[b][word]; bits != 0; bits &= bits - 1) {
                    int base = ((word << 6) + Long.numberOfTrailingZeros(bits)) * perRow;
                    int next = at + perRow;
                    for (int k = k0; k <= k1; k++) {
                        cumulative[next + k] = cumulative[at + k] + packed[base + k];
                        cumulativeSquares[next + k] = cumulativeSquares[at + k] + packedSquares[base + k];
                    }
                    at = next;
                }
            }
        }

        /**
         * Every conversion of the tile. A tally's misread sum depends on the order of the conversions
         * priced one by one, so each (height, scheme) receives its conversions in the fixed order
         * groups, steps, OUs, columns, as on the row-by-row path; conversions that land in the dense
         * table are only counted, so for the heights whose OUs always do, steps go outermost (one
         * step's sums at a time over all columns) and the schemes whose rows do not depend on the
         * group convert every group's columns at once.
         */
        void run(LayerMapping m, int cb) {
            long[] all = new long[words];
            for (int r = 0; r < rows; r++) {
                all[r >>> 6] |= 1L << r;
            }
            long[] selected = new long[words];
            if (tabledHeights.length > 0) {
                for (int b = 0; b < steps; b++) {
                    accumulate(b, 0, perRow - 1);
                    for (Scheme s : WHOLE_TILE_SCHEMES) {
                        select(s, b, all, all, selected);
                        convert(edges.find(selected, activeBit[b], words), 0, m.colsIn(cb), s, tabledHeights);
                    }
                    for (int g = 0; g < m.groups(cb); g++) {
                        for (Scheme s : COMPRESSING_SCHEMES) {
                            select(s, b, all, survive[g], selected);
                            convert(edges.find(selected, activeBit[b], words), g * hw.ouCols(), m.groupWidth(cb, g), s,
                                    tabledHeights);
                        }
                    }
                    convertIdeal(b, all, m, cb); // the step's whole table is at hand
                }
            }
            if (orderedHeights.length > 0) {
                for (int g = 0; g < m.groups(cb); g++) {
                    int c0 = g * hw.ouCols();
                    int width = m.groupWidth(cb, g);
                    for (int b = 0; b < steps; b++) {
                        accumulate(b, c0 / LANES, (c0 + width - 1) / LANES);
                        for (Scheme s : OU_SCHEMES) {
                            select(s, b, all, survive[g], selected);
                            convert(edges.find(selected, activeBit[b], words), c0, width, s, orderedHeights);
                        }
                    }
                }
            }
            if (tabledHeights.length == 0) {
                for (int b = 0; b < steps; b++) {
                    accumulate(b, 0, perRow - 1);
                    convertIdeal(b, all, m, cb);
                }
            }
        }

        /**
         * The ideal design's conversions at step b (the whole tile, one per column) for every height,
         * from the step's sums over every column. Each (height, ideal) tally still gets them in step
         * order, whichever of {@link #run}'s loops makes them.
         */
        private void convertIdeal(int b, long[] all, LayerMapping m, int cb) {
            int n = edges.find(all, activeBit[b], words);
            for (Height h : perHeight) {
                convertOus(n, rows, 0, m.colsIn(cb), h, Scheme.IDEAL);
            }
        }

        /** The OUs of each of {@code heights} over the {@code n} rows {@link #edges} describes, converting columns [c0, c0+width). */
        private void convert(int n, int c0, int width, Scheme s, Height[] heights) {
            for (Height h : heights) {
                convertOus(n, h.ouRows, c0, width, h, s);
            }
        }

        /** The rows scheme s reads at step b: {@code survivors} are the group's compressed rows. */
        private void select(Scheme s, int b, long[] all, long[] survivors, long[] selected) {
            long[] act = s.skipsActivations() ? (s.bitGranularity() ? activeBit[b] : active) : all;
            long[] rowSet = s.compressesWeights() ? survivors : all;
            for (int x = 0; x < words; x++) {
                selected[x] = act[x] & rowSet[x];
            }
        }

        /** The OUs of {@code ouRows} consecutive selected rows, each converting columns [c0, c0+width). */
        private void convertOus(int n, int ouRows, int c0, int width, Height height, Scheme scheme) {
            int s = scheme.ordinal();
            // every conversion of OUs this small lands in the height's table (cells <= ouRows <= tableN)
            boolean tabled = height.tableN >= ouRows && sigma != 0;
            long[] histogram = height.histograms[s];
            int planeQ = (int) height.tableQ + 1;
            int planeVQ = ((int) height.tableV + 1) * planeQ;
            for (int start = 0; start < n; start += ouRows) {
                int end = Math.min(n, start + ouRows);
                int cells = edges.conducting[end] - edges.conducting[start];
                if (cells == 0) {
                    height.empty[s] += width;
                    continue;
                }
                int from = edges.before[start] * perRow;
                int to = edges.before[end] * perRow;
                int base = cells * planeVQ;
                // no lane overflows, so lane-wise differences of packed sums need no borrow handling;
                // each packed word's difference is taken once for its four columns
                for (int c = c0, last = c0 + width; c < last; ) {
                    int lane = c / LANES;
                    long values = cumulative[to + lane] - cumulative[from + lane];
                    int stop = Math.min(last, (lane + 1) * LANES);
                    if (values == 0 && tabled) { // four columns of zero levels (common: pruned weights, high slices)
                        histogram[base] += stop - c;
                        c = stop;
                        continue;
                    }
                    long squares = cumulativeSquares[to + lane] - cumulativeSquares[from + lane];
                    for (; c < stop; c++) {
                        int shift = (c & (LANES - 1)) * 16;
                        int value = (int) (values >>> shift) & 0xFFFF;
                        int square = (int) (squares >>> shift) & 0xFFFF;
                        if (tabled) {
                            histogram[base + value * planeQ + square]++;
                        } else {
                            height.recordBits(s, cells, value, square);
                        }
                    }
                }
            }
        }
    }

    /**
     * Where a scheme's OUs start and end, for every height at once: for each position k (k selected
     * rows consumed) that is an OU edge of some height ({@link #boundary}) or the end, how many rows of
     * A_b lie before the row after the k-th selected one ({@code before}, an index into the step's
     * running sums) and how many selected rows of A_b ({@code conducting}). Scratch, reused.
     */
    private final class OuEdges {
        final int[] before;
        final int[] conducting;

        OuEdges(int rows) {
            before = new int[rows + 1];
            conducting = new int[rows + 1];
        }

        /** Fills the edges of the {@code selected} rows' sequence under conducting rows {@code on}; returns how many rows are selected. */
        int find(long[] selected, long[] on, int words) {
            before[0] = 0;
            conducting[0] = 0;
            int n = 0; // selected rows in the words already passed
            int onBefore = 0; // rows of on in those words
            int both = 0; // selected rows of on in those words
            int next = nextBoundary[0];
            for (int word = 0; word < words; word++) {
                long chosen = selected[word];
                int count = Long.bitCount(chosen);
                // the word's selected rows before the current edge's row are dropped from bits as
                // edges advance (edges ascend, so each row is dropped once per word, not per edge)
                long bits = chosen;
                int j = n + 1;
                while (next <= n + count) { // the next edge falls after a selected row of this word
                    for (; j < next; j++) {
                        bits &= bits - 1; // drop the selected rows before the edge's row
                    }
                    long upTo = ((bits & -bits) << 1) - 1; // rows up to and including the edge's row (all: row 63)
                    before[next] = onBefore + Long.bitCount(on[word] & upTo);
                    conducting[next] = both + Long.bitCount(on[word] & chosen & upTo);
                    next = nextBoundary[next];
                }
                n += count;
                onBefore += Long.bitCount(on[word]);
                both += Long.bitCount(on[word] & chosen);
            }
            if (n > 0 && !boundary[n]) { // the sequence's end, after its last selected row
                int word = words - 1;
                while (selected[word] == 0) {
                    word--;
                }
                long upTo = (Long.highestOneBit(selected[word]) << 1) - 1; // up to its last selected row
                int onPrior = 0;
                int bothPrior = 0;
                for (int x = 0; x < word; x++) {
                    onPrior += Long.bitCount(on[x]);
                    bothPrior += Long.bitCount(on[x] & selected[x]);
                }
                before[n] = onPrior + Long.bitCount(on[word] & upTo);
                conducting[n] = bothPrior + Long.bitCount(on[word] & selected[word] & upTo);
            }
            return n;
        }
    }

    /** Lane buffers of {@link BitTile}, sized for a whole crossbar and reused by every sampled tile. */
    private record TileBuffers(long[] packed, long[] packedSquares, long[] cumulative, long[] cumulativeSquares,
                               OuEdges edges) {
    }

    private TileBuffers scratch;
}
