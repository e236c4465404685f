package org.sresim.engine.accuracy;

/**
 * What the accuracy proxies found for one layer under one scheme, immutable: how many sampled
 * conversions had each ideal value (so the clipping rate of any ADC resolution follows) and their
 * summed misread probability. Made by {@link AccuracyTally#freeze}.
 */
public record Accuracy(long conversions, double misreadProbabilitySum, long[] conversionsWithValue) {
    public Accuracy {
        conversionsWithValue = conversionsWithValue.clone();
    }

    /** Conversions whose ideal value exceeds the largest code of an {@code adcBits}-bit ADC, 2^adcBits - 1. */
    long clipped(int adcBits) {
        long clipped = 0;
        for (long v = Math.min(conversionsWithValue.length, 1L << Math.min(adcBits, 62)); v < conversionsWithValue.length; v++) {
            clipped += conversionsWithValue[(int) v];
        }
        return clipped;
    }

    public double clipRate(int adcBits) {
        return conversions == 0 ? 0 : (double) clipped(adcBits) / conversions;
    }

    public double readErrorRate() {
        return conversions == 0 ? 0 : misreadProbabilitySum / conversions;
    }

    @Override
    public long[] conversionsWithValue() {
        return conversionsWithValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accuracy a && conversions == a.conversions
                && Double.compare(misreadProbabilitySum, a.misreadProbabilitySum) == 0
                && java.util.Arrays.equals(conversionsWithValue, a.conversionsWithValue);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(conversions) * 31 + java.util.Arrays.hashCode(conversionsWithValue);
    }

    @Override
    public String toString() {
        return "Accuracy{conversions=" + conversions + ", misreadProbabilitySum=" + misreadProbabilitySum + "}";
    }
}
