package org.sresim.workload;

import java.math.BigDecimal;

/**
 * Fits a layer's {@code activation.scale-bits} so that its stratified synthetic non-zero
 * activations ({@link HalfNormalQuantiles}) carry a target fraction of 1-bits (model section 3.6).
 *
 * <p>The fraction of 1-bits among the {@code inputBits} bits of m values max(1, round(q_j 2^s)) rises
 * with s overall (larger values have more significant bits, about half of them 1; clipping at the
 * top of the range gives all-ones words) but not strictly: a value crossing a power of two trades
 * 1-bits for a single one. So the fit bisects on a grid of 1e-4 bit (the precision a network file
 * keeps) for a crossing of the target, on the exact fraction the generator will realise for those
 * m values, keeps the closer end, then scans half a bit either side 1e-3 bit apart for a closer
 * scale (the crossing may sit on a jump, see {@link #fit}). {@link Fit#fraction} is that realised fraction; its distance
 * to the target is the residual the profile table shows.
 */
final class OneBitFit {
    /** Grid steps per bit of scale: the scale is written with 4 decimals. */
    static final int STEPS_PER_BIT = 10_000;

    private OneBitFit() {
    }

    /** A fitted scale and the one-bit fraction it realises. */
    record Fit(double scaleBits, double fraction) {
    }

    /**
     * The scale in [{@link ActivationDraw#MIN_SCALE_BITS}, {@link ActivationDraw#MAX_SCALE_BITS}]
     * whose m stratified values come closest to {@code target} at a crossing (the range's end when
     * the target lies outside what the range can realise).
     *
     * @throws IllegalArgumentException when m < 1 (no non-zero values: nothing to fit)
     */
    static Fit fit(double target, int m, int inputBits, long max) {
        if (m < 1) {
            throw new IllegalArgumentException("no non-zero values to fit");
        }
        double[] q = HalfNormalQuantiles.of(m);
        long lo = (long) ActivationDraw.MIN_SCALE_BITS * STEPS_PER_BIT;
        long hi = (long) ActivationDraw.MAX_SCALE_BITS * STEPS_PER_BIT;
        double fLo = fraction(q, scale(lo), inputBits, max);
        double fHi = fraction(q, scale(hi), inputBits, max);
        if (target <= fLo) {
            return new Fit(scale(lo), fLo);
        }
        if (target >= fHi) {
            return new Fit(scale(hi), fHi);
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            double f = fraction(q, scale(mid), inputBits, max);
            if (f < target) {
                lo = mid;
                fLo = f;
            } else {
                hi = mid;
                fHi = f;
            }
        }
        Fit best = target - fLo <= fHi - target ? new Fit(scale(lo), fLo) : new Fit(scale(hi), fHi);
        // The crossing may sit on a jump (a value reaching the clipped all-ones word adds up to
        // inputBits / 2 ones at once): look around it, 1e-3 bit apart, for a closer scale.
        long min = (long) ActivationDraw.MIN_SCALE_BITS * STEPS_PER_BIT;
        long max2 = (long) ActivationDraw.MAX_SCALE_BITS * STEPS_PER_BIT;
        for (long k = Math.max(min, lo - SCAN); k <= Math.min(max2, lo + SCAN); k += SCAN_STEP) {
            double f = fraction(q, scale(k), inputBits, max);
            if (Math.abs(f - target) < Math.abs(best.fraction() - target)) {
                best = new Fit(scale(k), f);
            }
        }
        return best;
    }

    /** Half-width and step of the scan around the crossing, in grid steps: +-0.5 bit, 1e-3 bit apart. */
    private static final long SCAN = STEPS_PER_BIT / 2;
    private static final long SCAN_STEP = STEPS_PER_BIT / 1000;

    /** Grid step k as the double a network file writing it with 4 decimals reads back. */
    static double scale(long step) {
        return BigDecimal.valueOf(step, 4).doubleValue();
    }

    /** The fraction of 1-bits among the {@code inputBits} bits of the quantized stratified values. */
    static double fraction(double[] q, double scaleBits, int inputBits, long max) {
        long ones = 0;
        for (int v : HalfNormalQuantiles.values(q, scaleBits, max)) {
            ones += Integer.bitCount(v);
        }
        return (double) ones / ((long) q.length * inputBits);
    }
}
