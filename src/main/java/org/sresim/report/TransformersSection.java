package org.sresim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Token-wise networks (model section 3.5): networks with attention layers, recognised by their
 * digital MACs ({@code count_digital_mac > 0}). Per network, pruning and input encoding: the
 * latency and energy of the dense and SRE (sre-bit) designs, SRE's speedup over its own dense
 * design and over the dense design fed with {@code offset} (the one-pass unsigned baseline: how the
 * encodings compare in absolute terms, since sign-magnitude's dense design runs two passes); the
 * share of latency and energy the digital attention takes; the per-layer latency of the first
 * encoder block. Means over seeds, at OU 9x8 when the sweep has it.
 */
final class TransformersSection implements Section {
    static final String TITLE = "Transformers";

    /** A pruning setting as one label: unpruned, an N:M pattern, or method and ratio. */
    static final String PRUNING = "CASE WHEN pruning_ratio = 0 THEN 'unpruned'"
            + " WHEN pruning_method RLIKE '^[0-9]+:[0-9]+$' THEN pruning_method"
            + " ELSE concat(pruning_method, ' ', cast(pruning_ratio AS STRING)) END";
    /** Sort key of a pruning label: by ratio, then the method. */
    private static final String PRUNING_ORDER = "pruning_ratio, pruning_method";
    /** The encodings in the order the model documents them. */
    private static final String ENCODING_ORDER = "array_position(array('offset', 'twos-complement',"
            + " 'sign-magnitude'), encoding)";
    /** Layers of the first encoder block: BERT's {@code encoder.layer.0.*}, ViT's {@code encoder_layer_0.*}. */
    static final String FIRST_BLOCK = "(^|[.])(layer[.]0|encoder_layer_0)[.]";

    @Override
    public List<Part> build(ReportContext ctx) {
        if (!ctx.sql().query("SELECT * FROM " + ReportContext.POINTS + " LIMIT 0").columns()
                .contains("count_digital_mac")) {
            return List.of();
        }
        String at = where(ctx);
        if (ctx.sql().query("SELECT 1 FROM " + ReportContext.POINTS + " WHERE count_digital_mac > 0 AND " + at
                + " LIMIT 1").size() == 0) {
            return List.of();
        }
        String fixed = describe(at) + (ctx.facts().fixedText().isEmpty() ? "" : ", " + ctx.facts().fixedText());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("Networks with attention layers. Their linear layers run on the crossbars"
                + " over every token; Q·Kᵀ and softmax·V multiply two activations and run on digital units (their"
                + " MACs priced at energy.digital-mac-pj and timed at digital.macs-per-ns, after the crossbar layers)."
                + " Signed inputs are fed by input.encoding: offset shifts a map by its minimum (one pass; zeros"
                + " become non-zero), twos-complement feeds the sign's leading 1-bits (one pass), sign-magnitude"
                + " feeds the positive and the negative parts (two passes, so its dense design is twice as slow)."
                + " 'vs offset dense' compares every design with the dense design fed offset, the common baseline"
                + " across encodings. " + fixed + "; means over seeds."));
        Table perSetting = ctx.sql().query(perSetting(at));
        blocks.add(new Block.TableBlock("Dense and SRE (sre-bit) per network, pruning and input encoding: latency"
                + " (ms), energy (mJ), SRE's speedup over its own dense design and over the offset-fed dense design,"
                + " its energy saving (%), the weight density and the fraction of 1-bits among the fed input bits",
                perSetting));
        Table figure = speedupFigureData(perSetting);
        blocks.add(new Block.FigureBlock(Figure.of("transformer-speedup", ChartKind.BARS,
                "SRE (sre-bit) speedup over the dense offset-fed design (x), per pruning and input encoding",
                fixed + "; " + seeds(ctx), "pruning", "speedup over offset dense (x)",
                Figure.panels(figure, "network", "encoding", "pruning", "speedup", null, null)), figure));
        blocks.add(new Block.TableBlock("Share of the digital attention (Q·Kᵀ, softmax·V): its MACs, and its share"
                + " of latency and energy in the dense and the SRE (sre-bit) design (%)",
                ctx.sql().query(digitalShare(at))));
        Table layers = ctx.sql().query(firstBlock(at));
        if (layers.size() > 0) {
            blocks.add(new Block.FigureBlock(Figure.of("transformer-block-latency", ChartKind.BARS,
                    "Latency of the first encoder block's crossbar layers under SRE (sre-bit, offset-fed), per"
                            + " pruning (us)", fixed + ", input.encoding offset; " + seeds(ctx),
                    "layer of encoder block 0", "latency (us)",
                    Figure.panels(layers, "network", "pruning", "layer", "latency_us", null, null)), layers));
        }
        return List.of(new Part(TITLE, blocks));
    }

    /** OU 9x8 when the sweep has it, else every point. */
    static String where(ReportContext ctx) {
        return PaperSection.has(ctx, "ou_rows", 9) && PaperSection.has(ctx, "ou_cols", 8)
                ? "ou_rows = 9 AND ou_cols = 8" : "true";
    }

    /** The points of token-wise networks at {@code at}, with pruning and encoding labels. */
    static String rows(String view, String at) {
        return "(SELECT *, " + PRUNING + " AS pruning, input_encoding AS encoding FROM " + view + " WHERE " + at
                + " AND network IN (SELECT network FROM " + ReportContext.POINTS + " WHERE count_digital_mac > 0))";
    }

    /**
     * Per network, pruning, encoding: dense and sre-bit means (per seed over any other axis, then over
     * seeds), and SRE's latency against the offset-fed dense design of the same seed.
     */
    static String perSetting(String at) {
        String perSeed = "SELECT network, pruning, pruning_ratio, pruning_method, encoding, seed,"
                + " avg(CASE WHEN scheme = 'dense' THEN latency_ns END) AS dense_ns,"
                + " avg(CASE WHEN scheme = 'sre-bit' THEN latency_ns END) AS sre_ns,"
                + " avg(CASE WHEN scheme = 'dense' THEN energy_pj END) AS dense_pj,"
                + " avg(CASE WHEN scheme = 'sre-bit' THEN energy_pj END) AS sre_pj,"
                + " avg(CASE WHEN scheme = 'sre-bit' THEN speedup END) AS speedup,"
                + " avg(CASE WHEN scheme = 'sre-bit' THEN energy_saving END) AS saving,"
                + " avg(CASE WHEN scheme = 'dense' THEN weight_density END) AS wd,"
                + " avg(CASE WHEN scheme = 'dense' THEN input_one_bit_fraction END) AS ob"
                + " FROM " + rows(ReportContext.POINTS, at) + " GROUP BY network, pruning, pruning_ratio,"
                + " pruning_method, encoding, seed";
        String base = "SELECT network, pruning, seed, dense_ns AS base_ns FROM (" + perSeed + ") WHERE encoding = 'offset'";
        return "SELECT s.network, s.pruning, s.encoding, avg(dense_ns) / 1e6 AS `dense latency (ms)`,"
                + " avg(sre_ns) / 1e6 AS `SRE latency (ms)`, avg(dense_pj) / 1e9 AS `dense energy (mJ)`,"
                + " avg(sre_pj) / 1e9 AS `SRE energy (mJ)`, avg(speedup) AS `SRE speedup (x)`,"
                + " avg(base_ns / sre_ns) AS `SRE vs offset dense (x)`, avg(saving) * 100 AS `SRE energy saving (%)`,"
                + " avg(wd) AS `weight density`, avg(ob) AS `one-bit fraction`"
                + " FROM (" + perSeed + ") s LEFT JOIN (" + base + ") b ON s.network = b.network AND s.pruning = b.pruning"
                + " AND s.seed = b.seed GROUP BY s.network, s.pruning, s.pruning_ratio, s.pruning_method, s.encoding"
                + " ORDER BY s.network, s." + PRUNING_ORDER.replace(", ", ", s.") + ", "
                + ENCODING_ORDER.replace("encoding)", "s.encoding)");
    }

    /**
     * Long table of the speedup figure, taken from the per-setting table rather than queried again:
     * sre-bit latency against the offset-fed dense latency.
     */
    static Table speedupFigureData(Table perSetting) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < perSetting.size(); r++) {
            rows.add(java.util.Arrays.asList(perSetting.value(r, "network"), perSetting.value(r, "encoding"),
                    perSetting.value(r, "pruning"), perSetting.value(r, "SRE vs offset dense (x)")));
        }
        return new Table(List.of("network", "encoding", "pruning", "speedup"), rows);
    }

    /** Per network, pruning, encoding: digital MACs and their share of latency and energy, dense and sre-bit. */
    static String digitalShare(String at) {
        String share = "SELECT network, pruning, pruning_ratio, pruning_method, encoding, seed, scheme,"
                + " count_digital_mac AS macs, count_digital_mac / digital_macs_per_ns / latency_ns AS t,"
                + " energy_digital_mac_pj / energy_pj AS e FROM " + rows(ReportContext.POINTS, at)
                + " WHERE scheme IN ('dense', 'sre-bit')";
        return "SELECT network, pruning, encoding, avg(macs) AS `attention MACs`,"
                + " avg(CASE WHEN scheme = 'dense' THEN t END) * 100 AS `dense: latency share (%)`,"
                + " avg(CASE WHEN scheme = 'sre-bit' THEN t END) * 100 AS `SRE: latency share (%)`,"
                + " avg(CASE WHEN scheme = 'dense' THEN e END) * 100 AS `dense: energy share (%)`,"
                + " avg(CASE WHEN scheme = 'sre-bit' THEN e END) * 100 AS `SRE: energy share (%)`"
                + " FROM (" + share + ") GROUP BY network, pruning, pruning_ratio, pruning_method, encoding"
                + " ORDER BY network, " + PRUNING_ORDER + ", " + ENCODING_ORDER;
    }

    /** Long table of the block figure: sre-bit latency of every layer of encoder block 0, offset-fed. */
    static String firstBlock(String at) {
        return "SELECT network, pruning, regexp_extract(layer, '" + FIRST_BLOCK + "(.*)$', 3) AS layer,"
                + " avg(latency_ns) / 1e3 AS latency_us FROM " + rows(ReportContext.LAYERS, at)
                + " WHERE scheme = 'sre-bit' AND encoding = 'offset' AND layer RLIKE '" + FIRST_BLOCK + "'"
                + " GROUP BY network, pruning, pruning_ratio, pruning_method, layer_index, layer"
                + " ORDER BY network, " + PRUNING_ORDER + ", layer_index";
    }

    private static String seeds(ReportContext ctx) {
        List<Object> seeds = ctx.facts().seeds();
        return "bars: " + (seeds.size() == 1 ? "seed " + seeds.get(0) : "mean of " + seeds.size() + " seeds");
    }

    private static String describe(String at) {
        return at.equals("true") ? "Every point of the sweep" : "OU 9x8";
    }
}
