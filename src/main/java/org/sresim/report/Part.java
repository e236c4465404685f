package org.sresim.report;

import java.util.List;

/** What a {@link Section} produces: one heading of the report and its blocks, in order. */
public record Part(String title, List<Block> blocks) {
    public Part {
        blocks = List.copyOf(blocks);
    }

    /** A URL-fragment-safe id for the heading, e.g. {@code "speedup-vs-ou-rows"}. */
    public String anchor() {
        String a = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return a.isEmpty() ? "part" : a;
    }
}
