package org.sresim.engine;

import java.util.Arrays;

/**
 * ADC conversions examined by the accuracy proxies: how many had each ideal value (so the clipping
 * rate of any ADC resolution follows without sampling again) and the summed misread probability.
 * Conversions whose sums fit the proxy's dense table are only counted per table cell while
 * sampling; {@link AccuracyProxy} adds them here and turns them into probability in one
 * pass at the end, in cell order, so the sum does not depend on which path produced the
 * conversions.
 */
final class AccuracyTally {
    long conversions;
    double misreadProbabilitySum;
    /** conversionsWithValue[v]: conversions whose ideal value was v (grown on demand). */
    private long[] conversionsWithValue = new long[64];

    void addConversion(long value) {
        addConversions(value, 1);
    }

    /** {@code count} conversions whose ideal value was {@code value}. */
    void addConversions(long value, long count) {
        if (count == 0) {
            return;
        }
        conversions += count;
        if (value >= conversionsWithValue.length) {
            conversionsWithValue = Arrays.copyOf(conversionsWithValue,
                    (int) Math.max(value + 1, 2L * conversionsWithValue.length));
        }
        conversionsWithValue[(int) value] += count;
    }

    /** Conversions whose ideal value exceeds the largest code of an {@code adcBits}-bit ADC, 2^adcBits - 1. */
    long clipped(int adcBits) {
        long clipped = 0;
        for (long v = Math.min(conversionsWithValue.length, 1L << Math.min(adcBits, 62)); v < conversionsWithValue.length; v++) {
            clipped += conversionsWithValue[(int) v];
        }
        return clipped;
    }

    double clipRate(int adcBits) {
        return conversions == 0 ? 0 : (double) clipped(adcBits) / conversions;
    }

    double readErrorRate() {
        return conversions == 0 ? 0 : misreadProbabilitySum / conversions;
    }
}
