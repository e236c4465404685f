package org.sresim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;
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
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

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
        // clip-path ids are prefixed by the figure's name, not the default clock reading, so a
        // report of the same rows is the same bytes (figure names are unique within a report)
        svg.setDefsKeyPrefix("_" + f.name().replaceAll("[^A-Za-z0-9]", "_") + "_");
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
                charts.add(PanelCharts.chart(f, p, series, colours));
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


    private static LegendItemCollection legendItems(ChartKind kind, List<String> series, Color[] colours) {
        LegendItemCollection items = new LegendItemCollection();
        for (int i = 0; i < series.size(); i++) {
            Color c = colours[i];
            boolean ring = kind == ChartKind.SCATTER && PanelCharts.ringed(series.get(i));
            LegendItem item = kind == ChartKind.SCATTER
                    ? new LegendItem(series.get(i), null, null, null, true, PanelCharts.scatterShape(i, series.get(i)),
                            !ring, c, ring, c, new BasicStroke(2f), false, new Line2D.Double(0, 0, 0, 0),
                            new BasicStroke(0f), c)
                    : kind == ChartKind.LINES
                    ? new LegendItem(series.get(i), null, null, null, true, PanelCharts.shape(i), true, c, false, c,
                            new BasicStroke(1f), true, new Line2D.Double(-12, 0, 12, 0), new BasicStroke(2.5f), c)
                    : new LegendItem(series.get(i), null, null, null, new Rectangle2D.Double(-7, -7, 14, 14), c);
            items.add(item);
        }
        return items;
    }
}
