package org.sresim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * One panel of a {@link Figure} as a JFreeChart chart: lines with a shaded band, grouped bars or
 * stacked bars, in the report's fonts and the {@link Palette}'s colours.
 */
final class PanelCharts {
    private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color GRID = new Color(0xD0D0D0);

    private PanelCharts() {
    }

    static JFreeChart chart(Figure f, Figure.Panel p, List<String> series, Color[] colours) {
        Plot plot = switch (f.kind()) {
            case LINES -> linePlot(f, p, series, colours);
            case SCATTER -> scatterPlot(f, p, series, colours);
            case BARS, STACKED_BARS -> barPlot(f, p, series, colours);
        };
        JFreeChart chart = new JFreeChart(p.title().isEmpty() ? null : p.title(), PANEL_TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 8, 8, 12));
        return chart;
    }

    private static XYPlot linePlot(Figure f, Figure.Panel p, List<String> series, Color[] colours) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (String s : series) {
            YIntervalSeries ys = new YIntervalSeries(s);
            for (Figure.Datum d : p.data()) {
                if (d.series().equals(s) && d.y() != null) {
                    double y = d.y();
                    ys.add(((Number) d.x()).doubleValue(), y, d.lo() == null ? y : d.lo(), d.hi() == null ? y : d.hi());
                }
            }
            data.addSeries(ys);
        }
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.12f);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesFillPaint(i, colours[i]);
            r.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            r.setSeriesShape(i, shape(i));
        }
        XYPlot plot = new XYPlot(data, xAxis(f, p), valueAxis(f, p), r);
        style(plot);
        return plot;
    }

    /** Markers only; both axes from the data (not from zero), log when a range spans 16x or more. */
    private static XYPlot scatterPlot(Figure f, Figure.Panel p, List<String> series, Color[] colours) {
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
        for (String s : series) {
            org.jfree.data.xy.XYSeries xy = new org.jfree.data.xy.XYSeries(s, false, true);
            for (Figure.Datum d : p.data()) {
                if (d.series().equals(s) && d.y() != null) {
                    xy.add(((Number) d.x()).doubleValue(), d.y().doubleValue());
                }
            }
            data.addSeries(xy);
        }
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(
                false, true);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesShape(i, scatterShape(i, series.get(i)));
            r.setSeriesShapesFilled(i, !ringed(series.get(i)));
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        r.setUseOutlinePaint(false);
        // later series on top: the front and the marked design over the grey cloud
        XYPlot plot = new XYPlot(data, xAxis(f, p), scatterYAxis(f, p), r);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        style(plot);
        return plot;
    }

    private static ValueAxis scatterYAxis(Figure f, Figure.Panel p) {
        NumberAxis n = new NumberAxis(f.yLabel());
        n.setAutoRangeIncludesZero(false);
        n.setLowerMargin(0.04);
        n.setUpperMargin(0.06);
        font(n);
        return n;
    }

    private static ValueAxis xAxis(Figure f, Figure.Panel p) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Figure.Datum d : p.data()) {
            double x = ((Number) d.x()).doubleValue();
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        ValueAxis axis;
        if (min > 0 && max / min >= 16) { // e.g. OU heights 4..128: powers of two, evenly spaced
            LogAxis log = new LogAxis(f.xLabel());
            log.setBase(2);
            log.setTickUnit(new NumberTickUnit(1));
            log.setNumberFormatOverride(new DecimalFormat("0.###"));
            axis = log;
        } else {
            NumberAxis n = new NumberAxis(f.xLabel());
            n.setAutoRangeIncludesZero(false);
            if (p.data().stream().allMatch(d -> d.x() instanceof Integer || d.x() instanceof Long)) {
                n.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // no tick at 4.5 wordlines
            }
            axis = n;
        }
        axis.setLowerMargin(0.04);
        axis.setUpperMargin(0.04);
        font(axis);
        return axis;
    }

    /** The y axis: log when asked and every value is positive, else linear from zero. */
    private static ValueAxis valueAxis(Figure f, Figure.Panel p) {
        boolean positive = p.data().stream().filter(d -> d.y() != null)
                .allMatch(d -> d.y() > 0 && (d.lo() == null || d.lo() > 0));
        ValueAxis axis;
        if (f.logY() && positive) {
            LogAxis log = new LogAxis(f.yLabel());
            log.setTickUnit(new NumberTickUnit(1)); // one tick per decade
            log.setNumberFormatOverride(new DecimalFormat("0E0"));
            axis = log;
        } else {
            NumberAxis n = new NumberAxis(f.yLabel());
            n.setAutoRangeIncludesZero(true);
            axis = n;
        }
        axis.setUpperMargin(0.06);
        font(axis);
        return axis;
    }

    private static CategoryPlot barPlot(Figure f, Figure.Panel p, List<String> series, Color[] colours) {
        Set<String> categories = new LinkedHashSet<>();
        p.data().forEach(d -> categories.add(String.valueOf(d.x())));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String s : series) { // fixes row and column order before any value lands
            for (String c : categories) {
                data.addValue(null, s, c);
            }
        }
        for (Figure.Datum d : p.data()) {
            data.setValue(d.y(), d.series(), String.valueOf(d.x()));
        }
        BarRenderer r = f.kind() == ChartKind.STACKED_BARS ? new StackedBarRenderer() : new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.02);
        r.setMaximumBarWidth(0.12);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, colours[i]);
        }
        ValueAxis y = valueAxis(f, p);
        if (y instanceof LogAxis) { // bars start at the decade below the smallest value, not at 0
            double min = p.data().stream().filter(d -> d.y() != null).mapToDouble(Figure.Datum::y).min().orElse(1);
            r.setBase(Math.pow(10, Math.floor(Math.log10(min))));
            r.setIncludeBaseInRange(false);
        }
        CategoryAxis x = new CategoryAxis(f.xLabel());
        font(x);
        x.setCategoryMargin(0.15);
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        if (categories.size() * Math.max(longest, 4) > 48) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        return plot;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
    }

    private static void font(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK);
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
    }

    /** A scatter series drawn as a ring around the points it marks (a front). */
    static boolean ringed(String series) {
        return series.startsWith("front");
    }

    /** A scatter series' marker: a large ring for a front, else the series' marker. */
    static Shape scatterShape(int i, String series) {
        return ringed(series) ? new Ellipse2D.Double(-8, -8, 16, 16) : shape(i);
    }

    /** Distinct markers as well as colours, so lines stay apart in greyscale too. */
    static Shape shape(int i) {
        float s = 4.5f;
        return switch (i % 7) {
            case 0 -> new Ellipse2D.Double(-s, -s, 2 * s, 2 * s);
            case 1 -> new Rectangle2D.Double(-s, -s, 2 * s, 2 * s);
            case 2 -> ShapeUtils.createUpTriangle(s + 0.5f);
            case 3 -> ShapeUtils.createDiamond(s + 0.5f);
            case 4 -> ShapeUtils.createDownTriangle(s + 0.5f);
            case 5 -> ShapeUtils.createDiagonalCross(s, 1.5f);
            default -> ShapeUtils.createRegularCross(s, 1.5f);
        };
    }
}
