package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/**
 * Each key's declared effect ({@link Key#affects}) is what the memo trusts: a point that differs
 * from the one before only in a key declared to change neither counts nor accuracy tallies takes
 * that point's counted layers, and must come out exactly as if it had been counted on its own.
 */
class KeyEffectsTest {
    private static final Network LENET = Networks.resolve("lenet5");
    private static final Config BASE = ConfigLoader.defaults().with(Map.of("network", "lenet5", "pruning.ratio", 0.6,
            "activation.sparsity", 0.5), "t");

    @Test
    void everyKeyDeclaresWhatItAffects() {
        assertThat(Keys.all()).allSatisfy(k -> assertThat(k.affects()).as(k.name()).isNotEmpty());
    }

    @Test
    void aPointDifferingOnlyInASharingKeyEqualsItsOwnCount() {
        int checked = 0;
        for (Key k : Keys.all()) {
            if (!Simulator.sharesCounts(k)) {
                continue;
            }
            Config changed = BASE.with(otherValue(k), "t: " + k.name());
            assertThat(Simulator.countingKey(changed)).as(k.name()).isEqualTo(Simulator.countingKey(BASE));
            WorkloadSettings s = WorkloadSettings.from(BASE);
            Simulator shared = new Simulator();
            shared.simulate(BASE, LENET, WorkloadSource.synthetic(s), "lenet5|" + s);
            SimulationResult memo = shared.simulate(changed, LENET, WorkloadSource.synthetic(s), "lenet5|" + s);
            SimulationResult fresh = new Simulator().simulate(changed, LENET, WorkloadSource.synthetic(s));
            assertThat(memo.networkRows()).as(k.name()).isEqualTo(fresh.networkRows());
            assertThat(memo.layerRows()).as(k.name()).isEqualTo(fresh.layerRows());
            checked++;
        }
        assertThat(checked).as("keys declared to change neither counts nor tallies").isGreaterThan(40);
    }

    /** The key at a value other than its default (with the model that reads it, for the ADC tables). */
    private static Map<String, Object> otherValue(Key k) {
        Map<String, Object> v = new LinkedHashMap<>();
        Object now = BASE.value(k.name());
        switch (k.name()) {
            case "energy.adc-table-pj" -> {
                v.put("adc.model", "table");
                v.put(k.name(), "3:0.1,4:0.2,5:0.3,6:0.5,7:0.9,8:1.5625");
            }
            case "area.adc-table-mm2" -> {
                v.put("adc.area-model", "table");
                v.put(k.name(), "3:0.0003,4:0.0004,5:0.0005,6:0.0007,7:0.0009,8:0.0012");
            }
            default -> v.put(k.name(), switch (k.type()) {
                case CHOICE -> k.choices().stream().filter(c -> !c.equals(now)).findFirst().orElseThrow();
                case BOOL -> !(Boolean) now;
                case INT -> (Integer) now + 1 <= k.max() ? (Integer) now + 1 : (Integer) now - 1;
                case LONG -> 2 * (Long) now;
                case DOUBLE -> 1.5 * (Double) now + 0.1;
                case INT_OR_AUTO -> "auto".equals(now) ? 3 : "auto";
                case DOUBLE_OR_AUTO -> "auto".equals(now) ? 10.0 : "auto";
                case TEXT -> throw new AssertionError("no other value for " + k.name());
            });
        }
        return v;
    }

    @Test
    void theOuHeightSharesAPassThoughItChangesCounts() {
        Key ouRows = Keys.require("ou.rows", "t");
        assertThat(ouRows.affects(org.sresim.config.Effect.COUNTS)).isTrue();
        assertThat(Simulator.sharesCounts(ouRows)).isTrue();
        assertThat(List.of("pruning.ratio", "sim.windows", "device.sigma", "accuracy.tiles"))
                .noneMatch(Simulator::sharesCounts);
    }
}
