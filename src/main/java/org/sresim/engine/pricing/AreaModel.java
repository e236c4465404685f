package org.sresim.engine.pricing;

import org.sresim.config.Config;
import org.sresim.engine.Scheme;
import org.sresim.engine.counting.LayerMapping;
import org.sresim.hw.AreaTable;
import org.sresim.hw.ChipLayout;
import org.sresim.hw.Component;
import org.sresim.hw.Hardware;
import org.sresim.hw.StaticPowerScope;

/**
 * Counts the components of the chips a point uses and of the share its mapping occupies, in
 * ISAAC's hierarchy: a chip holds {@code chip.crossbars} crossbars in IMAs of
 * {@code chip.crossbars-per-ima}, IMAs in tiles of {@code chip.imas-per-tile}, and one router per
 * {@code chip.tiles-per-router} tiles. Per crossbar: the array, {@code adc.per-crossbar} ADCs, one
 * DAC per row and one sample-and-hold per column. What a scheme needs on top (assumptions, priced
 * in {@code area.*}): {@code weight} and {@code sre-*} a compressed-row index SRAM, {@code act-*}
 * and {@code sre-*} zero-detect/prefix logic per OU column group; {@code ideal} converts with
 * {@code ideal.adc-bits} ADCs.
 */
public final class AreaModel {
    private final AreaTable table;
    private final Hardware hw;
    private final int crossbarsPerIma;
    private final int imasPerTile;
    private final int tilesPerRouter;
    private final int adcsPerCrossbar;

    AreaModel(AreaTable table, Hardware hw, int adcsPerCrossbar, int crossbarsPerIma, int imasPerTile,
              int tilesPerRouter) {
        this.adcsPerCrossbar = adcsPerCrossbar;
        this.table = table;
        this.hw = hw;
        this.crossbarsPerIma = crossbarsPerIma;
        this.imasPerTile = imasPerTile;
        this.tilesPerRouter = tilesPerRouter;
    }

    public static AreaModel from(Config c, Hardware hw) {
        ChipLayout chip = ChipLayout.from(c);
        return new AreaModel(AreaTable.from(c), hw, chip.adcsPerCrossbar(), chip.crossbarsPerIma(), chip.imasPerTile(),
                chip.tilesPerRouter());
    }

    AreaTable table() {
        return table;
    }

    /** OU column groups of one crossbar: ceil(crossbar.cols / ou.cols). */
    int groupsPerCrossbar() {
        return LayerMapping.ceilDiv(hw.crossbarCols(), hw.ouCols());
    }

    /** A full index table for one crossbar: one entry per row and column group, ceil(log2 rows) bits each. */
    long indexBitsPerCrossbar() {
        return (long) hw.crossbarRows() * groupsPerCrossbar() * LayerMapping.indexBits(hw.crossbarRows());
    }

    /** The ADC resolution the scheme's chip converts at. */
    int adcBits(Scheme s) {
        return s == Scheme.IDEAL ? hw.idealAdcBits() : hw.adcBits();
    }

    /**
     * Every component of {@code chips} whole chips built for scheme {@code s}; a chip that compresses
     * weights carries a full index table for every crossbar.
     */
    public ComponentCounts chips(long chips, Scheme s) {
        long imas = LayerMapping.ceilDiv(hw.chipCrossbars(), crossbarsPerIma);
        long tiles = LayerMapping.ceilDiv(imas, imasPerTile);
        long routers = LayerMapping.ceilDiv(tiles, tilesPerRouter);
        double crossbars = (double) chips * hw.chipCrossbars();
        return counts(s, crossbars, chips * imas, chips * tiles, chips * routers, chips,
                s.compressesWeights() ? crossbars * indexBitsPerCrossbar() : 0);
    }

    /**
     * The share of the chip a mapping occupies: its crossbars with their peripherals, the same
     * fraction of IMA-, tile- and router-level blocks, and the index bits it stores; no links.
     */
    public ComponentCounts used(long crossbars, long indexBitsStored, Scheme s) {
        double imas = (double) crossbars / crossbarsPerIma;
        double tiles = imas / imasPerTile;
        return counts(s, crossbars, imas, tiles, tiles / tilesPerRouter, 0,
                s.compressesWeights() ? indexBitsStored : 0);
    }

    private ComponentCounts counts(Scheme s, double crossbars, double imas, double tiles, double routers,
                                   double chips, double indexBits) {
        double[] n = new double[Component.values().length];
        for (Component c : Component.values()) {
            n[c.ordinal()] = switch (c.level()) {
                case CROSSBAR -> crossbars;
                case IMA -> imas;
                case TILE -> tiles;
                case ROUTER -> routers;
                case CHIP -> chips;
            };
        }
        n[Component.ADC.ordinal()] = crossbars * adcsPerCrossbar;
        n[Component.DAC.ordinal()] = crossbars * hw.crossbarRows();
        n[Component.SAMPLE_HOLD.ordinal()] = crossbars * hw.crossbarCols();
        n[Component.PREFIX_LOGIC.ordinal()] = s.skipsActivations() ? crossbars * groupsPerCrossbar() : 0;
        n[Component.INDEX_BIT.ordinal()] = indexBits;
        return new ComponentCounts(n);
    }

    /** Area of one unit of {@code c} on a chip built for scheme {@code s}, in mm2. */
    public double unitAreaMm2(Component c, Scheme s) {
        return table.unitAreaMm2(c, hw, adcBits(s));
    }

    public double areaMm2(ComponentCounts counts, Scheme s) {
        return counts.areaMm2(table, hw, adcBits(s));
    }

    /**
     * Static power while the point runs, in W: the chips' components under
     * {@code power.static-scope: chip}, else the occupied share plus the chips' links.
     */
    public double staticPowerW(long chips, long crossbarsUsed, long indexBitsStored, Scheme s) {
        double mw = table.staticScope() == StaticPowerScope.CHIP ? chips(chips, s).staticPowerMw(table)
                : used(crossbarsUsed, indexBitsStored, s).staticPowerMw(table)
                        + chips * table.unitStaticPowerMw(Component.HYPER_TRANSPORT);
        return mw / 1e3;
    }
}
