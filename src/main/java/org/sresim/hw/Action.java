package org.sresim.hw;

/**
 * The priced actions of the chip. The engine only counts them; {@link EnergyTable} prices them,
 * so every picojoule traces back to (action, count, price), as in Timeloop + Accelergy.
 */
public enum Action {
    /** One ADC conversion (one bitline of one OU operation). */
    ADC("adc"),
    /** One wordline driven by its DAC for one operation. */
    DAC("dac"),
    /** One cell read for one operation. */
    CELL_READ("cell_read"),
    /** One sample-and-hold of a bitline. */
    SAMPLE_HOLD("sample_hold"),
    /** One digital shift-and-add of a converted partial sum. */
    SHIFT_ADD("shift_add"),
    /** One 256-bit eDRAM buffer access (inputs read, outputs written). */
    EDRAM("edram"),
    /** One bit of compressed-row index read. */
    INDEX_BIT("index_bit"),
    /** One row examined by the zero-detect / prefix-sum logic. */
    PREFIX_SUM_ROW("prefix_sum_row"),
    /** One 16-bit multiply-accumulate of attention (Q·Kᵀ, softmax·V) on a digital unit, off the crossbars. */
    DIGITAL_MAC("digital_mac");

    private final String column;

    Action(String column) {
        this.column = column;
    }

    /** snake_case name used in metric columns: {@code energy_<column>_pj}, {@code count_<column>}. */
    public String column() {
        return column;
    }
}
