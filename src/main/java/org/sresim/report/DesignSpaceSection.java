package org.sresim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * "Design space", for a sweep with a {@code pareto} or {@code designs} table: per network, the
 * energy and latency of every design of the searched scheme (grey), the Pareto front of uniform
 * designs, the per-layer designs and the front they make, with SRE's silicon design (OU 9x8,
 * lossless ADC) marked; how much better the best per-layer design is than the best uniform one;
 * and each layer's choice in the knee design. Every number is an SQL aggregate of the tables.
 */
public final class DesignSpaceSection implements Section {
    static final String SRE_DESIGN = "ou_rows = 9 AND ou_cols = 8 AND adc_bits = 'auto'";

    @Override
    public List<Part> build(ReportContext ctx) {
        boolean designs = hasView(ctx, "designs") && count(ctx, "designs") > 0;
        boolean pareto = hasView(ctx, "pareto") && count(ctx, "pareto") > 0;
        if (!designs && !pareto) {
            return List.of();
        }
        String sweep = ReportContext.quoted(List.of(ctx.sweep()));
        String scheme = designs
                ? String.valueOf(ctx.sql().query("SELECT min(scheme) AS s FROM designs WHERE sweep = " + sweep).value(0, "s"))
                : "sre-bit";
        String constraint = designs
                ? String.valueOf(ctx.sql().query("SELECT min(constraint) AS c FROM designs WHERE sweep = " + sweep).value(0, "c"))
                : String.valueOf(ctx.sql().query("SELECT min(constraint) AS c FROM pareto WHERE sweep = " + sweep).value(0, "c"));
        String s = ReportContext.quoted(List.of(scheme));
        String condition = constraint.isEmpty() || constraint.equals("null") ? "" : constraint;
        Table t = scatter(ctx, sweep, s, condition, designs, pareto);
        condition = condition.isEmpty() ? "no condition" : (designs ? "every layer with " : "") + condition;
        Figure f = Figure.of("design-space", ChartKind.SCATTER, "Energy vs latency of every design, " + scheme,
                ctx.facts().subtitle(List.of("ou_rows", "ou_cols", "adc_bits"), ChartKind.SCATTER) + "; " + condition,
                "latency (us)", "energy per inference (uJ)", Figure.panels(t, "network", "series", "latency_us",
                        "energy_uj", null, null));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("Each grey point is one uniform design of the sweep (one OU shape and ADC"
                + " resolution for every layer), mean over seeds. The Pareto front minimises "
                + (pareto ? ctx.sql().query("SELECT min(objectives) AS o FROM pareto WHERE sweep = " + sweep).value(0, "o")
                        : "latency and energy") + "; per-layer designs choose each layer's OU shape and ADC among the"
                + " sweep's values and were simulated exactly as one point each (" + condition + "). Lower left is"
                + " better."));
        blocks.add(new Block.FigureBlock(f, t));
        if (designs) {
            blocks.add(new Block.TableBlock("Best per-layer vs best uniform design, " + scheme + " (" + condition + ";"
                    + " EDP = energy x latency, lower is better)", gains(ctx, sweep)));
            blocks.add(new Block.TableBlock("The knee design's choice per layer (the front design nearest the best"
                    + " latency, energy and area at once)", knee(ctx, sweep)));
        }
        return List.of(new Part("Design space", blocks));
    }

    /**
     * The scatter's points: every uniform design split by the condition (on every layer row for a
     * design search, on the point for a plain front), the uniform front, the per-layer designs and
     * their front, and SRE's silicon design; one series each, drawn in that order.
     */
    private static Table scatter(ReportContext ctx, String sweep, String s, String condition, boolean designs,
                                 boolean pareto) {
        List<String> parts = new ArrayList<>();
        // every uniform design: one point per config, mean over seeds; split by the condition on every layer
        String ok = condition.isEmpty() ? "true" : "(" + condition + ")";
        String meets = designs ? "layer_ok" : ok; // the search's condition is on layers, pareto's on points
        parts.add("SELECT network, CASE WHEN min(CASE WHEN " + meets + " THEN 1 ELSE 0 END) = 1"
                + " THEN 'all designs meeting the condition' ELSE 'all designs failing it' END AS series,"
                + " avg(latency_ns) / 1000 AS latency_us, avg(energy_pj) / 1e6 AS energy_uj, 0 AS layer FROM "
                + "(SELECT p.*, l.layer_ok FROM " + ReportContext.POINTS + " p LEFT JOIN (SELECT point_index,"
                + " min(CASE WHEN " + ok + " THEN 1 ELSE 0 END) = 1 AS layer_ok FROM " + ReportContext.LAYERS
                + " WHERE scheme = " + s + " GROUP BY point_index) l ON p.point_index = l.point_index)"
                + " WHERE scheme = " + s + " GROUP BY network, config_hash");
        if (pareto) {
            parts.add("SELECT network, 'Pareto front, uniform designs', latency_ns / 1000, energy_pj / 1e6, 1"
                    + " FROM pareto WHERE sweep = " + sweep + " AND scheme = " + s);
        }
        if (designs) {
            parts.add("SELECT network, 'per-layer designs', latency_ns / 1000, energy_pj / 1e6, 2 FROM designs"
                    + " WHERE sweep = " + sweep + " AND kind = 'per-layer'");
            parts.add("SELECT network, 'front with per-layer designs', latency_ns / 1000, energy_pj / 1e6, 3"
                    + " FROM designs WHERE sweep = " + sweep + " AND on_front");
        }
        parts.add("SELECT network, 'SRE silicon design (9x8, lossless ADC)', avg(latency_ns) / 1000,"
                + " avg(energy_pj) / 1e6, 4 FROM " + ReportContext.POINTS + " WHERE scheme = " + s + " AND " + SRE_DESIGN
                + " GROUP BY network");
        return ctx.sql().query("SELECT network, series, latency_us, energy_uj FROM (" + String.join(" UNION ALL ", parts)
                + ") ORDER BY network, layer, series DESC, latency_us, energy_uj");
    }

    /** Per network: the best uniform and the best overall (per-layer designs included) by EDP, energy and latency. */
    public static Table gains(ReportContext ctx, String sweep) {
        return ctx.sql().query("SELECT network, min(CASE WHEN kind = 'uniform' THEN edp END) AS uniform_best_edp_uj_us,"
                + " min(edp) AS best_edp_uj_us,"
                + " 100 * (1 - min(edp) / min(CASE WHEN kind = 'uniform' THEN edp END)) AS edp_gain_pct,"
                + " min(CASE WHEN kind = 'uniform' THEN energy_pj END) / 1e6 AS uniform_min_energy_uj,"
                + " min(energy_pj) / 1e6 AS min_energy_uj,"
                + " min(CASE WHEN kind = 'uniform' THEN latency_ns END) / 1000 AS uniform_min_latency_us,"
                + " min(latency_ns) / 1000 AS min_latency_us,"
                + " count_if(kind = 'per-layer') AS per_layer_designs, count_if(on_front) AS front_designs"
                + " FROM (SELECT *, energy_pj / 1e6 * latency_ns / 1000 AS edp FROM designs WHERE sweep = " + sweep
                + " AND meets_constraint) GROUP BY network ORDER BY network");
    }

    /** The knee design of each network, one row per layer: its OU rows, columns and ADC. */
    public static Table knee(ReportContext ctx, String sweep) {
        return ctx.sql().query("SELECT network, design, pos + 1 AS layer_number, split(c, '=')[0] AS layer,"
                + " split(split(c, '=')[1], '/')[0] AS ou_shape, split(split(c, '=')[1], '/')[1] AS adc_bits FROM"
                + " (SELECT network, design, posexplode(split(choices, ' ')) AS (pos, c) FROM designs WHERE sweep = "
                + sweep + " AND knee) ORDER BY network, layer_number");
    }

    private static boolean hasView(ReportContext ctx, String view) {
        return ctx.sql().query("SHOW VIEWS LIKE '" + view + "'").size() > 0;
    }

    private static long count(ReportContext ctx, String view) {
        return ((Number) ctx.sql().query("SELECT count(*) AS n FROM " + view + " WHERE sweep = "
                + ReportContext.quoted(List.of(ctx.sweep()))).value(0, "n")).longValue();
    }
}
