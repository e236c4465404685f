package org.sresim.workload;

/**
 * How one layer's synthetic non-zero activations are drawn, when its network file says so
 * ({@code activation: {scale-bits: 12.6, draw: stratified}}); null on a layer = the global
 * {@code activation.scale-bits} and independent random draws.
 *
 * <p>A real-valued {@code scaleBits} lets a synthetic twin match a real layer's one-bit fraction
 * (model section 3.6): with integer scales the fraction of 1-bits moves in steps of about 0.03,
 * more than the twin may miss by. {@code stratified} removes the sampling noise a small feature
 * map would otherwise carry: exactly round(sparsity x size) inputs are zero (at seeded random
 * positions) and the non-zero magnitudes are the half-normal's quantiles at (j + 0.5) / m for the
 * m non-zero inputs, scattered over the non-zero positions in seeded order (see
 * {@link SyntheticWorkload}). With i.i.d. draws a 784-pixel layer's density alone varies by
 * about 0.02 from seed to seed.
 *
 * @param scaleBits    per-layer scale of the non-zero values, 2^scaleBits; null = the global key
 * @param stratified   exact zero count and quantile values instead of i.i.d. draws (half-normal only)
 * @param distribution per-layer distribution of the values; null = the global {@code activation.distribution}
 */
public record ActivationDraw(Double scaleBits, boolean stratified, ActivationDistribution distribution)
        implements java.io.Serializable {

    /** A draw of the global distribution. */
    public ActivationDraw(Double scaleBits, boolean stratified) {
        this(scaleBits, stratified, null);
    }
    /** The range a per-layer scale may take: below -8 every non-zero value is already 1. */
    static final double MIN_SCALE_BITS = -8;
    static final double MAX_SCALE_BITS = 24;

    public ActivationDraw {
        if (scaleBits != null && !(scaleBits >= MIN_SCALE_BITS && scaleBits <= MAX_SCALE_BITS)) {
            throw new WorkloadException("'activation.scale-bits' must be in [" + (int) MIN_SCALE_BITS + ", "
                    + (int) MAX_SCALE_BITS + "], got " + scaleBits);
        }
        if (stratified && distribution != null && distribution != ActivationDistribution.HALF_NORMAL) {
            throw new WorkloadException("'activation.draw: stratified' draws half-normal quantiles; it cannot be"
                    + " combined with 'activation.distribution: " + distribution.configName() + "'");
        }
    }

    /** The YAML names of {@code activation.draw}. */
    static final String RANDOM = "random";
    static final String STRATIFIED = "stratified";
}
