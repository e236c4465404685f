package org.sresim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.sweep.SweepException;

/** Rendering and writing without Spark: hand-made tables in, files out. */
class ReportWriterTest {
    @TempDir
    Path dir;

    static Table table() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("net-a", 4, "sre-bit", 2.5, 2.0, 3.0, 2L));
        rows.add(Arrays.asList("net-a", 128, "sre-bit", 1.25, 1.0, 1.5, 2L));
        rows.add(Arrays.asList("net-a", 4, "dense", null, null, null, 0L)); // an SQL NULL mean
        rows.add(Arrays.asList("net-b", 4, "sre-bit", 1e-6, 1e-7, 1e-5, 2L));
        return new Table(List.of("network", "ou_rows", "scheme", "mean_x", "min_x", "max_x", "seeds"), rows);
    }

    @Test
    void everyChartKindDrawsToPngAndSvgOfTheStatedSize() throws Exception {
        Table t = table();
        List<Part> parts = List.of(new Part("Figures | with a pipe", List.of(
                new Block.Paragraph("Text with <angle> & \"quotes\"."),
                new Block.FigureBlock(Figure.of("lines", ChartKind.LINES, "Lines", "a subtitle", "OU rows", "x (x)",
                        Figure.panels(t, "network", "scheme", "ou_rows", "mean_x", "min_x", "max_x")).withLogY(), t),
                new Block.FigureBlock(Figure.of("bars", ChartKind.BARS, "Bars", "", "OU rows", "x (x)",
                        Figure.panels(t, null, "scheme", "network", "mean_x", null, null)).withLogY(), t),
                new Block.FigureBlock(Figure.of("stacked", ChartKind.STACKED_BARS, "Stacked", "s", "scheme", "x",
                        Figure.widePanels(t, "network", "scheme", List.of("min_x", "max_x"), List.of("lo", "hi"))), t))));
        Report.Written w = Report.write("demo", parts, dir.resolve("out"));
        assertThat(w.figures()).isEqualTo(3);
        String html = Files.readString(dir.resolve("out/index.html"));
        assertThat(html).contains("Text with &lt;angle&gt; &amp; &quot;quotes&quot;.").contains("<td>–</td>");
        // each figure's numbers are folded away under it, closed until asked for
        for (int figure = 1; figure <= 3; figure++) {
            assertThat(html).contains("</figure>\n<details><summary>Numbers plotted in figure " + figure
                    + "</summary>\n<div class=\"t\"><table>\n<thead>");
        }
        assertThat(html).doesNotContain("<details open").contains("table{border-collapse:collapse;font-size:13px;max-width:100%");
        String md = Files.readString(dir.resolve("out/summary.md"));
        assertThat(md).contains("## Figures | with a pipe").contains("| net-a | 4 | dense | – | – | – | 0 |")
                .contains("| net-b | 4 | sre-bit | 1.000e-06 | 1.000e-07 | 1.000e-05 | 2 |");
        var xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        for (String name : List.of("lines", "bars", "stacked")) {
            BufferedImage png = ImageIO.read(dir.resolve("out/figures/" + name + ".png").toFile());
            assertThat(png.getWidth()).isEqualTo(FigureRenderer.WIDTH);
            assertThat(html).contains("src=\"figures/" + name + ".png\" width=\"1000\" height=\"" + png.getHeight() + "\"");
            var svg = xml.newDocumentBuilder().parse(dir.resolve("out/figures/" + name + ".svg").toFile());
            assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("width"))).isEqualTo(1000.0);
            assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("height"))).isEqualTo(png.getHeight());
        }
        // two panels side by side, one row, vs one panel: the two-panel figure is not taller per row
        assertThat(ImageIO.read(dir.resolve("out/figures/lines.png").toFile()).getHeight()).isLessThan(700);
    }

    @Test
    void subtitlesWrapAtSpacesOnlyAndKeepValueSetsTogether() {
        Graphics g = new Graphics();
        String text = "pruning method structured, latency replicated; averaged over ou.rows\u00a0∈\u00a0{4,\u00a09,\u00a016}, "
                + "adc.bits\u00a0∈\u00a0{auto,\u00a04,\u00a06}, pruning.ratio\u00a0∈\u00a0{0,\u00a00.4,\u00a00.8}, "
                + "activation.sparsity\u00a0∈\u00a0{0,\u00a00.5}; lines: mean of 2 seeds, band: seed min to max";
        String wrapped = FigureRenderer.wrap(text, new Font(Font.SANS_SERIF, Font.PLAIN, 14), g.g);
        assertThat(wrapped.lines().count()).isEqualTo(2);
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(text);
        for (String line : wrapped.lines().toList()) {
            assertThat(g.g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 14)).stringWidth(line))
                    .isLessThanOrEqualTo(FigureRenderer.WIDTH - 48);
        }
    }

    @Test
    void aSweepIsChosenByNameOrBecauseItIsTheOnlyOne() {
        assertThat(Report.chooseSweep("r", List.of("a"), null)).isEqualTo("a");
        assertThat(Report.chooseSweep("r", List.of("a", "b"), "b")).isEqualTo("b");
        assertThatThrownBy(() -> Report.chooseSweep("r", List.of("a", "b"), null)).isInstanceOf(SweepException.class)
                .hasMessage("r holds 2 sweeps (a, b): choose one with --sweep NAME");
        assertThatThrownBy(() -> Report.chooseSweep("r", List.of(), null)).hasMessageContaining("no sweep results");
    }

    @Test
    void cellsPrintFourSignificantDigits() {
        assertThat(Cells.format(12.3456)).isEqualTo("12.35");
        assertThat(Cells.format(0.5)).isEqualTo("0.5");
        assertThat(Cells.format(2L)).isEqualTo("2");
        assertThat(Cells.format(3.77e-6)).isEqualTo("3.770e-06");
        assertThat(Cells.format(0.0)).isEqualTo("0");
        assertThat(Cells.format(null)).isEqualTo("–");
        assertThat(Cells.format(List.of(4, "auto"))).isEqualTo("4, auto");
    }

    @Test
    void headingAnchorsAreUnique() {
        List<Part> parts = List.of(new Part("Speedup vs ou.rows", List.of()), new Part("Speedup vs ou.rows", List.of()));
        assertThat(Report.anchors(parts)).containsExactly("speedup-vs-ou-rows", "speedup-vs-ou-rows-2");
    }

    /** A measuring graphics context like the renderer's. */
    private static final class Graphics {
        final java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    }

    @org.junit.jupiter.api.Test
    void titlesLeaveOutTheGlobalPruningKeysOnlyWhenEveryNetworkIsAPublishedProfile() {
        org.assertj.core.api.Assertions.assertThat(SweepFacts.allProfiled(java.util.List.of("vgg16-ssl", "lenet5-han")))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(SweepFacts.allProfiled(java.util.List.of("vgg16-ssl", "lenet5")))
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(SweepFacts.allProfiled(java.util.List.of("my-net.yaml"))).isFalse();
    }
}
