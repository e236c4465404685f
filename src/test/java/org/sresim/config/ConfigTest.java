package org.sresim.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void theBundledFileDefinesEveryKeyInRegistryOrder() throws Exception {
        Config c = ConfigLoader.defaults();
        assertThat(c.values().keySet()).containsExactlyElementsOf(Keys.all().stream().map(Key::name).toList());
        // the conf/ file in the repository is the one bundled
        Map<String, Object> file = ConfigLoader.readFlat(Path.of("conf/sre-isaac.yaml"));
        assertThat(file.keySet()).containsExactlyInAnyOrderElementsOf(c.values().keySet());
        assertThat(c.intValue("ou.rows")).isEqualTo(9);
        assertThat(c.text("adc.bits")).isEqualTo("auto");
        assertThat(c.longValue("chip.crossbars")).isEqualTo(16128);
    }

    @Test
    void overridesParseByType() {
        Config c = ConfigLoader.defaults().with(ConfigLoader.parseAssignments(
                List.of("ou.rows=16", "adc.bits=6", "pruning.ratio=0.7", "pruning.prune-first-layer=true")), "--set");
        assertThat(c.intValue("ou.rows")).isEqualTo(16);
        assertThat(c.intValue("adc.bits")).isEqualTo(6);
        assertThat(c.doubleValue("pruning.ratio")).isEqualTo(0.7);
        assertThat(c.boolValue("pruning.prune-first-layer")).isTrue();
        assertThat(c.hash()).isNotEqualTo(ConfigLoader.defaults().hash());
        assertThat(ConfigLoader.defaults().with(Map.of("ou.rows", "9"), "x").hash())
                .isEqualTo(ConfigLoader.defaults().hash());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ou.rowz=16|unknown key 'ou.rowz'; did you mean 'ou.rows'?",
        "ou.rows=abc|key 'ou.rows': 'abc' is not an integer",
        "ou.rows=200|key 'ou.rows': 200 is larger than crossbar.rows = 128",
        "ou.cols=129|key 'ou.cols': 129 is larger than crossbar.cols = 128",
        "adc.bits=0|key 'adc.bits': 0 is out of range (allowed: >= 1 and <= 16)",
        "adc.bits=many|key 'adc.bits': 'many' is not an integer or auto",
        "pruning.ratio=1.0|key 'pruning.ratio': 1.0 is out of range (allowed: >= 0 and < 1)",
        "pruning.ratio=-0.1|key 'pruning.ratio': -0.1 is out of range",
        "activation.sparsity=1|key 'activation.sparsity': 1.0 is out of range",
        "pruning.method=random|key 'pruning.method': 'random' is not one of structured, unstructured, filter, channel, shape",
        "pruning.method=N:M|key 'pruning.method': 'N:M' is not one of structured, unstructured, filter, channel, shape, N:M (N:M is a pattern such as 2:4",
        "pruning.method=4:2|key 'pruning.method': '4:2' is not one of",
        "latency.model=fast|key 'latency.model': 'fast' is not one of replicated, parallel-tiles",
        "pruning.prune-first-layer=yes|key 'pruning.prune-first-layer': 'yes' is not true or false",
        "dac.bits=9|key 'dac.bits'",
        "device.r-ratio=1|key 'device.r-ratio'",
    })
    void badValuesAreOneLineErrorsNamingTheKey(String assignment, String message) {
        assertThatThrownBy(() -> ConfigLoader.defaults().with(ConfigLoader.parseAssignments(List.of(assignment)), "--set"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFileLayersOverTheDefaultsAndRejectsTypos() throws Exception {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, "ou:\n  rows: 16\nadc.bits: 6\n");
        Config c = ConfigLoader.load(f);
        assertThat(c.intValue("ou.rows")).isEqualTo(16);
        assertThat(c.intValue("adc.bits")).isEqualTo(6);
        assertThat(c.intValue("ou.cols")).isEqualTo(8);
        Files.writeString(f, "ou:\n  rwos: 16\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("mine.yaml")
                .hasMessageContaining("unknown key 'ou.rwos'");
        Files.writeString(f, "ou:\n  rows: [1, 2]\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("holds a list");
        Files.writeString(f, "ou: {rows: 9\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"))).hasMessageContaining("file not found");
    }

    /** Reading (shape) first, then every key, then the values: the message is for the likelier mistake. */
    @Test
    void aFileIsReadThenCheckedKeysBeforeValues() throws Exception {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, "ou.rows: abc\nou.rowz: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessage(f + ": unknown key 'ou.rowz'; did you mean 'ou.rows'?"
                + " (see conf/sre-isaac.yaml for every key)");
        Files.writeString(f, "ou.rowz: 1\nadc: {bits: [4, 5]}\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessage(f + ": key 'adc.bits' holds a list; a config value is a single value");
        // reading alone does not check the keys
        Files.writeString(f, "ou:\n  rowz: 1\n");
        assertThat(ConfigLoader.readFlat(f)).containsExactly(Map.entry("ou.rowz", 1));
    }

    @Test
    void adcTablePricesAreParsedAndRequired() {
        Config c = ConfigLoader.defaults().with(Map.of("adc.model", "table", "energy.adc-table-pj", "5:0.3,8:1.5"), "t");
        assertThat(org.sresim.hw.EnergyTable.from(c).adcConversionPj(5)).isEqualTo(0.3);
        assertThatThrownBy(() -> org.sresim.hw.EnergyTable.from(c).adcConversionPj(6))
                .hasMessageContaining("energy.adc-table-pj").hasMessageContaining("6-bit");
        Config bad = ConfigLoader.defaults().with(Map.of("energy.adc-table-pj", "5=0.3"), "t");
        assertThatThrownBy(() -> org.sresim.hw.EnergyTable.from(bad)).hasMessageContaining("'5=0.3'");
    }

    @Test
    void autoAdcBitsAreLossless() {
        assertThat(org.sresim.hw.Hardware.losslessAdcBits(9, 2, 1)).isEqualTo(5);   // 27 -> 5 bits
        assertThat(org.sresim.hw.Hardware.losslessAdcBits(16, 2, 1)).isEqualTo(6);  // 48
        assertThat(org.sresim.hw.Hardware.losslessAdcBits(128, 2, 1)).isEqualTo(9); // 384
        assertThat(org.sresim.hw.Hardware.losslessAdcBits(1, 1, 1)).isEqualTo(1);
        assertThat(org.sresim.hw.Hardware.from(ConfigLoader.defaults()).ouCycleNs()).isEqualTo(6.25);
        assertThat(org.sresim.hw.Hardware.from(ConfigLoader.defaults()).idealReadNs()).isEqualTo(100.0);
    }
}
