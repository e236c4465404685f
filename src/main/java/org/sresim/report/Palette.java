package org.sresim.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * The Okabe-Ito colour-blind-safe palette (Okabe and Ito, "Color Universal Design", 2008). Each
 * scheme keeps its colour in every figure; other series take the palette in order.
 */
final class Palette {
    static final Color BLACK = new Color(0x000000);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color SKY_BLUE = new Color(0x56B4E9);
    static final Color BLUISH_GREEN = new Color(0x009E73);
    static final Color YELLOW = new Color(0xF0E442);
    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    static final Color GREY = new Color(0xB0B0B0);
    /** Series named so are drawn grey: the background of a scatter. */
    static final String BACKGROUND = "all designs";
    /** Series named so are drawn black: one design marked on a scatter (the paper's). */
    static final String MARKED = "SRE silicon";

    /** Order for series that are not schemes (yellow last but one: weak on white as a line). */
    static final List<Color> ORDER = List.of(BLUE, ORANGE, SKY_BLUE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE,
            YELLOW, BLACK);

    /** Yellow is left out: thin yellow lines vanish on white. */
    private static final Map<String, Color> SCHEMES = Map.of(
            "dense", BLACK, "weight", SKY_BLUE, "act-value", ORANGE, "act-bit", BLUISH_GREEN,
            "sre-value", BLUE, "sre-bit", VERMILLION, "ideal", REDDISH_PURPLE);

    private Palette() {
    }

    /** Colours for a figure's series, in order: schemes by name, the rest in palette order. */
    static Color[] colours(List<String> series) {
        Color[] out = new Color[series.size()];
        boolean allSchemes = series.stream().allMatch(SCHEMES::containsKey);
        int next = 0; // a scatter's background cloud ("all designs ...") is grey, the rest take the palette
        for (int i = 0; i < out.length; i++) {
            out[i] = allSchemes ? SCHEMES.get(series.get(i))
                    : series.get(i).startsWith(BACKGROUND) ? GREY
                    : series.get(i).startsWith(MARKED) ? BLACK : ORDER.get(next++ % ORDER.size());
        }
        return out;
    }
}
