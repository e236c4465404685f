package org.sresim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link Figure} with JFreeChart, headless, to {@code <name>.png} and {@code <name>.svg}
 * of the same size: 1000 px wide, panels in two columns (one when there is a single panel), fonts
 * of 13 px and up so it reads at 100 % zoom. Both files come from the same drawing code.
 */
final class FigureRenderer {
    static final int WIDTH = 1000;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Color GRID = new Color(0xD0D0D0);

    /** The files written and their size in pixels. */
    record Rendered(String png, String svg, int width, int height) {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private FigureRenderer() {
    }

    static Rendered write(Figure f, Path dir) {
        Drawing d = new Drawing(f);
        BufferedImage image = new BufferedImage(WIDTH, d.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        hints(g);
        d.draw(g);
        g.dispose();
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, d.height);
        d.draw(svg);
        String png = f.name() + ".png";
        String svgName = f.name() + ".svg";
        try {
            ImageIO.write(image, "png", dir.resolve(png).toFile());
            // no DOCTYPE (SVGUtils would add one naming a DTD on the web): parses offline as plain XML
            Files.writeString(dir.resolve(svgName), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + svg.getSVGElement() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(png, svgName, WIDTH, d.height);
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** The figure laid out once (sizes measured), then drawn on any Graphics2D. */
    private static final class Drawing {
        final TextTitle title;
        final TextTitle subtitle;
        final LegendTitle legend;
        final List<JFreeChart> charts = new ArrayList<>();
        final int columns;
        final int panelHeight;
        final double titleHeight;
        final double subtitleHeight;
        final double legendWidth;
        final double legendHeight;
        final int height;

        Drawing(Figure f) {
            List<String> series = f.series();
            Color[] colours = Palette.colours(series);
            for (Figure.Panel p : f.panels()) {
                charts.add(chart(f, p, series, colours));
            }
            columns = f.panels().size() == 1 ? 1 : 2;
            int rows = (f.panels().size() + columns - 1) / columns;
            panelHeight = f.panels().size() == 1 ? 520 : 440;
            Graphics2D m = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            hints(m);
            title = new TextTitle(wrap(f.title(), TITLE, m), TITLE);
            title.setPadding(new RectangleInsets(12, 16, 2, 16));
            subtitle = new TextTitle(wrap(f.subtitle(), SUBTITLE, m), SUBTITLE);
            subtitle.setPadding(new RectangleInsets(2, 16, 8, 16));
            legend = new LegendTitle(() -> legendItems(f.kind(), series, colours));
            legend.setItemFont(LEGEND);
            legend.setFrame(BlockBorder.NONE);
            legend.setHorizontalAlignment(HorizontalAlignment.CENTER);
            legend.setPadding(new RectangleInsets(6, 16, 12, 16));
            legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
            RectangleConstraint width = new RectangleConstraint(WIDTH, null, LengthConstraintType.FIXED, 0, null,
                    LengthConstraintType.NONE);
            titleHeight = title.arrange(m, width).height;
            subtitleHeight = f.subtitle().isEmpty() ? 0 : subtitle.arrange(m, width).height;
            Size2D legendSize = legend.arrange(m, new RectangleConstraint(new Range(0, WIDTH), new Range(0, 4000)));
            legendWidth = Math.min(WIDTH, legendSize.width);
            legendHeight = legendSize.height;
            m.dispose();
            height = (int) Math.ceil(titleHeight + subtitleHeight + rows * panelHeight + legendHeight);
        }

        void draw(Graphics2D g) {
            g.setPaint(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, WIDTH, height));
            double y = 0;
            title.draw(g, new Rectangle2D.Double(0, y, WIDTH, titleHeight));
            y += titleHeight;
            if (subtitleHeight > 0) {
                subtitle.draw(g, new Rectangle2D.Double(0, y, WIDTH, subtitleHeight));
                y += subtitleHeight;
            }
            double panelWidth = (double) WIDTH / columns;
            for (int i = 0; i < charts.size(); i++) {
                int row = i / columns;
                int col = i % columns;
                charts.get(i).draw(g, new Rectangle2D.Double(col * panelWidth, y + row * panelHeight, panelWidth,
                        panelHeight));
            }
            y += (charts.size() + columns - 1) / columns * panelHeight;
            legend.draw(g, new Rectangle2D.Double((WIDTH - legendWidth) / 2, y, legendWidth, legendHeight));
        }
    }

    /**
     * Breaks text into lines at spaces only (JFreeChart's own wrapping also breaks after the dot
     * of {@code pruning.ratio}); no-break spaces hold a key's set of values together.
     */
    static String wrap(String text, Font font, Graphics2D g) {
        java.awt.FontMetrics fm = g.getFontMetrics(font);
        double max = WIDTH - 48;
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(candidate) > max) {
                out.append(line).append('\n');
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        return out.append(line).toString();
    }

    private static JFreeChart chart(Figure f, Figure.Panel p, List<String> series, Color[] colours) {
        Plot plot = f.kind() == ChartKind.LINES ? linePlot(f, p, series, colours) : barPlot(f, p, series, colours);
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

    /** Distinct markers as well as colours, so lines stay apart in greyscale too. */
    private static Shape shape(int i) {
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

    private static LegendItemCollection legendItems(ChartKind kind, List<String> series, Color[] colours) {
        LegendItemCollection items = new LegendItemCollection();
        for (int i = 0; i < series.size(); i++) {
            Color c = colours[i];
            LegendItem item = kind == ChartKind.LINES
                    ? new LegendItem(series.get(i), null, null, null, true, shape(i), true, c, false, c,
                            new BasicStroke(1f), true, new Line2D.Double(-12, 0, 12, 0), new BasicStroke(2.5f), c)
                    : new LegendItem(series.get(i), null, null, null, new Rectangle2D.Double(-7, -7, 14, 14), c);
            items.add(Objects.requireNonNull(item));
        }
        return items;
    }
}
