package org.sresim.engine.accuracy;

/** Hand-made accuracy tallies for the tests of what reads them (pricing), which cannot tally. */
public final class AccuracyFixture {
    private AccuracyFixture() {
    }

    /** One conversion for each ideal value, none misread. */
    public static Accuracy tally(long... idealValues) {
        AccuracyTally t = new AccuracyTally();
        for (long v : idealValues) {
            t.addConversion(v);
        }
        return t.freeze();
    }
}
