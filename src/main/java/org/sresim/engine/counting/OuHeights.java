package org.sresim.engine.counting;

import org.sresim.hw.Hardware;

/** Counting for several OU heights at once: the hardware of each height, as counting sees it. */
final class OuHeights {
    private OuHeights() {
    }

    /**
     * {@code hw} with OU height {@code ouRows}. Only for counting and the accuracy proxies, which do
     * not read the ADC resolution; {@code adcBits} keeps its value and must not be priced.
     */
    static Hardware withOuRows(Hardware hw, int ouRows) {
        return new Hardware(hw.crossbarRows(), hw.crossbarCols(), hw.cellBits(), hw.weightBits(), hw.inputBits(),
                hw.dacBits(), ouRows, hw.ouCols(), hw.adcBits(), hw.ouCycleNs(), hw.idealReadNs(), hw.idealAdcBits(),
                hw.chipCrossbars(), hw.chipCount());
    }
}
