package org.sresim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * For every varied axis of the sweep: speedup and energy saving against it, one line (numeric
 * axis) or bar group (text axis, e.g. {@code adc.bits: [auto, 4]}) per scheme, one panel per
 * network; mean over seeds and the other axes, band from min to max over the same points.
 */
final class AxisSection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        List<Part> parts = new ArrayList<>();
        for (SweepFacts.Axis a : ctx.facts().axes()) {
            List<String> shown = new ArrayList<>(a.columns());
            shown.add("network");
            String subtitle = ctx.facts().subtitle(shown, a.numeric() ? ChartKind.LINES : ChartKind.BARS);
            List<String> groups = new ArrayList<>(List.of("network"));
            groups.addAll(a.columns());
            groups.add("scheme");
            String order = "network, " + String.join(", ", Sections.orderBy(a.columns())) + ", "
                    + ReportContext.schemeOrder();
            Table speedup = ctx.sql().query(Sections.seedStats(ReportContext.POINTS, groups, "speedup", "", "speedup",
                    "scheme <> 'dense'", order));
            Table saving = ctx.sql().query(Sections.seedStats(ReportContext.POINTS, groups, "energy_saving", "* 100",
                    "saving_pct", "scheme <> 'dense'", order));
            ChartKind kind = a.numeric() ? ChartKind.LINES : ChartKind.BARS;
            String label = Sections.axisLabel(a);
            String key = SweepFacts.key(a.x());
            Figure fs = Figure.of("speedup-vs-" + a.x(), kind, "Speedup over dense vs " + key, subtitle, label,
                    "speedup over dense (x)", Figure.panels(speedup, "network", "scheme", a.x(), "mean_speedup",
                            a.numeric() ? "min_speedup" : null, a.numeric() ? "max_speedup" : null));
            Figure fe = Figure.of("energy-saving-vs-" + a.x(), kind, "Energy saving over dense vs " + key, subtitle, label,
                    "energy saving vs dense (%)", Figure.panels(saving, "network", "scheme", a.x(), "mean_saving_pct",
                            a.numeric() ? "min_saving_pct" : null, a.numeric() ? "max_saving_pct" : null));
            parts.add(new Part("Speedup and energy saving vs " + a.keys(), List.of(
                    new Block.FigureBlock(fs, speedup), new Block.FigureBlock(fe, saving))));
        }
        return parts;
    }
}
