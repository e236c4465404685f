package org.sresim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code paper} sweep's comparison with the Sparse ReRAM Engine paper: SRE's published claims
 * beside this project's mean and max over the literature profiles, and one paragraph per
 * difference naming the assumption behind it with its sensitivity from the sweep. Every project
 * number is an SQL aggregate of the sweep's rows; the paper's are quoted from it ({@link Claims}).
 *
 * <p>Headline design point: the silicon OU (9x8) at activation sparsity 0.5 (the usual ReLU
 * figure), when the sweep has them; a mean over profiles is the mean of per-profile means, each
 * the mean over seeds, so every profile weighs the same whatever its seeds.
 */
final class PaperSection implements Section {

    /**
     * SRE's published results (T.-H. Yang et al., ISCA 2019, abstract and Section 6): over the
     * OU-based baseline without sparsity, on structurally pruned networks, 13.1x speedup and
     * 85.3 % energy saving on average, up to 42.3x and 95.4 %; "comparable to the over-idealized
     * design".
     */
    record Claims(double meanSpeedup, double maxSpeedup, double meanSavingPct, double maxSavingPct) {
        static final Claims SRE = new Claims(13.1, 42.3, 85.3, 95.4);
    }

    /** Schemes the comparison shows per profile: what each technique adds, SRE and the idealised design. */
    private static final List<String> SCHEMES = List.of("weight", "act-bit", "sre-value", "sre-bit", "ideal");
    /** Schemes in the headline table: the two readings of SRE, and the over-idealised design. */
    private static final List<String> HEADLINE = List.of("sre-value", "sre-bit", "ideal");

    @Override
    public List<Part> build(ReportContext ctx) {
        String at = headlineWhere(ctx);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("SRE's claims are measured against the OU-based design without sparsity (our "
                + "dense scheme) on structurally pruned networks. This project runs the same comparison on four "
                + "published sparsity profiles with synthetic weights (" + String.join(", ", ctx.facts().networks())
                + "); the table and figures use " + describe(at) + ". \"chips: auto\" gives every profile the fewest "
                + "ISAAC chips that hold one copy of each layer; \"1 chip\" is a single ISAAC chip."));
        Table perNetwork = ctx.sql().query(perNetwork(at));
        Table summary = ctx.sql().query(summary(at));
        blocks.add(new Block.TableBlock("Paper vs this project (speedup and energy saving over the dense OU "
                + "baseline; project: mean and max over the profiles)", headlineTable(summary)));
        Table figureData = ctx.sql().query(figureData(at));
        blocks.add(new Block.FigureBlock(Figure.of("paper-speedup", ChartKind.BARS,
                "SRE speedup over the dense OU baseline: literature profiles vs the paper's mean",
                subtitle(ctx, at), "network (literature sparsity profile)", "speedup over dense (x)",
                Figure.panels(figureData, null, "design", "network", "speedup", null, null)), figureData));
        blocks.add(new Block.TableBlock("Per profile (mean over seeds)", perNetwork));
        blocks.addAll(differences(ctx, at, summary));
        Table layers = ctx.sql().query(layerLatency(at));
        if (layers.size() > 0) {
            blocks.add(new Block.FigureBlock(Figure.of("paper-layer-latency", ChartKind.BARS,
                    "Latency per layer on 1 chip and on as many chips as hold every layer",
                    describe(at) + "; profiles that do not fit one ISAAC chip; bars: mean of "
                            + ctx.facts().seeds().size() + " seeds", "layer", "latency (µs)",
                    Figure.panels(layers, "panel", "scheme", "layer", "latency_us", null, null)), layers));
        }
        return List.of(new Part("Paper vs this project", blocks));
    }

    /** The headline filter: OU 9x8 and activation sparsity 0.5 where the sweep has those values. */
    static String headlineWhere(ReportContext ctx) {
        List<String> terms = new ArrayList<>();
        if (has(ctx, "ou_rows", 9) && has(ctx, "ou_cols", 8)) {
            terms.add("ou_rows = 9 AND ou_cols = 8");
        }
        if (has(ctx, "activation_sparsity", 0.5)) {
            terms.add("activation_sparsity = 0.5");
        }
        return terms.isEmpty() ? "true" : String.join(" AND ", terms);
    }

    static boolean has(ReportContext ctx, String column, double value) {
        List<Object> vals = ctx.facts().values().get(column);
        return vals != null && vals.stream().anyMatch(v -> v instanceof Number n && n.doubleValue() == value);
    }

    private static String describe(String where) {
        return where.equals("true") ? "every point of the sweep"
                : where.replace("ou_rows = 9 AND ou_cols = 8", "OU 9x8").replace("activation_sparsity = 0.5",
                "activation sparsity 0.5").replace(" AND ", ", ");
    }

    private static String subtitle(ReportContext ctx, String at) {
        int seeds = ctx.facts().seeds().size();
        return describe(at) + "; bars: mean of " + seeds + " seed" + (seeds == 1 ? "" : "s")
                + "; 'mean of profiles' = mean of the per-profile bars; the paper's bar is its published mean";
    }

    private static String design() {
        return "concat(scheme, CASE WHEN chip_count = '1' THEN ', 1 chip' ELSE concat(', chips: ', chip_count) END)";
    }

    /** Per profile, scheme and chip setting: means over seeds of speedup and saving, and the chips used. */
    static String perNetwork(String at) {
        return "SELECT network, scheme, chip_count, avg(sp) AS speedup, avg(es) * 100 AS saving_pct, max(chips) AS chips"
                + " FROM (SELECT network, scheme, chip_count, seed, avg(speedup) AS sp, avg(energy_saving) AS es,"
                + " max(chips) AS chips FROM " + ReportContext.POINTS + " WHERE " + at + " AND scheme IN ("
                + ReportContext.quoted(SCHEMES) + ") GROUP BY network, scheme, chip_count, seed)"
                + " GROUP BY network, scheme, chip_count ORDER BY network, try_cast(chip_count AS INT) NULLS LAST, "
                + ReportContext.schemeOrder();
    }

    /** Per scheme and chip setting: mean and max over profiles of the per-profile means. */
    static String summary(String at) {
        return "SELECT scheme, chip_count, avg(speedup) AS mean_speedup, max(speedup) AS max_speedup,"
                + " max_by(network, speedup) AS max_speedup_network, avg(saving_pct) AS mean_saving_pct,"
                + " max(saving_pct) AS max_saving_pct, count(*) AS profiles FROM (" + perNetwork(at) + ")"
                + " WHERE scheme IN (" + ReportContext.quoted(HEADLINE) + ") GROUP BY scheme, chip_count"
                + " ORDER BY " + ReportContext.schemeOrder() + ", try_cast(chip_count AS INT) NULLS LAST";
    }

    /** The bars: per profile and design, the mean over profiles, and the paper's published mean (drawn last). */
    static String figureData(String at) {
        String per = "SELECT network, scheme, chip_count, " + design() + " AS design, speedup FROM (" + perNetwork(at)
                + ") WHERE scheme IN (" + ReportContext.quoted(HEADLINE) + ")";
        String mean = "SELECT 'mean of profiles' AS network, scheme, chip_count, " + design()
                + " AS design, mean_speedup AS speedup FROM (" + summary(at) + ")";
        String paper = "SELECT 'mean of profiles' AS network, 'paper' AS scheme, '' AS chip_count,"
                + " 'SRE paper (published mean)' AS design, CAST(" + Claims.SRE.meanSpeedup() + " AS DOUBLE) AS speedup";
        return "SELECT network, design, speedup FROM (" + per + " UNION ALL " + mean + " UNION ALL " + paper
                + ") ORDER BY network = 'mean of profiles', network, scheme = 'paper', "
                + ReportContext.schemeOrder() + ", try_cast(chip_count AS INT) NULLS LAST";
    }

    /**
     * Per-layer latency (mean over seeds) of dense, sre-value and sre-bit for the profiles that need
     * more than one chip, one panel per profile and chip setting: with one chip such a network has
     * no copies and its first layers dominate; with enough chips replication balances them.
     */
    static String layerLatency(String at) {
        String needsChips = "SELECT DISTINCT network FROM " + ReportContext.POINTS + " WHERE chip_count = 'auto'"
                + " AND chips > 1";
        return "SELECT concat(network, CASE WHEN chip_count = '1' THEN ', 1 chip' ELSE concat(', chips: ', chips) END)"
                + " AS panel, layer, scheme, avg(v) / 1000 AS latency_us FROM (SELECT network, chip_count,"
                + " max(chips) AS chips, layer, layer_index, scheme, seed, avg(latency_ns) AS v FROM "
                + ReportContext.LAYERS + " WHERE " + at + " AND scheme IN ('dense', 'sre-value', 'sre-bit')"
                + " AND network IN (" + needsChips + ") GROUP BY network, chip_count, layer, layer_index, scheme, seed)"
                + " GROUP BY network, chip_count, chips, layer, layer_index, scheme"
                + " ORDER BY network, try_cast(chip_count AS INT) NULLS LAST, layer_index, " + ReportContext.schemeOrder();
    }

    /** The comparison table: the paper's row first, then one row per scheme and chip setting. */
    static Table headlineTable(Table summary) {
        List<String> columns = List.of("design", "mean speedup (x)", "max speedup (x)", "max at", "mean energy saving (%)",
                "max energy saving (%)");
        List<List<Object>> rows = new ArrayList<>();
        Claims c = Claims.SRE;
        rows.add(List.of("SRE paper, published (ISCA 2019)", c.meanSpeedup(), c.maxSpeedup(), "(its benchmarks)",
                c.meanSavingPct(), c.maxSavingPct()));
        for (int r = 0; r < summary.size(); r++) {
            List<Object> row = new ArrayList<>();
            String chips = String.valueOf(summary.value(r, "chip_count"));
            row.add(summary.value(r, "scheme") + (chips.equals("1") ? ", 1 chip" : ", chips: " + chips));
            row.add(summary.value(r, "mean_speedup"));
            row.add(summary.value(r, "max_speedup"));
            row.add(summary.value(r, "max_speedup_network"));
            row.add(summary.value(r, "mean_saving_pct"));
            row.add(summary.value(r, "max_saving_pct"));
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    // ---------------------------------------------------------------------------------------------
    // One paragraph per difference, each with its sensitivity measured on the sweep.

    private static List<Block> differences(ReportContext ctx, String at, Table summary) {
        List<Block> out = new ArrayList<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        Map<String, Double> saving = new LinkedHashMap<>();
        Map<String, Double> maxSaving = new LinkedHashMap<>();
        for (int r = 0; r < summary.size(); r++) {
            String k = summary.value(r, "scheme") + "@" + summary.value(r, "chip_count");
            mean.put(k, summary.number(r, "mean_speedup"));
            max.put(k, summary.number(r, "max_speedup"));
            saving.put(k, summary.number(r, "mean_saving_pct"));
            maxSaving.put(k, summary.number(r, "max_saving_pct"));
        }
        String chips = mean.containsKey("sre-bit@auto") ? "auto" : "1";
        Claims c = Claims.SRE;
        out.add(new Block.Paragraph("Where we stand. At " + describe(at) + " and chips: " + chips + ", sre-bit averages "
                + x(mean.get("sre-bit@" + chips)) + " (max " + x(max.get("sre-bit@" + chips)) + ") and sre-value "
                + x(mean.get("sre-value@" + chips)) + " (max " + x(max.get("sre-value@" + chips))
                + ") against the paper's " + x(c.meanSpeedup()) + " (max " + x(c.maxSpeedup()) + "); energy savings of "
                + pct(saving.get("sre-bit@" + chips)) + " (max " + pct(maxSaving.get("sre-bit@" + chips))
                + ") for sre-bit and " + pct(saving.get("sre-value@" + chips)) + " for sre-value against "
                + pct(c.meanSavingPct()) + " (max " + pct(c.maxSavingPct()) + "). The idealised full-crossbar "
                + "design averages " + x(mean.get("ideal@" + chips)) + ". The paragraphs below measure what moves "
                + "these numbers."));
        out.add(granularity(mean, chips));
        chipsParagraph(ctx, at, mean).ifPresent(out::add);
        firstLayer(ctx, at).ifPresent(out::add);
        activationSparsity(ctx, at, chips).ifPresent(out::add);
        ouSize(ctx, chips).ifPresent(out::add);
        out.add(new Block.Paragraph("Energy. Savings track the OU operations removed, but every scheme still reads "
                + "its inputs from and writes its outputs to eDRAM once per window, and the weight and SRE schemes pay "
                + "index reads and zero-detect logic per compressed row, so the saving saturates below the speedup: "
                + "sre-bit saves " + pct(saving.get("sre-bit@" + chips)) + " on average while running "
                + x(mean.get("sre-bit@" + chips)) + " faster. The savings are close to the paper's because they "
                + "depend on counts, not on how the chip is provisioned (they are the same for 1 chip and auto)."));
        return out;
    }

    private static Block granularity(Map<String, Double> mean, String chips) {
        Double v = mean.get("sre-value@" + chips);
        Double b = mean.get("sre-bit@" + chips);
        return new Block.Paragraph("Value or bit granularity (assumption: the paper does not say which). sre-value skips "
                + "a row for a whole window when its activation is zero; sre-bit also skips the bit steps in which a "
                + "non-zero 16-bit activation has a 0 bit (synthetic activations use about 12 significant bits, so "
                + "most high-order steps are empty). At chips: " + chips + " the choice alone moves the mean speedup "
                + "from " + x(v) + " to " + x(b) + " (" + ratio(b, v) + "); the paper's " + x(Claims.SRE.meanSpeedup())
                + (v != null && b != null && Claims.SRE.meanSpeedup() > v && Claims.SRE.meanSpeedup() < b
                ? " lies between the two readings." : " lies outside both readings."));
    }

    private static java.util.Optional<Block> chipsParagraph(ReportContext ctx, String at, Map<String, Double> mean) {
        if (!mean.containsKey("sre-bit@1") || !mean.containsKey("sre-bit@auto")) {
            return java.util.Optional.empty();
        }
        Table t = ctx.sql().query("SELECT network, max(chips) AS chips, max(CAST(fits_on_chip AS INT)) AS fits FROM "
                + ReportContext.POINTS + " WHERE " + at + " AND chip_count = 'auto' AND scheme = 'dense'"
                + " GROUP BY network ORDER BY network");
        List<String> needs = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            needs.add(t.value(r, "network") + " " + Cells.format(t.value(r, "chips")));
        }
        return java.util.Optional.of(new Block.Paragraph("Chips and replication (assumption: the paper's chip count "
                + "is not public). ISAAC balances its pipeline by copying layers into spare crossbars; a network that "
                + "does not fit one chip with one copy per layer gets no copies, and its first layers, with the most "
                + "windows, set the latency. The fewest chips that hold every layer are " + String.join(", ", needs)
                + ". Going from 1 chip to that many raises the mean sre-bit speedup from " + x(mean.get("sre-bit@1"))
                + " to " + x(mean.get("sre-bit@auto")) + " and sre-value from " + x(mean.get("sre-value@1")) + " to "
                + x(mean.get("sre-value@auto")) + "; the dense baseline gets the same chips, so the gain comes from "
                + "replication balancing the sparse layers differently, not from more hardware for SRE alone."));
    }

    /**
     * Speedup of the network with and without its first layer, from the layers table: per point
     * Σ dense latency / Σ scheme latency over layers (index > 0 for "without"), and the first
     * layer's share of the scheme's latency; means over seeds per profile, then over profiles.
     */
    static String firstLayerSql(String at) {
        String l = "SELECT point_id, seed, network, chip_count, layer_index, scheme, latency_ns FROM "
                + ReportContext.LAYERS + " WHERE " + at;
        String perPoint = "SELECT s.network, s.chip_count, s.scheme, s.seed,"
                + " sum(d.latency_ns) / sum(s.latency_ns) AS sp_all,"
                + " sum(CASE WHEN s.layer_index > 0 THEN d.latency_ns END)"
                + " / sum(CASE WHEN s.layer_index > 0 THEN s.latency_ns END) AS sp_rest,"
                + " sum(CASE WHEN s.layer_index = 0 THEN s.latency_ns END) / sum(s.latency_ns) AS first_share"
                + " FROM l s JOIN l d ON s.point_id = d.point_id AND s.layer_index = d.layer_index"
                + " AND d.scheme = 'dense' WHERE s.scheme IN ('sre-value', 'sre-bit')"
                + " GROUP BY s.point_id, s.network, s.chip_count, s.scheme, s.seed";
        String perNetwork = "SELECT network, chip_count, scheme, avg(sp_all) AS sp_all, avg(sp_rest) AS sp_rest,"
                + " avg(first_share) AS first_share FROM pp GROUP BY network, chip_count, scheme";
        return "WITH l AS (" + l + "), pp AS (" + perPoint + "), pn AS (" + perNetwork + ")"
                + " SELECT chip_count, scheme, avg(sp_all) AS speedup, avg(sp_rest) AS speedup_without_first,"
                + " max(sp_rest) AS max_speedup_without_first, avg(first_share) * 100 AS first_layer_pct"
                + " FROM pn GROUP BY chip_count, scheme ORDER BY chip_count, scheme";
    }

    private static java.util.Optional<Block> firstLayer(ReportContext ctx, String at) {
        Table t = ctx.sql().query(firstLayerSql(at));
        List<String> parts = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (!"sre-bit".equals(t.value(r, "scheme"))) {
                continue;
            }
            String chips = String.valueOf(t.value(r, "chip_count"));
            parts.add("with " + (chips.equals("1") ? "1 chip" : "chips: " + chips) + " the first layer takes "
                    + pct(t.number(r, "first_layer_pct")) + " of sre-bit's latency, and leaving it out raises the "
                    + "mean speedup from " + x(t.number(r, "speedup")) + " to " + x(t.number(r, "speedup_without_first"))
                    + " (max " + x(t.number(r, "max_speedup_without_first")) + ")");
        }
        if (parts.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Block.Paragraph("First layer (assumption: the network input is dense; the "
                + "profiles barely prune layer 1: 4.2 % in vgg16-ssl, 16 % in alexnet-han). A dense layer gains "
                + "only from bit skipping, and layer 1 has the most windows. " + capitalise(String.join("; ", parts))
                + ". Results that quote per-layer or convolution-only speedups sit closer to the second figures."));
    }

    private static java.util.Optional<Block> activationSparsity(ReportContext ctx, String at, String chips) {
        if (ctx.facts().axisOf("activation_sparsity") == null) {
            return java.util.Optional.empty();
        }
        String where = at.replace("activation_sparsity = 0.5", "true") + " AND chip_count = '" + chips + "'";
        Table t = ctx.sql().query("SELECT activation_sparsity, scheme, avg(sp) AS speedup FROM (SELECT network,"
                + " activation_sparsity, scheme, avg(speedup) AS sp FROM " + ReportContext.POINTS + " WHERE " + where
                + " AND scheme IN ('sre-value', 'sre-bit') GROUP BY network, activation_sparsity, scheme)"
                + " GROUP BY activation_sparsity, scheme ORDER BY scheme DESC, activation_sparsity");
        List<String> parts = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            parts.add(t.value(r, "scheme") + " " + x(t.number(r, "speedup")) + " at "
                    + Cells.format(t.value(r, "activation_sparsity")));
        }
        return java.util.Optional.of(new Block.Paragraph("Activation sparsity (assumption: pruning papers publish no "
                + "activation statistics; Cnvlutin measured 44 % zero inputs on average in conv layers, 0.5 is the "
                + "usual ReLU figure). Mean speedup over the profiles at chips: " + chips + ": "
                + String.join(", ", parts) + ". Real activations are correlated across channels and windows, which "
                + "i.i.d. draws do not capture; import measured activations (--data) to replace this assumption."));
    }

    private static java.util.Optional<Block> ouSize(ReportContext ctx, String chips) {
        if (ctx.facts().axisOf("ou_rows") == null) {
            return java.util.Optional.empty();
        }
        String where = (ctx.facts().values().containsKey("activation_sparsity") && has(ctx, "activation_sparsity", 0.5)
                ? "activation_sparsity = 0.5 AND " : "") + "chip_count = '" + chips + "'";
        Table t = ctx.sql().query("SELECT ou_rows, ou_cols, avg(sp) AS speedup, avg(err) AS read_error_rate FROM"
                + " (SELECT network, ou_rows, ou_cols, avg(speedup) AS sp, avg(read_error_rate) AS err FROM "
                + ReportContext.POINTS + " WHERE " + where + " AND scheme = 'sre-bit' GROUP BY network, ou_rows, ou_cols)"
                + " GROUP BY ou_rows, ou_cols ORDER BY ou_rows, ou_cols");
        List<String> parts = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            parts.add(Cells.format(t.value(r, "ou_rows")) + "x" + Cells.format(t.value(r, "ou_cols")) + ": "
                    + x(t.number(r, "speedup")) + " (read-error probability "
                    + String.format(Locale.ROOT, "%.1e", t.number(r, "read_error_rate")) + ")");
        }
        return java.util.Optional.of(new Block.Paragraph("OU size. The paper fixes the OU at the 9x8 of its silicon "
                + "reference; speedups are relative to the dense design at the same OU. sre-bit's mean speedup and "
                + "mean misread probability per conversion, per OU size (chips: " + chips + "): "
                + String.join("; ", parts) + ". Bigger OUs leave fewer empty rows to skip and sum more cells per "
                + "conversion, which is why SRE's claim is tied to small OUs and why the idealised 128x128 read "
                + "is not a realistic target."));
    }

    private static String x(Double v) {
        return v == null ? Cells.NULL : String.format(Locale.ROOT, "%.1fx", v);
    }

    private static String pct(Double v) {
        return v == null ? Cells.NULL : String.format(Locale.ROOT, "%.1f %%", v);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? Cells.NULL : String.format(Locale.ROOT, "x%.2f", a / b);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
