package org.sresim.workload;

/**
 * Stratified half-normal magnitudes for {@code activation.draw: stratified}: the m values
 * |N(0,1)| takes at the probabilities (j + 0.5) / m, j = 0 .. m-1, ascending. Their empirical
 * distribution is the half-normal's up to 1/m, without the sampling noise of m i.i.d. draws, so
 * a twin's realised one-bit fraction is a deterministic function of its scale and can be fitted
 * ({@link OneBitFit}).
 *
 * <p>The normal quantile is P. J. Acklam's rational approximation (relative error below 1.2e-9),
 * computed with {@link StrictMath} so that every JVM gives the same bits.
 */
final class HalfNormalQuantiles {
    private HalfNormalQuantiles() {
    }

    /** The m stratified half-normal quantiles, ascending. */
    static double[] of(int m) {
        double[] q = new double[m];
        for (int j = 0; j < m; j++) {
            double p = (j + 0.5) / m;
            q[j] = normalQuantile(0.5 + 0.5 * p); // |N| <= x with probability 2*Phi(x) - 1
        }
        return q;
    }

    /** max(1, round(q * 2^scaleBits)) clipped to {@code max}: how synthetic non-zero activations quantize. */
    static int[] values(double[] q, double scaleBits, long max) {
        double scale = StrictMath.pow(2, scaleBits);
        int[] v = new int[q.length];
        for (int j = 0; j < q.length; j++) {
            long x = Math.max(1, Math.round(q[j] * scale));
            v[j] = (int) Math.min(x, max);
        }
        return v;
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    /** Phi^-1(p) for p in (0, 1) (Acklam). */
    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        double low = 0.02425;
        if (p < low) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(1 - p));
            return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
