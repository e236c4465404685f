package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.hw.Action;

/** A row is built by name, holds copies of its arrays, and each value lands in its own column. */
class MetricsTest {
    private static final int ACTIONS = Action.values().length;

    /** A row whose every value differs from every other, so a value in the wrong column shows. */
    private static Metrics row(long[] counts, double[] energies) {
        return Metrics.builder(3, "conv4", Scheme.SRE_BIT)
                .work(101, 102, 103.5)
                .actions(counts, energies, 104.5)
                .relative(105.5, 106.5, 0.1075)
                .placement(108, 109, 110, true, 111)
                .data(0.112, 0.113, 0.114)
                .conversion(5, 0.115, 0.116, 117.5)
                .stderr(118.5, 119.5, 120.5)
                .samples(4)
                .build();
    }

    private static long[] counts() {
        long[] c = new long[ACTIONS];
        for (int a = 0; a < ACTIONS; a++) {
            c[a] = 1000 + a;
        }
        return c;
    }

    private static double[] energies() {
        double[] e = new double[ACTIONS];
        for (int a = 0; a < ACTIONS; a++) {
            e[a] = 2000.5 + a;
        }
        return e;
    }

    private static Map<String, Object> columns(Metrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Metrics.Column c : Metrics.COLUMNS) {
            out.put(c.name(), c.value().apply(m));
        }
        return out;
    }

    @Test
    void eachNamedValueIsItsColumn() {
        Map<String, Object> c = columns(row(counts(), energies()));
        assertThat(c).containsEntry("ou_ops", 101L).containsEntry("cycles", 102L).containsEntry("latency_ns", 103.5)
                .containsEntry("energy_pj", 104.5).containsEntry("speedup", 105.5)
                .containsEntry("ops_speedup", 106.5).containsEntry("energy_saving", 0.1075)
                .containsEntry("crossbars", 108L).containsEntry("copies", 109L).containsEntry("chips", 110L)
                .containsEntry("fits_on_chip", true).containsEntry("index_bits", 111L)
                .containsEntry("weight_density", 0.112).containsEntry("activation_density", 0.113)
                .containsEntry("input_one_bit_fraction", 0.114).containsEntry("adc_bits_used", 5)
                .containsEntry("adc_clip_rate", 0.115).containsEntry("read_error_rate", 0.116)
                .containsEntry("operation_ns", 117.5).containsEntry("ou_ops_stderr", 118.5)
                .containsEntry("cycles_stderr", 119.5).containsEntry("energy_pj_stderr", 120.5)
                .containsEntry("samples", 4).containsEntry("area_mm2", null);
        for (Action a : Action.values()) {
            assertThat(c).containsEntry("count_" + a.column(), 1000L + a.ordinal())
                    .containsEntry("energy_" + a.column() + "_pj", 2000.5 + a.ordinal());
        }
    }

    @Test
    void arraysAreCopiedIn() {
        long[] counts = counts();
        double[] energies = energies();
        Metrics m = row(counts, energies);
        counts[Action.ADC.ordinal()] = -1;
        energies[Action.ADC.ordinal()] = -1;
        assertThat(m.count(Action.ADC)).isEqualTo(1000L + Action.ADC.ordinal());
        assertThat(m.energyPj(Action.ADC)).isEqualTo(2000.5 + Action.ADC.ordinal());
    }

    @Test
    void eachGroupHoldsItsNamedValues() {
        Metrics m = row(counts(), energies());
        assertThat(m.work()).isEqualTo(new Metrics.Work(101, 102, 103.5));
        assertThat(m.relative()).isEqualTo(new Metrics.Relative(105.5, 106.5, 0.1075));
        assertThat(m.placement()).isEqualTo(new Metrics.Placement(108, 109, 110, true, 111));
        assertThat(m.data()).isEqualTo(new Metrics.Data(0.112, 0.113, 0.114));
        assertThat(m.conversion()).isEqualTo(new Metrics.Conversion(5, 0.115, 0.116, 117.5));
        assertThat(m.stderr()).isEqualTo(new Metrics.Stderr(118.5, 119.5, 120.5));
        assertThat(m.actions()).isEqualTo(new Metrics.Actions(counts(), energies(), 104.5))
                .hasSameHashCodeAs(new Metrics.Actions(counts(), energies(), 104.5));
    }

    @Test
    void actionsArraysAreCopiedOut() {
        Metrics m = row(counts(), energies());
        m.actions().counts()[Action.ADC.ordinal()] = -1;
        m.actions().energyByActionPj()[Action.ADC.ordinal()] = -1;
        assertThat(m.count(Action.ADC)).isEqualTo(1000L + Action.ADC.ordinal());
        assertThat(m.energyPj(Action.ADC)).isEqualTo(2000.5 + Action.ADC.ordinal());
    }

    @Test
    void aDerivedRowChangesOnlyWhatItNames() {
        Metrics m = row(counts(), energies());
        assertThat(m.toBuilder().build()).isEqualTo(m);
        Map<String, Object> before = columns(m);
        Map<String, Object> after = columns(m.toBuilder().relative(1, 2, 3).build());
        before.put("speedup", 1.0);
        before.put("ops_speedup", 2.0);
        before.put("energy_saving", 3.0);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void unsetValuesAreZeroTheRelativeOnesNaN() {
        Metrics m = Metrics.builder(-1, null, Scheme.DENSE).build();
        assertThat(m.ouOps()).isZero();
        assertThat(m.count(Action.DAC)).isZero();
        assertThat(m.speedup()).isNaN();
        assertThat(m.efficiency()).isNull();
        assertThat(m.samples()).isEqualTo(1);
    }

    @Test
    void oneCountAndOneEnergyPerAction() {
        assertThatThrownBy(() -> Metrics.builder(0, "x", Scheme.DENSE).actions(new long[1], new double[ACTIONS], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
