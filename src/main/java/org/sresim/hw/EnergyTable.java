package org.sresim.hw;

import java.util.EnumMap;
import java.util.Map;
import org.sresim.config.Config;

/**
 * Prices of every {@link Action}, in pJ, as quoted in the configuration. DAC drives, cell reads
 * and sample-and-holds are power x time, quoted for {@code energy.reference-cycle-ns}, and scale
 * with the cycle they actually last; conversions, shift-adds, buffer, index and prefix-sum
 * prices are per event, as is a digital attention MAC.
 */
public record EnergyTable(AdcModel adcModel, double adc8bitPj, Map<Integer, Double> adcTablePj,
                          double referenceCycleNs, double dacPj, double cellReadPj, double sampleHoldPj,
                          double shiftAddPj, double edramAccessPj, double indexBitPj, double prefixSumRowPj,
                          double digitalMacPj) {

    public static EnergyTable from(Config c) {
        return new EnergyTable(c.choice("adc.model", AdcModel.class), c.doubleValue("energy.adc-8bit-pj"),
                parseTable(c.text("energy.adc-table-pj")), c.doubleValue("energy.reference-cycle-ns"),
                c.doubleValue("energy.dac-pj"), c.doubleValue("energy.cell-read-pj"),
                c.doubleValue("energy.sample-hold-pj"), c.doubleValue("energy.shift-add-pj"),
                c.doubleValue("energy.edram-access-pj"), c.doubleValue("energy.index-bit-pj"),
                c.doubleValue("energy.prefix-sum-row-pj"), c.doubleValue("energy.digital-mac-pj"));
    }

    /** Parses {@code "bits:pJ,bits:pJ"}; empty means no table. */
    static Map<Integer, Double> parseTable(String text) {
        return BitsTable.parse("energy.adc-table-pj", text, "pJ", "\"5:0.29,8:1.5625\"");
    }

    /** Energy of one conversion at this resolution. */
    public double adcConversionPj(int bits) {
        return adcModel.conversionPj(bits, adc8bitPj, adcTablePj);
    }

    /**
     * Price of every action for operations at this ADC resolution that last {@code cycleNs}
     * (an OU cycle, or the ideal design's full-crossbar read).
     */
    public Map<Action, Double> prices(int adcBits, double cycleNs) {
        double timeScale = cycleNs / referenceCycleNs;
        Map<Action, Double> p = new EnumMap<>(Action.class);
        p.put(Action.ADC, adcConversionPj(adcBits));
        p.put(Action.DAC, dacPj * timeScale);
        p.put(Action.CELL_READ, cellReadPj * timeScale);
        p.put(Action.SAMPLE_HOLD, sampleHoldPj * timeScale);
        p.put(Action.SHIFT_ADD, shiftAddPj);
        p.put(Action.EDRAM, edramAccessPj);
        p.put(Action.INDEX_BIT, indexBitPj);
        p.put(Action.PREFIX_SUM_ROW, prefixSumRowPj);
        p.put(Action.DIGITAL_MAC, digitalMacPj);
        return p;
    }
}
