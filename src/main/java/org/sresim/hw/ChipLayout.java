package org.sresim.hw;

import org.sresim.config.Config;

/**
 * ISAAC's hierarchy of a chip, as area and static power count it: ADCs per crossbar, crossbars per
 * IMA, IMAs per tile and tiles per router.
 */
public record ChipLayout(int adcsPerCrossbar, int crossbarsPerIma, int imasPerTile, int tilesPerRouter) {

    public static ChipLayout from(Config c) {
        return new ChipLayout(c.intValue("adc.per-crossbar"), c.intValue("chip.crossbars-per-ima"),
                c.intValue("chip.imas-per-tile"), c.intValue("chip.tiles-per-router"));
    }
}
