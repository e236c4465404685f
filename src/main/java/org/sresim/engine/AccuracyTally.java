package org.sresim.engine;

/** ADC conversions examined by the accuracy proxies, how many clipped, and the summed misread probability. */
final class AccuracyTally {
    long conversions;
    long clipped;
    double misreadProbabilitySum;

    double clipRate() {
        return conversions == 0 ? 0 : (double) clipped / conversions;
    }

    double readErrorRate() {
        return conversions == 0 ? 0 : misreadProbabilitySum / conversions;
    }
}
