package org.sresim.hw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.config.Choice;
import org.sresim.config.Config;
import org.sresim.config.ConfigException;
import org.sresim.config.ConfigLoader;
import org.sresim.config.Key;
import org.sresim.config.KeyType;
import org.sresim.config.Keys;
import org.sresim.workload.PruningMethod;

/** Every choice key is parsed once into the enum the code switches on, spelt as the key allows. */
class ChoiceKeysTest {
    /** Each choice key and the config spellings of the enum that carries it. */
    private static final Map<String, List<String>> ENUMS = Map.of(
            "adc.model", names(AdcModel.values()),
            "adc.area-model", names(AdcAreaModel.values()),
            "latency.model", names(LatencyModel.values()),
            "pruning.method", Arrays.stream(PruningMethod.values()).map(PruningMethod::configName).toList(),
            "power.static-scope", names(StaticPowerScope.values()),
            "input.encoding", names(org.sresim.workload.InputEncoding.values()),
            "activation.distribution", names(org.sresim.workload.ActivationDistribution.values()));

    private static List<String> names(Choice[] values) {
        return Arrays.stream(values).map(Choice::configName).toList();
    }

    @Test
    void everyChoiceKeyHasAnEnumSpeltLikeItsAllowedValues() {
        for (Key k : Keys.all()) {
            if (k.type() == KeyType.CHOICE) {
                assertThat(ENUMS).as("enum for choice key " + k.name()).containsKey(k.name());
                assertThat(ENUMS.get(k.name())).as(k.name()).containsExactlyInAnyOrderElementsOf(k.choices());
            }
        }
        assertThat(ENUMS.keySet()).allMatch(name -> Keys.require(name, "test").type() == KeyType.CHOICE);
    }

    @Test
    void everyAllowedValueParsesToItsConstant() {
        Config defaults = ConfigLoader.defaults();
        assertThat(defaults.choice("latency.model", LatencyModel.class)).isEqualTo(LatencyModel.REPLICATED);
        assertThat(defaults.with(Map.of("latency.model", "parallel-tiles"), "--set")
                .choice("latency.model", LatencyModel.class)).isEqualTo(LatencyModel.PARALLEL_TILES);
        assertThat(defaults.with(Map.of("power.static-scope", "used"), "--set")
                .choice("power.static-scope", StaticPowerScope.class)).isEqualTo(StaticPowerScope.USED);
        assertThat(defaults.with(Map.of("adc.model", "linear"), "--set").choice("adc.model", AdcModel.class))
                .isEqualTo(AdcModel.LINEAR);
    }

    @Test
    void aMisspeltValueIsTheConfigsOneLineError() {
        // the same words as the config's own check of the value (ConfigTest)
        assertThatThrownBy(() -> Choice.parse("latency.model", "replicate", LatencyModel.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("key 'latency.model': 'replicate' is not one of replicated, parallel-tiles");
        assertThatThrownBy(() -> ConfigLoader.defaults().with(Map.of("latency.model", "replicate"), "--set"))
                .hasMessage("--set: key 'latency.model': 'replicate' is not one of replicated, parallel-tiles");
        assertThatThrownBy(() -> Choice.parse("power.static-scope", "Chip", StaticPowerScope.class))
                .hasMessage("key 'power.static-scope': 'Chip' is not one of chip, used");
    }

    @Test
    void aChoiceIsReadOnlyFromAChoiceKeysValue() {
        // a key of another enum's spelling is an error, not a silent default
        assertThatThrownBy(() -> ConfigLoader.defaults().choice("adc.model", LatencyModel.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("key 'adc.model': 'isaac-scaled' is not one of replicated, parallel-tiles");
    }
}
