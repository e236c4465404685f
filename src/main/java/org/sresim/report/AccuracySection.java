package org.sresim.report;

import java.util.ArrayList;
import java.util.List;

/** ADC clipping and read-error rate against OU size, when the sweep varies {@code ou.rows}. */
final class AccuracySection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        SweepFacts.Axis ou = ctx.facts().axisOf("ou_rows");
        if (ou == null) {
            return List.of();
        }
        List<String> shown = new ArrayList<>(ou.columns());
        shown.add("network");
        String subtitle = ctx.facts().subtitle(shown, ChartKind.LINES);
        List<String> groups = new ArrayList<>(List.of("network"));
        groups.addAll(ou.columns());
        groups.add("scheme");
        String order = "network, " + String.join(", ", Sections.orderBy(ou.columns())) + ", " + ReportContext.schemeOrder();
        Table clip = ctx.sql().query(Sections.seedStats(ReportContext.POINTS, groups, "adc_clip_rate", "* 100", "clip_pct",
                "", order));
        Table error = ctx.sql().query(Sections.seedStats(ReportContext.POINTS, groups, "read_error_rate", "", "read_error",
                "", order));
        String label = Sections.axisLabel(ou);
        Figure fc = Figure.of("adc-clipping-vs-ou_rows", ChartKind.LINES, "ADC clipping vs OU height", subtitle, label,
                "clipped conversions (% of sampled)", Figure.panels(clip, "network", "scheme", "ou_rows", "mean_clip_pct",
                        "min_clip_pct", "max_clip_pct"));
        Figure fr = Figure.of("read-error-vs-ou_rows", ChartKind.LINES, "Read-error probability vs OU height", subtitle,
                label, "misread probability per conversion", Figure.panels(error, "network", "scheme", "ou_rows",
                        "mean_read_error", "min_read_error", "max_read_error")).withLogY();
        return List.of(new Part("ADC clipping and read errors vs OU size", List.of(
                new Block.Paragraph("Accuracy proxies on a seeded sample of conversions per layer (accuracy.windows x "
                        + "accuracy.tiles): the share of conversions whose ideal value exceeds the ADC's range, and "
                        + "the mean probability that a conversion misreads (device variation). Bigger OUs sum more "
                        + "cells per conversion: they clip more at a fixed ADC resolution and misread more."),
                new Block.FigureBlock(fc, clip), new Block.FigureBlock(fr, error))));
    }
}
