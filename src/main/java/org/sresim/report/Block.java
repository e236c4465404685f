package org.sresim.report;

/** One piece of a section's content, rendered to both HTML and Markdown. */
public sealed interface Block {

    /** Plain text (no markup; it is escaped for HTML). */
    record Paragraph(String text) implements Block {
    }

    /** A table with a caption above it. */
    record TableBlock(String caption, Table table) implements Block {
    }

    /**
     * A figure (written as {@code figures/<name>.png} and {@code .svg}) with the table of the
     * numbers it plots under it. Build the figure from that same table (see {@link Figure#from})
     * so the two cannot disagree.
     */
    record FigureBlock(Figure figure, Table data) implements Block {
    }
}
