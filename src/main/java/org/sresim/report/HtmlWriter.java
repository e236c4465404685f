package org.sresim.report;

import java.util.List;
import java.util.Map;

/**
 * index.html: one static page, no script, no external resource (styles inline, figures as
 * relative files under figures/), readable with any browser offline.
 */
final class HtmlWriter {
    /**
     * Fits a 1280 px window: the page is at most 1140 px wide, tables never wider than it (headers and
     * text cells wrap, numbers do not; a table that still cannot fit scrolls inside its own box).
     */
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:16px;\
            line-height:1.45;color:#111;max-width:1140px;margin:0 auto;padding:16px 24px 48px}
            h1{font-size:28px;margin:12px 0}h2{font-size:22px;margin-top:40px;border-bottom:1px solid #ccc;padding-bottom:4px}
            nav ol{columns:2;font-size:15px}figure{margin:24px 0 8px}img{max-width:100%;height:auto;border:1px solid #ddd}
            figcaption{font-size:14px;color:#333;margin-top:6px}
            table{border-collapse:collapse;font-size:13px;max-width:100%;font-variant-numeric:tabular-nums}
            caption{text-align:left;font-weight:600;padding:4px 0}
            th,td{border:1px solid #ccc;padding:3px 6px}th{background:#f2f2f2;text-align:left}
            div.t{overflow-x:auto;max-width:100%;margin:8px 0 24px}div.t table{margin:0}
            td.n{text-align:right;white-space:nowrap}details{margin:0 0 16px}details div.t{margin:4px 0 8px}
            summary{cursor:pointer;font-size:14px;color:#333}
            """;

    private HtmlWriter() {
    }

    static String page(String sweep, List<Part> parts, List<String> anchors, Map<String, FigureRenderer.Rendered> files) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sre-sweep report: ")
                .append(esc(sweep)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>sre-sweep report: ").append(esc(sweep)).append("</h1>\n")
                .append("<p>Tables in Markdown: <a href=\"summary.md\">summary.md</a>. Figures as PNG and SVG under ")
                .append("<a href=\"figures/\">figures/</a>.</p>\n<nav>\n<ol>\n");
        for (int i = 0; i < parts.size(); i++) {
            h.append("<li><a href=\"#").append(anchors.get(i)).append("\">").append(esc(parts.get(i).title()))
                    .append("</a></li>\n");
        }
        h.append("</ol>\n</nav>\n");
        int figure = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            h.append("<section id=\"").append(anchors.get(i)).append("\">\n<h2>").append(esc(p.title())).append("</h2>\n");
            for (Block b : p.blocks()) {
                if (b instanceof Block.Paragraph para) {
                    h.append("<p>").append(esc(para.text())).append("</p>\n");
                } else if (b instanceof Block.TableBlock t) {
                    table(h, t.caption(), t.table());
                } else if (b instanceof Block.FigureBlock f) {
                    figure++;
                    FigureRenderer.Rendered r = files.get(f.figure().name());
                    h.append("<figure id=\"").append(f.figure().name()).append("\">\n<img src=\"figures/")
                            .append(r.png()).append("\" width=\"").append(r.width()).append("\" height=\"")
                            .append(r.height()).append("\" alt=\"").append(esc(f.figure().title())).append("\">\n")
                            .append("<figcaption>Figure ").append(figure).append(". ").append(esc(Sections.caption(f.figure())))
                            .append(" <a href=\"figures/")
                            .append(r.svg()).append("\">SVG</a></figcaption>\n</figure>\n");
                    // folded away: a figure's numbers (often dozens of rows) would push the next figure off the screen
                    h.append("<details><summary>Numbers plotted in figure ").append(figure).append("</summary>\n");
                    table(h, null, f.data());
                    h.append("</details>\n");
                }
            }
            h.append("</section>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    /** A table in a box that scrolls sideways if it cannot fit; {@code caption} null for none. */
    private static void table(StringBuilder h, String caption, Table t) {
        h.append("<div class=\"t\"><table>\n");
        if (caption != null) {
            h.append("<caption>").append(esc(caption)).append("</caption>\n");
        }
        h.append("<thead><tr>");
        for (String c : t.columns()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (Object v : row) {
                h.append(v instanceof Number ? "<td class=\"n\">" : "<td>").append(esc(Cells.format(v))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
