package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void etaIsPacedByCostNotByPoints() {
        // 90 of 100 cost units in 60 s: 10 more take 10 * 60 / 90 = 6.7 s, whatever the points left
        assertThat(Progress.eta(60, 90, 100)).isEqualTo("7 s");
        // a quarter of the cost in 2 minutes: three quarters take 6 minutes
        assertThat(Progress.eta(120, 25, 100)).isEqualTo("6.0 min");
        // 1 of 1000 units in 30 s: 999 * 30 s = 8.3 h
        assertThat(Progress.eta(30, 1, 1000)).isEqualTo("8.3 h");
    }

    @Test
    void etaIsUnknownBeforeAnyCostIsDoneAndZeroAfterAll() {
        assertThat(Progress.eta(10, 0, 100)).isEqualTo("?");
        assertThat(Progress.eta(10, 100, 100)).isEqualTo("0 s");
        // the summed unit costs may exceed the plan's total by rounding: never a negative ETA
        assertThat(Progress.eta(10, 100.000001, 100)).isEqualTo("0 s");
    }
}
