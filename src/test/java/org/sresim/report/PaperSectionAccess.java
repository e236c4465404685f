package org.sresim.report;

/** Test access to the paper section's package-private SQL. */
public final class PaperSectionAccess {
    private PaperSectionAccess() {
    }

    public static String firstLayerSql(String at) {
        return PaperSection.firstLayerSql(at);
    }

    /** The paper section alone (the generic sections have their own test). */
    public static java.util.List<Part> build(ReportContext ctx) {
        return new PaperSection().build(ctx);
    }
}
