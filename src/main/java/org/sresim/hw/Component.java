package org.sresim.hw;

/**
 * A hardware block the area model counts, with the level of the ISAAC hierarchy it belongs to
 * (chip > router > tile > IMA > crossbar) and its price keys. {@code powerKey} is null for blocks
 * whose energy the {@link EnergyTable} already prices per action (they draw no static power here).
 */
public enum Component {
    CROSSBAR(Level.CROSSBAR, "area.crossbar-mm2", null),
    ADC(Level.CROSSBAR, "area.adc-8bit-mm2", null),
    DAC(Level.CROSSBAR, "area.dac-mm2", null),
    SAMPLE_HOLD(Level.CROSSBAR, "area.sample-hold-mm2", null),
    /** SRE addition: zero-detect and prefix logic, one per OU column group of a crossbar (act-*, sre-*). */
    PREFIX_LOGIC(Level.CROSSBAR, "area.prefix-logic-mm2", null),
    /** SRE addition: compressed-row index SRAM, counted in bits (weight, sre-*). */
    INDEX_BIT(Level.CROSSBAR, "area.index-bit-mm2", null),
    IMA_SHIFT_ADDS(Level.IMA, "area.ima-shift-adds-mm2", null),
    IMA_INPUT_REGISTER(Level.IMA, "area.ima-input-register-mm2", "power.ima-input-register-mw"),
    IMA_OUTPUT_REGISTER(Level.IMA, "area.ima-output-register-mm2", "power.ima-output-register-mw"),
    EDRAM(Level.TILE, "area.edram-mm2", null),
    EDRAM_BUS(Level.TILE, "area.edram-bus-mm2", "power.edram-bus-mw"),
    SIGMOID(Level.TILE, "area.sigmoid-mm2", "power.sigmoid-mw"),
    TILE_SHIFT_ADD(Level.TILE, "area.tile-shift-add-mm2", "power.tile-shift-add-mw"),
    MAXPOOL(Level.TILE, "area.maxpool-mm2", "power.maxpool-mw"),
    TILE_OUTPUT_REGISTER(Level.TILE, "area.tile-output-register-mm2", "power.tile-output-register-mw"),
    ROUTER(Level.ROUTER, "area.router-mm2", "power.router-mw"),
    HYPER_TRANSPORT(Level.CHIP, "area.hyper-transport-mm2", "power.hyper-transport-mw");

    /** Where a block sits: its count follows from the counts of this level. */
    public enum Level { CROSSBAR, IMA, TILE, ROUTER, CHIP }

    private final Level level;
    private final String areaKey;
    private final String powerKey;

    Component(Level level, String areaKey, String powerKey) {
        this.level = level;
        this.areaKey = areaKey;
        this.powerKey = powerKey;
    }

    public Level level() {
        return level;
    }

    public String areaKey() {
        return areaKey;
    }

    /** The static-power key, or null when the block's energy is priced per action instead. */
    public String powerKey() {
        return powerKey;
    }
}
