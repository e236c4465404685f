package org.sresim.report;

/** How a figure draws its data. */
public enum ChartKind {
    /** Numeric x; one line per series with markers and a shaded band from {@code lo} to {@code hi}. */
    LINES,
    /** Category x; one bar per series side by side. */
    BARS,
    /** Category x; the series stacked into one bar. */
    STACKED_BARS,
    /** Numeric x and y; markers only, one shape and colour per series (series named "all ..." in grey, drawn first). */
    SCATTER
}
