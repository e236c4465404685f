package org.sresim.report;

import java.util.List;

/**
 * Per-layer latency, dense against {@code sre-*}, for the sweep's largest network (the most
 * dense OU operations per inference, mean over the sweep): shows which layers bound the
 * latency once sparsity is used (layers run one after another, so the slowest dominate).
 */
final class LayerSection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        Table largest = ctx.sql().query("SELECT network, avg(ou_ops) AS mean_dense_ou_ops FROM " + ReportContext.POINTS
                + " WHERE scheme = 'dense' GROUP BY network ORDER BY mean_dense_ou_ops DESC, network LIMIT 1");
        if (largest.size() == 0) {
            return List.of();
        }
        String network = (String) largest.value(0, "network");
        Table t = ctx.sql().query(Sections.seedStats(ReportContext.LAYERS, List.of("layer_index", "layer", "scheme"),
                "latency_ns", "/ 1e3", "latency_us", "network = " + ReportContext.quoted(List.of(network))
                        + " AND scheme IN ('dense', 'sre-value', 'sre-bit')", "layer_index, " + ReportContext.schemeOrder()));
        // linear on purpose: how much the slowest layer dominates is the point (exact values in the table)
        Figure f = Figure.of("layer-latency", ChartKind.BARS, "Latency per layer of " + network + ": dense vs SRE",
                ctx.facts().subtitle(List.of("network"), ChartKind.BARS),
                "layer", "latency (µs)", Figure.panels(t, null, "scheme", "layer", "mean_latency_us", null, null));
        return List.of(new Part("Per-layer latency of " + network, List.of(
                new Block.Paragraph(network + " is the largest network of the sweep: " + Cells.format(
                        largest.value(0, "mean_dense_ou_ops")) + " dense OU operations per inference on average. "
                        + "Layers run one after another, so a network's latency is the sum of its layers' and the "
                        + "slowest layers bound the speedup."),
                new Block.FigureBlock(f, t))));
    }
}
