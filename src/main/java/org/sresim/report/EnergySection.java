package org.sresim.report;

import java.util.List;
import java.util.StringJoiner;

/** Where the energy goes: energy per action and scheme (stacked bars), one panel per network. */
final class EnergySection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        List<String> columns = Sections.energyColumns();
        List<String> names = Sections.actionNames();
        StringJoiner select = new StringJoiner(", ", "SELECT network, scheme, ", "");
        for (String c : columns) {
            select.add("avg(" + c + ") / 1e6 AS " + uj(c));
        }
        select.add("avg(energy_pj) / 1e6 AS total_uj");
        Table t = ctx.sql().query(select + " FROM " + ReportContext.POINTS + " GROUP BY network, scheme ORDER BY network, "
                + ReportContext.schemeOrder());
        List<String> uj = columns.stream().map(EnergySection::uj).toList();
        Figure f = Figure.of("energy-by-action", ChartKind.STACKED_BARS, "Energy per inference by action and scheme",
                ctx.facts().subtitle(List.of("network"), ChartKind.STACKED_BARS), "scheme", "energy per inference (µJ)",
                Figure.widePanels(t, "network", "scheme", uj, names));
        return List.of(new Part("Energy per action", List.of(
                new Block.Paragraph("Each bar is the mean energy of one inference, split by the action that spends it "
                        + "(count x price: the energy_<action>_pj columns, here in µJ as <action>_uj); total_uj is their sum."),
                new Block.FigureBlock(f, t))));
    }

    /** {@code energy_adc_pj -> adc_uj}: short enough for the table to fit the page. */
    static String uj(String energyColumn) {
        return energyColumn.replaceFirst("^energy_", "").replaceFirst("_pj$", "_uj");
    }
}
