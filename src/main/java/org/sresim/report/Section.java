package org.sresim.report;

import java.util.List;

/**
 * One section of the report. A section asks its questions through {@link ReportContext#sql()}
 * (every number it shows must be an SQL aggregate of the views) and returns its content as parts:
 * usually one, several when it repeats (e.g. one per varied axis), none when it does not apply
 * to the sweep (e.g. ADC clipping against OU size when the OU size does not vary).
 *
 * <p>Sections are listed in {@link Report#sections(String)}: generic ones run for every sweep;
 * a section for one sweep only is registered by sweep name in {@link Report#SWEEP_SPECIFIC}.
 * A minimal one:
 * <pre>{@code
 * final class PaperSection implements Section {
 *     public List<Part> build(ReportContext ctx) {
 *         Table t = ctx.sql().query("SELECT scheme, avg(speedup) AS mean_speedup, max(speedup) AS max_speedup FROM "
 *                 + ReportContext.POINTS + " WHERE scheme LIKE 'sre-%' GROUP BY scheme ORDER BY scheme");
 *         return List.of(new Part("Paper vs this project", List.of(
 *                 new Block.TableBlock("SRE's claims beside this sweep", t),
 *                 new Block.Paragraph("Why they differ: ..."))));
 *     }
 * }
 * }</pre>
 * A figure is built from the table it plots, e.g.
 * {@code Figure.of("name", ChartKind.BARS, title, ctx.facts().subtitle(shown, ChartKind.BARS), xLabel, yLabel,
 * Figure.panels(t, null, "scheme", "network", "mean_speedup", null, null))}, and added as
 * {@code new Block.FigureBlock(figure, t)}.
 */
@FunctionalInterface
public interface Section {
    List<Part> build(ReportContext context);
}
