package org.sresim.hw;

import java.util.EnumMap;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.config.ConfigException;

/**
 * Unit areas (mm2) and static powers (mW) of every {@link Component}, as quoted in the
 * configuration (ISAAC's component table at 32 nm by default). The engine counts components; this
 * table prices them, so every mm2 is {@code count x unit area} of one component. Derived units
 * (ZigZag style): a crossbar's area scales with its cells (the key quotes 128 x 128), a DAC's
 * doubles per bit of {@code dac.bits} (Accelergy's DAC scaling), an ADC's follows {@code adc.area-model}.
 *
 * @param staticScope what draws static power ({@code power.static-scope})
 */
public record AreaTable(Map<Component, Double> quotedAreaMm2, Map<Component, Double> staticPowerMw,
                        AdcAreaModel adcAreaModel, Map<Integer, Double> adcTableMm2, StaticPowerScope staticScope) {

    /** The crossbar size {@code area.crossbar-mm2} is quoted for. */
    static final int REFERENCE_CELLS = 128 * 128;

    public AreaTable {
        quotedAreaMm2 = Map.copyOf(quotedAreaMm2);
        staticPowerMw = Map.copyOf(staticPowerMw);
        adcTableMm2 = Map.copyOf(adcTableMm2);
    }

    public static AreaTable from(Config c) {
        Map<Component, Double> area = new EnumMap<>(Component.class);
        Map<Component, Double> power = new EnumMap<>(Component.class);
        for (Component k : Component.values()) {
            area.put(k, c.doubleValue(k.areaKey()));
            power.put(k, k.powerKey() == null ? 0.0 : c.doubleValue(k.powerKey()));
        }
        Map<Integer, Double> table = BitsTable.parse("area.adc-table-mm2", c.text("area.adc-table-mm2"), "mm2",
                "\"5:0.0005,8:0.0012\"");
        double previous = 0;
        int previousBits = 0;
        for (Map.Entry<Integer, Double> e : new java.util.TreeMap<>(table).entrySet()) {
            if (e.getValue() < previous) {
                throw new ConfigException("key 'area.adc-table-mm2': " + e.getKey() + " bits (" + e.getValue()
                        + " mm2) is smaller than " + previousBits + " bits (" + previous
                        + " mm2); areas must not decrease with resolution");
            }
            previous = e.getValue();
            previousBits = e.getKey();
        }
        return new AreaTable(area, power, c.choice("adc.area-model", AdcAreaModel.class), table,
                c.choice("power.static-scope", StaticPowerScope.class));
    }

    /** Area of one ADC at this resolution, in mm2. */
    public double adcAreaMm2(int bits) {
        return adcAreaModel.areaMm2(bits, quotedAreaMm2.get(Component.ADC), adcTableMm2);
    }

    /** Area of one unit of {@code c} on this hardware, with ADCs of {@code adcBits}, in mm2. */
    public double unitAreaMm2(Component c, Hardware hw, int adcBits) {
        double quoted = quotedAreaMm2.get(c);
        return switch (c) {
            case ADC -> adcAreaMm2(adcBits);
            case CROSSBAR -> quoted * ((double) hw.crossbarRows() * hw.crossbarCols() / REFERENCE_CELLS);
            case DAC -> quoted * Math.pow(2, hw.dacBits() - 1);
            default -> quoted;
        };
    }

    /** Static power of one unit of {@code c}, in mW (0 for components priced per action). */
    public double unitStaticPowerMw(Component c) {
        return staticPowerMw.get(c);
    }
}
