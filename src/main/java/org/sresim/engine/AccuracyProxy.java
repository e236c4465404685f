package org.sresim.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.Seeds;

/**
 * The accuracy proxies of model section 8, on a seeded sample of (window, tile) pairs of a layer:
 * {@code windows} windows (all when the layer has fewer) and, in each, {@code tiles} tiles (all
 * when fewer), every column group and input step. For every OU conversion (one bitline of one
 * OU operation):
 * <ul>
 *   <li>clipping: the ideal value sum(level * input digit) over the OU's rows exceeds 2^adcBits - 1;</li>
 *   <li>misread probability: with conductances g_l = gmin + l (gmax - gmin) / (2^cellBits - 1) and
 *       each conducting cell off by a relative N(0, sigma), the summed deviation exceeds half a
 *       level step with P = 2 (1 - Phi(0.5 dg / (sigma sqrt(sum (g_i d_i)^2)))), d_i the input digit.</li>
 * </ul>
 * Conductances are normalised to gmax = 1. The ideal design converts all rows of a tile at once
 * with its own ADC ({@code ideal.adc-bits}).
 */
final class AccuracyProxy {
    private final Hardware hw;
    private final double sigma;
    private final double gMin;
    private final double levelStep;
    private final int windowSample;
    private final int tileSample;
    private final MisreadMemo misreadMemo;

    AccuracyProxy(Hardware hw, double sigma, double rRatio, int windowSample, int tileSample) {
        this.hw = hw;
        this.sigma = sigma;
        this.gMin = 1.0 / rRatio;
        this.levelStep = (1.0 - gMin) / ((1 << hw.cellBits()) - 1);
        this.windowSample = windowSample;
        this.tileSample = tileSample;
        this.misreadMemo = new MisreadMemo(
                squares -> Erf.erfc(0.5 * levelStep / (sigma * Math.sqrt(squares)) / Math.sqrt(2)));
    }

    Map<Scheme, AccuracyTally> estimate(LayerWorkload w, long seed) {
        LayerMapping m = new LayerMapping(w.layer(), hw);
        Map<Scheme, AccuracyTally> tallies = new EnumMap<>(Scheme.class);
        for (Scheme s : Scheme.values()) {
            tallies.put(s, new AccuracyTally());
        }
        SplittableRandom random = Seeds.stream(seed, w.layer().index(), Seeds.Purpose.ACCURACY_SAMPLE);
        for (int v : sample(w.layer().windows(), windowSample, random)) {
            for (int t : sample(m.tiles(), tileSample, random)) {
                tile(w, m, v, t / m.colBlocks, t % m.colBlocks, tallies);
            }
        }
        return tallies;
    }

    /** {@code k} distinct values of 0..n-1 by a partial Fisher-Yates shuffle; all of them when n <= k. */
    static int[] sample(int n, int k, SplittableRandom random) {
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

    private void tile(LayerWorkload w, LayerMapping m, int v, int rb, int cb, Map<Scheme, AccuracyTally> tallies) {
        int rows = m.rowsIn(rb);
        int first = m.firstRow(rb);
        int cols = m.colsIn(cb);
        int colStart = m.groupStart(cb, 0);
        int[][] level = new int[rows][cols];
        int[] input = new int[rows];
        for (int r = 0; r < rows; r++) {
            input[r] = w.activation(v, first + r);
            for (int c = 0; c < cols; c++) {
                level[r][c] = m.level(w, first + r, colStart + c);
            }
        }
        int digitMask = (1 << hw.dacBits()) - 1;
        int[] digit = new int[rows];
        int[] selected = new int[rows];
        for (int b = 0; b < hw.inputSteps(); b++) {
            for (int r = 0; r < rows; r++) {
                digit[r] = (input[r] >>> (b * hw.dacBits())) & digitMask;
            }
            for (int g = 0; g < m.groups(cb); g++) {
                int c0 = g * hw.ouCols();
                int width = m.groupWidth(cb, g);
                for (Scheme s : Scheme.values()) {
                    if (s == Scheme.IDEAL) {
                        continue;
                    }
                    int n = 0;
                    for (int r = 0; r < rows; r++) {
                        if (s.compressesWeights() && !anyNonZero(level[r], c0, width)) {
                            continue;
                        }
                        if (s.skipsActivations() && (s.bitGranularity() ? digit[r] == 0 : input[r] == 0)) {
                            continue;
                        }
                        selected[n++] = r;
                    }
                    convert(selected, n, hw.ouRows(), level, digit, c0, width, hw.adcBits(), tallies.get(s));
                }
            }
            for (int r = 0; r < rows; r++) {
                selected[r] = r;
            }
            convert(selected, rows, rows, level, digit, 0, cols, hw.idealAdcBits(), tallies.get(Scheme.IDEAL));
        }
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
    private void convert(int[] selected, int n, int ouRows, int[][] level, int[] digit, int c0, int width,
                         int adcBits, AccuracyTally tally) {
        long full = (1L << adcBits) - 1;
        for (int start = 0; start < n; start += ouRows) {
            int end = Math.min(n, start + ouRows);
            for (int c = c0; c < c0 + width; c++) {
                long value = 0;
                double squares = 0;
                for (int i = start; i < end; i++) {
                    int r = selected[i];
                    int d = digit[r];
                    if (d != 0) {
                        int l = level[r][c];
                        value += (long) l * d;
                        double current = (gMin + l * levelStep) * d;
                        squares += current * current;
                    }
                }
                tally.conversions++;
                if (value > full) {
                    tally.clipped++;
                }
                tally.misreadProbabilitySum += misread(squares);
            }
        }
    }

    /** P(|N(0, sigma^2 * squares)| > levelStep / 2), memoised: few distinct sums occur. */
    private double misread(double squares) {
        if (squares == 0 || sigma == 0) {
            return 0;
        }
        return misreadMemo.apply(squares);
    }
}
