package org.sresim.engine.pricing;

import java.util.Arrays;
import org.sresim.hw.AreaTable;
import org.sresim.hw.Component;
import org.sresim.hw.Hardware;

/**
 * How many of each {@link Component} a chip or a mapping holds: counts first, prices second.
 * Counts are doubles because a mapping's share of an IMA, tile or router is pro rata (a layer on 3
 * of an IMA's 8 crossbars occupies 3/8 of its registers), which keeps layer rows adding up to the
 * network row.
 */
public record ComponentCounts(double[] counts) {

    public double count(Component c) {
        return counts[c.ordinal()];
    }

    /** Σ count x unit area, in mm2, with ADCs of {@code adcBits}. */
    double areaMm2(AreaTable table, Hardware hw, int adcBits) {
        double total = 0;
        for (Component c : Component.values()) {
            total += count(c) * table.unitAreaMm2(c, hw, adcBits);
        }
        return total;
    }

    /** Σ count x unit static power, in mW. */
    double staticPowerMw(AreaTable table) {
        double total = 0;
        for (Component c : Component.values()) {
            total += count(c) * table.unitStaticPowerMw(c);
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentCounts c && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ComponentCounts{");
        for (Component c : Component.values()) {
            sb.append(c).append('=').append(count(c)).append(c.ordinal() + 1 < counts.length ? ", " : "}");
        }
        return sb.toString();
    }
}
