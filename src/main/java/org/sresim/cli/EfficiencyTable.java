package org.sresim.cli;

import java.io.PrintWriter;
import org.sresim.engine.Efficiency;
import org.sresim.engine.Metrics;
import org.sresim.engine.SimulationResult;

/** The {@code simulate} table's area, power and efficiency block: one line per scheme for the network. */
final class EfficiencyTable {
    private EfficiencyTable() {
    }

    static void print(SimulationResult r, PrintWriter out) {
        out.println();
        out.printf("%-18s %-9s %6s %9s %9s %9s %9s %12s %11s %9s %9s%n", "efficiency", "scheme", "chips",
                "area_mm2", "used_mm2", "index_mm2", "power_w", "infer/s", "gops", "gops/mm2", "gops/w");
        for (Metrics m : r.networkRows()) {
            Efficiency e = m.efficiency();
            out.printf("%-18s %-9s %6d %9.2f %9.2f %9.2f %9s %12s %11s %9s %9s%n", "(network)", m.scheme().id(),
                    m.chips(), e.areaMm2(), e.areaUsedMm2(), e.indexAreaMm2(), defined(e.powerW(), "%.2f"),
                    defined(e.throughputIps(), "%.4g"), defined(e.gops(), "%.2f"),
                    defined(e.gopsPerMm2(), "%.3f"), defined(e.gopsPerW(), "%.3f"));
        }
    }

    /** A value, or "n/a" when undefined (NULL in the tables). */
    private static String defined(double value, String format) {
        return Double.isFinite(value) ? String.format(format, value) : "n/a";
    }
}
