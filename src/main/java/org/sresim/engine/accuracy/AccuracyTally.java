package org.sresim.engine.accuracy;

import java.util.Arrays;

/**
 * ADC conversions examined by the accuracy proxies while they sample one layer under one scheme
 * (mutable; {@link #freeze} gives the immutable {@link Accuracy}): how many had each ideal value
 * (so the clipping rate of any ADC resolution follows without sampling again) and the summed
 * misread probability.
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

    /** The tally as it stands, immutable. */
    Accuracy freeze() {
        return new Accuracy(conversions, misreadProbabilitySum, conversionsWithValue);
    }
}
