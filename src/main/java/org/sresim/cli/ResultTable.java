package org.sresim.cli;

import java.io.PrintWriter;
import java.util.List;
import org.sresim.engine.Metrics;
import org.sresim.engine.Scheme;
import org.sresim.engine.SimulationResult;
import org.sresim.hw.Action;
import org.sresim.hw.DigitalUnits;

/** The human-readable {@code simulate} output: per-layer rows, network rows, one summary line. */
final class ResultTable {
    private static final String HEADER = String.format("%-18s %-9s %14s %12s %12s %12s %8s %8s %8s %9s %9s",
            "layer", "scheme", "ou_ops", "cycles", "latency_us", "energy_uj", "speedup", "ops_spd", "e_save",
            "adc_clip", "read_err");

    private ResultTable() {
    }

    static void print(SimulationResult r, PrintWriter out) {
        out.printf("network %s, seed %d, config %s%n%n", r.network(), r.config().seed(), r.config().hash());
        out.println(HEADER);
        print(r.layerRows(), out);
        out.println();
        out.println(HEADER);
        print(r.networkRows(), out);
        Metrics value = r.network(Scheme.SRE_VALUE);
        Metrics bit = r.network(Scheme.SRE_BIT);
        out.printf("%nsummary: sre-value %.2fx faster, %.1f%% less energy; sre-bit %.2fx faster, %.1f%% less energy "
                        + "than dense (OU %dx%d, %d-bit ADC, %s)%n",
                value.speedup(), 100 * value.energySaving(), bit.speedup(), 100 * bit.energySaving(),
                r.config().intValue("ou.rows"), r.config().intValue("ou.cols"), value.adcBits(),
                bit.fitsOnChip() ? "fits on chip" : "does NOT fit on chip, one copy per layer");
        long attention = bit.count(Action.DIGITAL_MAC);
        if (attention > 0) {
            Metrics dense = r.network(Scheme.DENSE);
            double ns = DigitalUnits.from(r.config()).ns(attention);
            out.printf("attention: %,d MACs on digital units, %.3f us: %.1f%% of dense and %.1f%% of sre-bit latency,"
                            + " %.1f%% of dense and %.1f%% of sre-bit energy (input.encoding %s)%n", attention, ns / 1e3,
                    100 * ns / dense.latencyNs(), 100 * ns / bit.latencyNs(),
                    100 * dense.energyPj(Action.DIGITAL_MAC) / dense.energyPj(),
                    100 * bit.energyPj(Action.DIGITAL_MAC) / bit.energyPj(),
                    r.config().text("input.encoding"));
        }
        EfficiencyTable.print(r, out);
    }

    private static void print(List<Metrics> rows, PrintWriter out) {
        for (Metrics m : rows) {
            out.printf("%-18s %-9s %14d %12d %12.3f %12.3f %8s %8s %8s %9.2e %9.2e%n",
                    m.layer() == null ? "(network)" : m.layer(), m.scheme().id(), m.ouOps(), m.cycles(),
                    m.latencyNs() / 1e3, m.energyPj() / 1e6, ratio(m.speedup(), "%.2f"), ratio(m.opsSpeedup(), "%.2f"),
                    ratio(100 * m.energySaving(), "%.1f%%"),
                    m.adcClipRate(), m.readErrorRate());
        }
    }

    /** A layer without operations has no defined ratio: {@code n/a}, as NULL in the tables. */
    private static String ratio(double value, String format) {
        return Double.isFinite(value) ? String.format(format, value) : "n/a";
    }
}
