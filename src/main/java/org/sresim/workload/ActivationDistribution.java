package org.sresim.workload;

import java.util.SplittableRandom;

/**
 * How synthetic non-zero activations are distributed before quantization. {@code half-normal} is a
 * ReLU network's (|N(0, 1)|, unsigned); {@code normal} is a LayerNorm output's and {@code gelu} a GELU
 * output's (x·Φ(x) of a standard normal x, down to -0.17): both are signed, so how the chip feeds
 * them ({@link InputEncoding}) decides the bits the crossbars see.
 */
public enum ActivationDistribution implements org.sresim.config.Choice {
    HALF_NORMAL,
    NORMAL,
    GELU;

    /** The distribution named {@code name} in a config or network file, or null. */
    public static ActivationDistribution byName(String name) {
        for (ActivationDistribution d : values()) {
            if (d.configName().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The allowed names, for error messages. */
    static String allowed() {
        return java.util.Arrays.stream(values()).map(ActivationDistribution::configName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Whether values can be negative. */
    public boolean signed() {
        return this != HALF_NORMAL;
    }

    /** One draw, before scaling. */
    double draw(SplittableRandom r) {
        double x = r.nextGaussian();
        return switch (this) {
            case HALF_NORMAL -> Math.abs(x);
            case NORMAL -> x;
            case GELU -> x * phi(x);
        };
    }

    /** The standard normal CDF, Φ(x) = erfc(-x / √2) / 2. */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** erfc by Numerical Recipes' Chebyshev fit {@code erfcc} (relative error below 1.2e-7 everywhere). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
