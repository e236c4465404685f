package org.sresim.report;

import java.util.List;
import java.util.Map;

/** summary.md: the report's text and tables in Markdown, figures linked as images. */
final class MarkdownWriter {
    private MarkdownWriter() {
    }

    static String page(String sweep, List<Part> parts, Map<String, FigureRenderer.Rendered> files) {
        StringBuilder m = new StringBuilder("# sre-sweep report: ").append(sweep).append("\n");
        int figure = 0;
        for (Part p : parts) {
            m.append("\n## ").append(p.title()).append("\n");
            for (Block b : p.blocks()) {
                if (b instanceof Block.Paragraph para) {
                    m.append('\n').append(para.text()).append('\n');
                } else if (b instanceof Block.TableBlock t) {
                    table(m, t.caption(), t.table());
                } else if (b instanceof Block.FigureBlock f) {
                    figure++;
                    FigureRenderer.Rendered r = files.get(f.figure().name());
                    m.append("\n![").append(f.figure().title()).append("](figures/").append(r.png()).append(")\n\n")
                            .append("*Figure ").append(figure).append(". ").append(Sections.caption(f.figure()))
                            .append(" [SVG](figures/").append(r.svg()).append(")*\n");
                    table(m, "Numbers plotted in figure " + figure, f.data());
                }
            }
        }
        return m.toString();
    }

    private static void table(StringBuilder m, String caption, Table t) {
        m.append("\n**").append(caption).append("**\n\n|");
        for (String c : t.columns()) {
            m.append(' ').append(cell(c)).append(" |");
        }
        m.append("\n|");
        for (int i = 0; i < t.columns().size(); i++) {
            int c = i;
            boolean numbers = !t.rows().isEmpty()
                    && t.rows().stream().allMatch(r -> r.get(c) == null || r.get(c) instanceof Number);
            m.append(numbers ? " ---: |" : " --- |");
        }
        m.append('\n');
        for (List<Object> row : t.rows()) {
            m.append('|');
            for (Object v : row) {
                m.append(' ').append(cell(Cells.format(v))).append(" |");
            }
            m.append('\n');
        }
    }

    /** Pipes would end the cell early. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
