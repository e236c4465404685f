package org.sresim.engine;

/**
 * ADC conversions examined by the accuracy proxies, how many clipped, and the summed misread
 * probability. Conversions whose sums fit the proxy's dense table are only counted per table
 * cell while sampling ({@link #histogram}); {@link AccuracyProxy} turns the counts into
 * probability in one pass at the end, in cell order, so the sum does not depend on which path
 * produced the conversions.
 */
final class AccuracyTally {
    long conversions;
    long clipped;
    double misreadProbabilitySum;
    final long[] histogram;

    AccuracyTally(long[] histogram) {
        this.histogram = histogram;
    }

    double clipRate() {
        return conversions == 0 ? 0 : (double) clipped / conversions;
    }

    double readErrorRate() {
        return conversions == 0 ? 0 : misreadProbabilitySum / conversions;
    }
}
