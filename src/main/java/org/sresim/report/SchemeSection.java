package org.sresim.report;

import java.util.List;

/** Speedup and energy saving per scheme and network (grouped bars), over every point of the sweep. */
final class SchemeSection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        String subtitle = ctx.facts().subtitle(List.of("network"), ChartKind.BARS);
        List<String> groups = List.of("network", "scheme");
        String order = "network, " + ReportContext.schemeOrder();
        Table speedup = ctx.sql().query(Sections.seedStats(ReportContext.POINTS, groups, "speedup", "", "speedup",
                "scheme <> 'dense'", order));
        Table saving = ctx.sql().query(Sections.seedStats(ReportContext.POINTS, groups, "energy_saving", "* 100",
                "saving_pct", "scheme <> 'dense'", order));
        Figure fs = Figure.of("speedup-by-scheme", ChartKind.BARS, "Speedup over the dense OU baseline, per scheme",
                subtitle, "network", "speedup over dense (x)",
                Figure.panels(speedup, null, "scheme", "network", "mean_speedup", null, null));
        Figure fe = Figure.of("energy-saving-by-scheme", ChartKind.BARS, "Energy saving over the dense OU baseline, per scheme",
                subtitle, "network", "energy saving vs dense (%)",
                Figure.panels(saving, null, "scheme", "network", "mean_saving_pct", null, null));
        return List.of(new Part("Speedup and energy saving per scheme", List.of(
                new Block.FigureBlock(fs, speedup), new Block.FigureBlock(fe, saving))));
    }
}
