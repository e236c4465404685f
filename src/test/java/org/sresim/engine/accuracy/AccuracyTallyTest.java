package org.sresim.engine.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccuracyTallyTest {

    @Test
    void clippingOfEveryResolutionFollowsFromTheIdealValues() {
        AccuracyTally t = new AccuracyTally();
        for (long v : new long[] {0, 3, 4, 7, 8, 100, 300}) {
            t.addConversion(v);
        }
        // a b-bit ADC reads 0 .. 2^b - 1: 2 bits clip 4, 7, 8, 100, 300; 3 bits clip 8, 100, 300; ...
        assertThat(t.freeze().clipped(2)).isEqualTo(5);
        assertThat(t.freeze().clipped(3)).isEqualTo(3);
        assertThat(t.freeze().clipped(4)).isEqualTo(2);
        assertThat(t.freeze().clipped(7)).isEqualTo(1);
        assertThat(t.freeze().clipped(9)).isZero();
        assertThat(t.freeze().clipped(40)).isZero();
        assertThat(t.freeze().clipRate(3)).isEqualTo(3.0 / 7);
        assertThat(t.conversions).isEqualTo(7);
    }

    @Test
    void noConversionsNoClipping() {
        AccuracyTally t = new AccuracyTally();
        assertThat(t.freeze().clipRate(1)).isZero();
        assertThat(t.freeze().readErrorRate()).isZero();
    }
}
