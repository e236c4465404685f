package org.sresim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Real models beside their synthetic stand-ins (model section 3.6): per model and scheme the
 * speedup and energy saving over the dense OU baseline of the real model (its exported weights and
 * inputs), of its synthetic twin (the measured per-layer fractions, synthetic values) and of a
 * published sparsity profile of the same network at the usual activation assumption; per layer
 * the activation density and one-bit fraction each of them realised; and the gap between real and
 * profile split into its two causes, both SQL differences of the same means:
 * <ul>
 *   <li>sparsity statistics = twin - profile (the measured instead of the published and assumed
 *       fractions: activation density, one-bit fraction, per-layer weight fractions);</li>
 *   <li>placement and value distribution = real - twin (same fractions; where the zeros sit, how
 *       the values are distributed), so (real - twin) + (twin - profile) = real - profile.</li>
 * </ul>
 *
 * <p>Which rows are which, from the rows alone: a row with {@code data} is <b>real</b>; without
 * data, a network whose name (a file path) ends in {@code -twin} (plus {@code .yaml}/{@code .yml}/
 * {@code .json}) is a <b>twin</b> and one ending in {@code -profile} a <b>profile</b>. The
 * <b>model</b> is the network's file name without folder, extension and that suffix, so
 * {@code models/lenet5-han-fmnist.yaml}, {@code models/twins/lenet5-han-fmnist-twin.yaml} and
 * {@code models/profiles/lenet5-han-fmnist-profile.yaml} are one model. The section appears when
 * a model has real rows and twin or profile rows. Means: per seed over the other axes, then over
 * seeds, at OU 9x8 and activation sparsity 0.5 where the sweep has them (as the paper section).
 */
final class RealModelsSection implements Section {
    static final String TITLE = "Real models vs synthetic stand-ins";
    /** Schemes the tables show: each technique alone, both SRE readings. */
    static final List<String> SCHEMES = List.of("weight", "act-value", "act-bit", "sre-value", "sre-bit");
    /** Schemes of the figure. */
    static final List<String> FIGURE_SCHEMES = List.of("sre-value", "sre-bit");

    /** The model of a network value: file name without folder, extension and -twin/-profile suffix. */
    static final String MODEL = "regexp_extract(network, '([^/]+?)(-twin|-profile)?([.](ya?ml|json))?$', 1)";
    /** real / twin / profile, or NULL for rows that are none of them. */
    static final String KIND = "CASE WHEN data IS NOT NULL AND data <> '' THEN 'real'"
            + " WHEN network RLIKE '-twin([.](ya?ml|json))?$' THEN 'twin'"
            + " WHEN network RLIKE '-profile([.](ya?ml|json))?$' THEN 'profile' END";

    @Override
    public List<Part> build(ReportContext ctx) {
        if (!ctx.sql().query("SELECT * FROM " + ReportContext.LAYERS + " LIMIT 0").columns()
                .contains("input_one_bit_fraction")) {
            return List.of();
        }
        String at = PaperSection.headlineWhere(ctx);
        Table models = ctx.sql().query("SELECT model, count(DISTINCT kind) AS kinds FROM " + classified(
                ReportContext.POINTS, at) + " GROUP BY model HAVING count(DISTINCT kind) > 1 ORDER BY model");
        if (models.size() == 0) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("Each real model (its exported weights and the inputs of a batch of test"
                + " images) beside its synthetic twin (written by 'sre profile': the same network with the measured"
                + " per-layer fractions of zero filters, shapes and weights, the measured fraction of zero inputs and"
                + " non-zero inputs fitted to the measured fraction of 1-bits; the values themselves synthetic) and,"
                + " where one exists, a published sparsity profile of the same network at activation sparsity 0.5"
                + " (network input dense). Rows: with data = real; network file ending -twin = twin, -profile ="
                + " profile; the model is the network's file name. " + describe(at) + "; mean over seeds."));
        Table speed = ctx.sql().query(comparison(at, "speedup", "x", 1));
        blocks.add(new Block.TableBlock("Speedup over the dense OU baseline (x): real vs twin vs profile, and the"
                + " gap real - profile split into placement and value distribution (real - twin) and sparsity"
                + " statistics (twin - profile)", speed));
        Table saving = ctx.sql().query(comparison(at, "energy_saving", "%", 100));
        blocks.add(new Block.TableBlock("Energy saving over the dense OU baseline (%): real vs twin vs profile, and"
                + " the same split (percentage points)", saving));
        Table figure = ctx.sql().query(figureData(at));
        blocks.add(new Block.FigureBlock(Figure.of("real-vs-twin-speedup", ChartKind.BARS,
                "SRE speedup over the dense OU baseline (x): real models vs their synthetic twins vs published profiles",
                describe(at) + "; profile at activation sparsity 0.5; bars: mean over seeds; a missing bar: no"
                        + " published profile for that network", "model", "speedup over dense (x)",
                Figure.panels(figure, "scheme", "kind", "model", "speedup", null, null)), figure));
        blocks.add(new Block.TableBlock("Per layer: fraction of non-zero input activations, fraction of 1-bits among"
                + " the input bits of non-zero activations, and fraction of non-zero weights (dense rows; profile ="
                + " the 0.5 assumption as realised, first layer dense)", ctx.sql().query(perLayer(at))));
        return List.of(new Part(TITLE, blocks));
    }

    /** The rows of {@code view} at {@code at} that are real, twin or profile, with model and kind columns. */
    static String classified(String view, String at) {
        return "(SELECT * FROM (SELECT *, " + MODEL + " AS model, " + KIND + " AS kind FROM " + view + " WHERE " + at
                + ") WHERE kind IS NOT NULL AND model IN (SELECT " + MODEL + " FROM " + view
                + " WHERE data IS NOT NULL AND data <> ''))";
    }

    /**
     * Per model and scheme, real / twin / profile means of {@code metric} (times {@code scale}) over
     * seeds, and the two differences of the split.
     */
    static String comparison(String at, String metric, String unit, int scale) {
        String perKind = "SELECT model, kind, scheme, avg(v) * " + scale + " AS v FROM (SELECT model, kind, scheme, seed,"
                + " avg(" + metric + ") AS v FROM " + classified(ReportContext.POINTS, at) + " WHERE scheme IN ("
                + ReportContext.quoted(SCHEMES) + ") GROUP BY model, kind, scheme, seed) GROUP BY model, kind, scheme";
        String diff = unit.equals("%") ? "pp" : unit;
        return "SELECT model, scheme, real AS `real (" + unit + ")`, twin AS `twin (" + unit + ")`, profile AS `profile ("
                + unit + ")`, real - profile AS `real - profile (" + diff + ")`, real - twin AS `placement and values:"
                + " real - twin (" + diff + ")`, twin - profile AS `sparsity statistics: twin - profile (" + diff + ")`"
                + " FROM (SELECT model, scheme, max(CASE WHEN kind = 'real' THEN v END) AS real,"
                + " max(CASE WHEN kind = 'twin' THEN v END) AS twin, max(CASE WHEN kind = 'profile' THEN v END) AS profile"
                + " FROM (" + perKind + ") GROUP BY model, scheme) ORDER BY model, " + ReportContext.schemeOrder();
    }

    /** Long table of the figure: model, scheme, kind, mean speedup over seeds. */
    static String figureData(String at) {
        return "SELECT scheme, kind, model, avg(v) AS speedup FROM (SELECT model, kind, scheme, seed, avg(speedup) AS v"
                + " FROM " + classified(ReportContext.POINTS, at) + " WHERE scheme IN ("
                + ReportContext.quoted(FIGURE_SCHEMES) + ") GROUP BY model, kind, scheme, seed) GROUP BY scheme, kind,"
                + " model ORDER BY " + ReportContext.schemeOrder() + " DESC, array_position(array('real', 'twin',"
                + " 'profile'), kind), model";
    }

    /** Per model and layer: real / twin / profile activation density, one-bit fraction and weight density. */
    static String perLayer(String at) {
        String perKind = "SELECT model, kind, layer_index, layer, avg(ad) AS ad, avg(ob) AS ob, avg(wd) AS wd FROM"
                + " (SELECT model, kind, layer_index, layer, seed, avg(activation_density) AS ad,"
                + " avg(input_one_bit_fraction) AS ob, avg(weight_density) AS wd FROM "
                + classified(ReportContext.LAYERS, at) + " WHERE scheme = 'dense' GROUP BY model, kind, layer_index,"
                + " layer, seed) GROUP BY model, kind, layer_index, layer";
        StringBuilder sb = new StringBuilder("SELECT model, layer");
        for (String[] m : new String[][] {{"ad", "act density"}, {"ob", "one-bit"}, {"wd", "weight density"}}) {
            for (String k : List.of("real", "twin", "profile")) {
                sb.append(", max(CASE WHEN kind = '").append(k).append("' THEN ").append(m[0]).append(" END) AS `")
                        .append(m[1]).append(' ').append(k).append('`');
            }
        }
        return sb.append(" FROM (").append(perKind).append(") GROUP BY model, layer_index, layer ORDER BY model,"
                + " layer_index").toString();
    }

    private static String describe(String at) {
        return at.equals("true") ? "Every point of the sweep"
                : at.replace("ou_rows = 9 AND ou_cols = 8", "OU 9x8").replace("activation_sparsity = 0.5",
                "activation sparsity 0.5").replace(" AND ", ", ");
    }
}
