package org.sresim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A figure as data: one or more panels (e.g. one per network) drawn side by side under one
 * title and subtitle, sharing axis labels and one legend. {@link FigureRenderer} draws it to PNG
 * and SVG. Build the panels from the table shown under the figure ({@link #panels}) so every
 * plotted number is a cell of that table.
 *
 * @param name     file stem: {@code figures/<name>.png} and {@code .svg}
 * @param subtitle the fixed parameters and what is averaged (see {@link SweepFacts#subtitle})
 * @param logY     draw y on a log scale (ignored when a value is not positive)
 */
public record Figure(String name, ChartKind kind, String title, String subtitle, String xLabel, String yLabel,
                     boolean logY, List<Panel> panels) {

    /** One chart of the figure. */
    public record Panel(String title, List<Datum> data) {
        public Panel {
            data = List.copyOf(data);
        }
    }

    /**
     * One plotted value: y of a series at x (a number for {@link ChartKind#LINES}, a category
     * otherwise), with an optional band {@code [lo, hi]}. A null y (SQL NULL) is not drawn.
     */
    public record Datum(String series, Object x, Double y, Double lo, Double hi) {
    }

    public Figure {
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("figure name must be a file stem: " + name);
        }
        panels = List.copyOf(panels);
    }

    public static Figure of(String name, ChartKind kind, String title, String subtitle, String xLabel, String yLabel,
                            List<Panel> panels) {
        return new Figure(name, kind, title, subtitle, xLabel, yLabel, false, panels);
    }

    public Figure withLogY() {
        return new Figure(name, kind, title, subtitle, xLabel, yLabel, true, panels);
    }

    /** Series names in order of first appearance (the legend's order). */
    public List<String> series() {
        Set<String> s = new LinkedHashSet<>();
        panels.forEach(p -> p.data().forEach(d -> s.add(d.series())));
        return new ArrayList<>(s);
    }

    /**
     * Panels from a long table: one panel per value of {@code panelColumn} (or one untitled panel
     * when it is null), one series per value of {@code seriesColumn}; {@code lo}/{@code hi} may be null.
     */
    public static List<Panel> panels(Table t, String panelColumn, String seriesColumn, String x, String y, String lo,
                                     String hi) {
        Map<String, List<Datum>> byPanel = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String panel = panelColumn == null ? "" : String.valueOf(t.value(r, panelColumn));
            byPanel.computeIfAbsent(panel, k -> new ArrayList<>()).add(new Datum(String.valueOf(t.value(r, seriesColumn)),
                    xValue(t.value(r, x)), t.number(r, y), lo == null ? null : t.number(r, lo),
                    hi == null ? null : t.number(r, hi)));
        }
        List<Panel> panels = new ArrayList<>();
        byPanel.forEach((k, v) -> panels.add(new Panel(k, v)));
        return panels;
    }

    /**
     * Panels from a wide table, for stacked bars: each of {@code seriesColumns} is a series named
     * by the matching entry of {@code seriesNames}; {@code x} holds the category.
     */
    public static List<Panel> widePanels(Table t, String panelColumn, String x, List<String> seriesColumns,
                                         List<String> seriesNames) {
        Map<String, List<Datum>> byPanel = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String panel = panelColumn == null ? "" : String.valueOf(t.value(r, panelColumn));
            for (int s = 0; s < seriesColumns.size(); s++) {
                byPanel.computeIfAbsent(panel, k -> new ArrayList<>()).add(new Datum(seriesNames.get(s),
                        xValue(t.value(r, x)), t.number(r, seriesColumns.get(s)), null, null));
            }
        }
        List<Panel> panels = new ArrayList<>();
        byPanel.forEach((k, v) -> panels.add(new Panel(k, v)));
        return panels;
    }

    private static Object xValue(Object v) {
        return v instanceof Number ? v : String.valueOf(v);
    }
}
