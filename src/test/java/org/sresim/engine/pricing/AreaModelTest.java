package org.sresim.engine.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigException;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.Scheme;
import org.sresim.hw.Component;
import org.sresim.hw.Hardware;

/**
 * Component counts and their prices (issue 11): area = Σ count x unit area per component, ISAAC's
 * published chip area from the table alone, and ADC area never shrinking with resolution.
 */
class AreaModelTest {
    static Config config(Map<String, ?> overrides) {
        return ConfigLoader.defaults().with(overrides, "test");
    }

    /** One ISAAC-CE chip, hand-counted: 16128 crossbars, 2016 IMAs, 168 tiles, 42 routers, 1 chip. */
    @Test
    void anIsaacChipHoldsTheComponentsOfItsHierarchy() {
        AreaModel model = model(config(Map.of()));
        ComponentCounts ideal = model.chips(1, Scheme.IDEAL);
        Map<Component, Double> expected = new EnumMap<>(Component.class);
        expected.put(Component.CROSSBAR, 16128.0);
        expected.put(Component.ADC, 16128.0);
        expected.put(Component.DAC, 16128.0 * 128);
        expected.put(Component.SAMPLE_HOLD, 16128.0 * 128);
        expected.put(Component.PREFIX_LOGIC, 0.0);
        expected.put(Component.INDEX_BIT, 0.0);
        for (Component c : new Component[] {Component.IMA_SHIFT_ADDS, Component.IMA_INPUT_REGISTER,
            Component.IMA_OUTPUT_REGISTER}) {
            expected.put(c, 2016.0);
        }
        for (Component c : new Component[] {Component.EDRAM, Component.EDRAM_BUS, Component.SIGMOID,
            Component.TILE_SHIFT_ADD, Component.MAXPOOL, Component.TILE_OUTPUT_REGISTER}) {
            expected.put(c, 168.0);
        }
        expected.put(Component.ROUTER, 42.0);
        expected.put(Component.HYPER_TRANSPORT, 1.0);
        for (Component c : Component.values()) {
            assertThat(ideal.count(c)).as(c.name()).isEqualTo(expected.get(c));
        }
        // SRE additions: 16 OU column groups of 8 per crossbar; index 128 rows x 16 groups x 7 bits
        assertThat(model.chips(1, Scheme.ACT_BIT).count(Component.PREFIX_LOGIC)).isEqualTo(16128.0 * 16);
        assertThat(model.chips(1, Scheme.WEIGHT).count(Component.PREFIX_LOGIC)).isZero();
        assertThat(model.chips(1, Scheme.WEIGHT).count(Component.INDEX_BIT)).isEqualTo(16128.0 * 128 * 16 * 7);
        assertThat(model.chips(1, Scheme.SRE_VALUE).count(Component.INDEX_BIT)).isEqualTo(16128.0 * 14336);
        assertThat(model.chips(3, Scheme.DENSE).count(Component.ROUTER)).isEqualTo(126.0);
    }

    /**
     * Area = Σ count x unit area, per component, against hand-priced terms: ISAAC's Table I values
     * times the counts above. The totals are ISAAC's: IMA 0.157 mm², tile 0.372 mm², 168 tiles
     * 62.5 mm² and with the HyperTransport links 85.4 mm² (within 0.1 %, its rounding).
     */
    @Test
    void chipAreaIsTheSumOfCountTimesUnitAreaAndReproducesIsaac() {
        AreaModel model = model(config(Map.of()));
        Map<Component, Double> term = new EnumMap<>(Component.class);
        term.put(Component.CROSSBAR, 16128 * 0.000025);
        term.put(Component.ADC, 16128 * 0.0012);
        term.put(Component.IMA_SHIFT_ADDS, 2016 * 0.00024);
        term.put(Component.IMA_INPUT_REGISTER, 2016 * 0.0021);
        term.put(Component.IMA_OUTPUT_REGISTER, 2016 * 0.00077);
        term.put(Component.EDRAM, 168 * 0.083);
        term.put(Component.EDRAM_BUS, 168 * 0.090);
        term.put(Component.SIGMOID, 168 * 0.0006);
        term.put(Component.TILE_SHIFT_ADD, 168 * 0.00006);
        term.put(Component.MAXPOOL, 168 * 0.00024);
        term.put(Component.TILE_OUTPUT_REGISTER, 168 * 0.0032);
        term.put(Component.ROUTER, 42 * 0.151);
        term.put(Component.HYPER_TRANSPORT, 22.88);
        term.put(Component.PREFIX_LOGIC, 0.0);
        term.put(Component.INDEX_BIT, 0.0);
        // ISAAC quotes 8 x 128 DACs (0.00017 mm²) and sample-and-holds (0.00004 mm²) per IMA
        term.put(Component.DAC, 16128 * 128 * (0.00017 / 1024));
        term.put(Component.SAMPLE_HOLD, 16128 * 128 * (0.00004 / 1024));
        ComponentCounts counts = model.chips(1, Scheme.IDEAL);
        double sum = 0;
        for (Component c : Component.values()) {
            double priced = counts.count(c) * model.table().unitAreaMm2(c, org.sresim.hw.Hardware.from(config(Map.of())), 8);
            assertThat(priced).as(c.name()).isCloseTo(term.get(c), within(1e-12));
            sum += term.get(c);
        }
        double chip = model.areaMm2(counts, Scheme.IDEAL);
        assertThat(chip).isCloseTo(sum, within(1e-9));
        double imaArea = (term.get(Component.CROSSBAR) + term.get(Component.ADC) + term.get(Component.DAC)
                + term.get(Component.SAMPLE_HOLD) + term.get(Component.IMA_SHIFT_ADDS)
                + term.get(Component.IMA_INPUT_REGISTER) + term.get(Component.IMA_OUTPUT_REGISTER)) / 2016;
        assertThat(imaArea * 12).isCloseTo(0.157, within(0.0005));
        double tileArea = (chip - 22.88) / 168;
        assertThat(tileArea).isCloseTo(0.372, within(0.0005));
        assertThat(chip - 22.88).isCloseTo(62.5, within(0.05));
        assertThat(chip).isCloseTo(85.4, within(85.4 * 0.001)); // 85.4247 mm²
        // an 8-bit OU design is ISAAC's chip; the default 5-bit one saves 16128 x (1200 - 476.91) um²
        double fiveBit = model.areaMm2(model.chips(1, Scheme.DENSE), Scheme.DENSE);
        assertThat(chip - fiveBit).isCloseTo(16128 * (1200 - 476.91) * 1e-6, within(1e-9));
    }

    /** The share a mapping occupies is pro rata, so it adds up: 3 crossbars are 3/8 of an IMA's blocks. */
    @Test
    void usedAreaIsProRataAndAdditive() {
        AreaModel model = model(config(Map.of()));
        ComponentCounts three = model.used(3, 1000, Scheme.SRE_BIT);
        assertThat(three.count(Component.IMA_INPUT_REGISTER)).isEqualTo(3.0 / 8);
        assertThat(three.count(Component.EDRAM)).isEqualTo(3.0 / 8 / 12);
        assertThat(three.count(Component.ROUTER)).isEqualTo(3.0 / 8 / 12 / 4);
        assertThat(three.count(Component.HYPER_TRANSPORT)).isZero();
        assertThat(three.count(Component.INDEX_BIT)).isEqualTo(1000.0);
        assertThat(three.count(Component.PREFIX_LOGIC)).isEqualTo(3.0 * 16);
        assertThat(model.used(3, 1000, Scheme.ACT_BIT).count(Component.INDEX_BIT)).isZero();
        double a = model.areaMm2(model.used(3, 1000, Scheme.SRE_BIT), Scheme.SRE_BIT);
        double b = model.areaMm2(model.used(5, 500, Scheme.SRE_BIT), Scheme.SRE_BIT);
        double both = model.areaMm2(model.used(8, 1500, Scheme.SRE_BIT), Scheme.SRE_BIT);
        assertThat(a + b).isCloseTo(both, within(1e-12));
    }

    /** Static power prices only blocks the energy table does not: ISAAC's chip draws 16.75 W of them. */
    @Test
    void staticPowerOfAnIsaacChip() {
        AreaModel model = model(config(Map.of()));
        double mw = 2016 * (1.24 + 0.23) + 168 * (7 + 0.52 + 0.05 + 0.4 + 1.68) + 42 * 42 + 10400;
        assertThat(model.staticPowerW(1, 10, 0, Scheme.DENSE)).isCloseTo(mw / 1e3, within(1e-9));
        AreaModel gated = model(config(Map.of("power.static-scope", "used")));
        double used = 8 * (1.24 + 0.23) / 8 + (7 + 0.52 + 0.05 + 0.4 + 1.68) / 12 + 42.0 / 12 / 4 + 10400;
        assertThat(gated.staticPowerW(1, 8, 0, Scheme.DENSE)).isCloseTo(used / 1e3, within(1e-12));
    }

    @Test
    void adcAreaModels() {
        assertThat(model(config(Map.of())).table().adcAreaMm2(5)).isCloseTo(0.00047691, within(1e-15));
        assertThat(model(config(Map.of())).table().adcAreaMm2(12)).isCloseTo(0.003002008032 * 4, within(1e-12));
        assertThat(model(config(Map.of("adc.area-model", "doubling"))).table().adcAreaMm2(5))
                .isCloseTo(0.00015, within(1e-15));
        AreaModel user = model(config(Map.of("adc.area-model", "table",
                "area.adc-table-mm2", "5:0.0004,8:0.0012")));
        assertThat(user.table().adcAreaMm2(5)).isEqualTo(0.0004);
        assertThat(user.table().adcAreaMm2(8)).isEqualTo(0.0012);
    }

    @Test
    void badAreaTablesAreOneLineErrorsNamingTheKey() {
        AreaModel user = model(config(Map.of("adc.area-model", "table", "area.adc-table-mm2", "8:0.0012")));
        assertThatThrownBy(() -> user.table().adcAreaMm2(5)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("area.adc-table-mm2").hasMessageContaining("5-bit");
        assertThatThrownBy(() -> model(config(Map.of("area.adc-table-mm2", "5:0.002,8:0.0012"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not decrease");
        assertThatThrownBy(() -> model(config(Map.of("area.adc-table-mm2", "5-0.002"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'area.adc-table-mm2'");
        assertThatThrownBy(() -> config(Map.of("adc.area-model", "quadratic"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("adc.area-model");
    }

    /** More ADC bits never shrink the chip or the used area, whatever the model, scheme and table. */
    @Property(tries = 200)
    void moreAdcBitsNeverShrinkArea(@ForAll @IntRange(min = 1, max = 15) int bits,
                                    @ForAll @IntRange(min = 0, max = 2) int modelIndex,
                                    @ForAll @DoubleRange(min = 0, max = 0.01) double step,
                                    @ForAll @IntRange(min = 1, max = 4) int chips,
                                    @ForAll @IntRange(min = 0, max = 40000) int crossbars) {
        String[] models = {"accelergy", "doubling", "table"};
        StringBuilder table = new StringBuilder();
        for (int b = 1; b <= 16; b++) {
            table.append(b == 1 ? "" : ",").append(b).append(':').append(0.0001 + step * b * b);
        }
        Map<String, Object> common = new HashMap<>();
        common.put("adc.area-model", models[modelIndex]);
        common.put("area.adc-table-mm2", table.toString());
        common.put("ideal.adc-bits", bits);
        Map<String, Object> fewer = new HashMap<>(common);
        fewer.put("adc.bits", bits);
        Map<String, Object> more = new HashMap<>(common);
        more.put("adc.bits", bits + 1);
        more.put("ideal.adc-bits", bits + 1);
        AreaModel a = model(config(fewer));
        AreaModel b = model(config(more));
        for (Scheme s : Scheme.values()) {
            double chipFewer = a.areaMm2(a.chips(chips, s), s);
            double chipMore = b.areaMm2(b.chips(chips, s), s);
            assertThat(chipMore).isGreaterThanOrEqualTo(chipFewer);
            if (modelIndex < 2) { // the built-in models grow strictly
                assertThat(chipMore).isGreaterThan(chipFewer);
            }
            assertThat(b.areaMm2(b.used(crossbars, 7L * crossbars, s), s))
                    .isGreaterThanOrEqualTo(a.areaMm2(a.used(crossbars, 7L * crossbars, s), s));
        }
    }

    /** The area model a config builds. */
    private static AreaModel model(Config c) {
        return AreaModel.from(c, Hardware.from(c));
    }
}
