package org.sresim.report;

import java.util.List;

/**
 * The activation statistics of imported models (sweeps with a {@code data} axis or key): per
 * model, network and layer, the realised weight and activation densities and the fraction of
 * 1-bits among the input bits of non-zero activations, so synthetic assumptions
 * ({@code activation.sparsity}, {@code activation.scale-bits}) can be set against real data.
 */
final class DataSection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        // tables written before the data column existed have nothing to show
        if (!ctx.sql().query("SELECT * FROM " + ReportContext.LAYERS + " LIMIT 0").columns()
                .contains("input_one_bit_fraction")) {
            return List.of();
        }
        Table t = ctx.sql().query("SELECT data, network, layer, avg(weight_density) AS weight_density,"
                + " avg(activation_density) AS activation_density,"
                + " avg(input_one_bit_fraction) AS input_one_bit_fraction, max(samples) AS samples FROM "
                + ReportContext.LAYERS + " WHERE scheme = 'dense' AND data IS NOT NULL AND data <> ''"
                + " GROUP BY data, network, layer_index, layer ORDER BY data, network, layer_index");
        if (t.size() == 0) {
            return List.of();
        }
        return List.of(new Part("Imported models: weight and activation statistics", List.of(
                new Block.Paragraph("Realised per-layer statistics of the imported data (mean over a batch of"
                        + " inputs): the fraction of non-zero weights and input activations, and the fraction of"
                        + " 1-bits among the input bits of the non-zero activations, which bit-level schemes"
                        + " skip beyond zero values. Compare them with the synthetic activation.* assumptions."),
                new Block.TableBlock("Per-layer statistics of each imported model", t))));
    }
}
