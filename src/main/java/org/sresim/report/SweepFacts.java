package org.sresim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.sweep.ColumnType;
import org.sresim.sweep.ResultColumn;
import org.sresim.sweep.ResultSchema;

/**
 * What a sweep varies, read from its rows (so it holds for any sweep, also a partial one): the
 * distinct values of every config column, the axes (columns with more than one value; columns
 * that step together, as a {@code zip} makes them, form one axis), networks and seeds. Titles
 * and captions are built from it, so a figure always says what it fixes and what it averages.
 */
public record SweepFacts(long points, List<String> networks, List<Object> seeds, Map<String, List<Object>> values,
                         List<Axis> axes) {

    /**
     * One varied dimension of the grid.
     *
     * @param columns the config columns that step together (one, or a zip group)
     * @param x       the column plotted on the x axis: the first numeric one, else the first
     * @param numeric whether {@code x} is numeric (line chart) or text such as {@code auto} (bars)
     */
    public record Axis(List<String> columns, String x, boolean numeric) {
        public Axis {
            columns = List.copyOf(columns);
        }

        /** E.g. {@code "ou.rows"}, or {@code "ou.rows + ou.cols"} for a zip group. */
        public String keys() {
            return String.join(" + ", columns.stream().map(SweepFacts::key).toList());
        }
    }

    /** Config columns shown in titles when the sweep holds one value for them (short names). */
    private static final Map<String, String> HEADLINE = headline();

    /** Text values such as {@code auto, 4, 16}: words first, then numbers by value. */
    static final java.util.Comparator<Object> TEXT_ORDER = java.util.Comparator
            .comparing((Object o) -> number(o) != null).thenComparing(o -> number(o) == null ? 0 : number(o))
            .thenComparing(Object::toString);

    public SweepFacts {
        networks = List.copyOf(networks);
        seeds = List.copyOf(seeds);
        values = Map.copyOf(values);
        axes = List.copyOf(axes);
    }

    /** Reads the facts of the sweep in {@link ReportContext#POINTS} (two queries). */
    static SweepFacts read(Sql sql) {
        List<String> candidates = configColumns();
        StringJoiner select = new StringJoiner(", ", "SELECT count(DISTINCT point_id) AS points, ", " FROM " + ReportContext.POINTS);
        select.add("sort_array(collect_set(network)) AS network").add("sort_array(collect_set(seed)) AS seed");
        for (String c : candidates) {
            select.add("sort_array(collect_set(" + c + ")) AS " + c);
        }
        Table t = sql.query(select.toString());
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (String c : candidates) {
            List<Object> v = new ArrayList<>(list(t.value(0, c)));
            if (!isNumeric(c)) {
                v.sort(TEXT_ORDER);
            }
            values.put(c, v);
        }
        List<String> varied = candidates.stream().filter(c -> values.get(c).size() > 1).toList();
        List<String> networks = list(t.value(0, "network")).stream().map(Object::toString).toList();
        return new SweepFacts(((Number) t.value(0, "points")).longValue(), networks, list(t.value(0, "seed")), values,
                axes(sql, varied, values));
    }

    /**
     * Groups varied columns that step together: a and b are one axis when they have as many
     * distinct (a, b) pairs as distinct a and distinct b values (a zip); crossed axes have more.
     */
    private static List<Axis> axes(Sql sql, List<String> varied, Map<String, List<Object>> values) {
        int[] group = new int[varied.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
        if (varied.size() > 1) {
            StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + ReportContext.POINTS);
            for (int i = 0; i < varied.size(); i++) {
                for (int j = i + 1; j < varied.size(); j++) {
                    select.add("count(DISTINCT " + varied.get(i) + ", " + varied.get(j) + ") AS p_" + i + "_" + j);
                }
            }
            Table pairs = sql.query(select.toString());
            for (int i = 0; i < varied.size(); i++) {
                for (int j = i + 1; j < varied.size(); j++) {
                    long n = ((Number) pairs.value(0, "p_" + i + "_" + j)).longValue();
                    if (n == values.get(varied.get(i)).size() && n == values.get(varied.get(j)).size() && group[j] == j) {
                        group[j] = group[i];
                    }
                }
            }
        }
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < varied.size(); i++) {
            if (group[i] != i) {
                continue;
            }
            List<String> cols = new ArrayList<>();
            for (int j = i; j < varied.size(); j++) {
                if (group[j] == i) {
                    cols.add(varied.get(j));
                }
            }
            String x = cols.stream().filter(SweepFacts::isNumeric).findFirst().orElse(cols.get(0));
            axes.add(new Axis(cols, x, isNumeric(x)));
        }
        return axes;
    }

    /** The config columns of the points table, without network and seed (panels and repeats). */
    static List<String> configColumns() {
        List<String> out = new ArrayList<>();
        for (Key k : Keys.all()) {
            if (!k.name().equals("network") && !k.name().equals("seed")) {
                out.add(k.column());
            }
        }
        return out;
    }

    static boolean isNumeric(String column) {
        ColumnType t = ResultSchema.POINTS.get(ResultSchema.index(ResultSchema.POINTS, column)).type();
        return t == ColumnType.INT || t == ColumnType.LONG || t == ColumnType.DOUBLE;
    }

    /** The dotted config key of a column ({@code ou_rows -> ou.rows}). */
    public static String key(String column) {
        for (Key k : Keys.all()) {
            if (k.column().equals(column)) {
                return k.name();
            }
        }
        return column;
    }

    /** Axis label with unit, e.g. {@code "ou.rows (wordlines)"}. */
    public static String label(String column) {
        for (Key k : Keys.all()) {
            if (k.column().equals(column)) {
                return k.unit().isEmpty() ? k.name() : k.name() + " (" + k.unit() + ")";
            }
        }
        return column;
    }

    /** The axis holding this column, if it is varied. */
    public Axis axisOf(String column) {
        return axes.stream().filter(a -> a.columns().contains(column)).findFirst().orElse(null);
    }

    /** E.g. {@code "OU 9x8, pruning 0.6 (structured), activation sparsity 0.5"}: the headline keys the sweep fixes. */
    public String fixedText() {
        List<String> parts = new ArrayList<>();
        if (single("ou_rows") && single("ou_cols")) {
            parts.add("OU " + one("ou_rows") + "x" + one("ou_cols"));
        }
        boolean profiled = allProfiled(networks);
        if (profiled) {
            parts.add("published pruning profiles");
        }
        for (Map.Entry<String, String> h : HEADLINE.entrySet()) {
            if (profiled && h.getKey().startsWith("pruning_")) {
                continue; // the global pruning keys do not apply to a profiled layer
            }
            if (values.containsKey(h.getKey()) && single(h.getKey())) {
                parts.add(h.getValue() + " " + Cells.format(one(h.getKey())));
            }
        }
        return String.join(", ", parts);
    }

    /**
     * The axes a figure averages over, e.g. {@code "averaged over pruning.ratio ∈ {0, 0.4}, adc.bits ∈ {auto, 4}"},
     * or "" when none; the axes whose columns are in {@code shown} (plotted, panels) are left out.
     */
    public String averagedText(List<String> shown) {
        List<String> over = new ArrayList<>();
        for (Axis a : axes) {
            if (a.columns().stream().noneMatch(shown::contains)) {
                // no-break spaces: a wrapped subtitle never splits one axis' set of values
                over.add(a.keys() + "\u00a0∈\u00a0{" + String.join(",\u00a0", values.get(a.x()).stream()
                        .map(Cells::format).toList()) + "}");
            }
        }
        return over.isEmpty() ? "" : "averaged over " + String.join(", ", over);
    }

    /**
     * A figure's subtitle: what the sweep fixes, what the figure averages over, and how seeds
     * enter, e.g. {@code "OU 9x8, pruning 0.6; averaged over adc.bits ∈ {auto, 4}; lines: mean of
     * 2 seeds, band: seed min to max"} (for the statistics of {@link Sections#seedStats}).
     *
     * @param kind what the figure draws (stacked bars show plain means, without a seed spread)
     */
    public String subtitle(List<String> shown, ChartKind kind) {
        List<String> parts = new ArrayList<>();
        if (!fixedText().isEmpty()) {
            parts.add(fixedText());
        }
        if (!averagedText(shown).isEmpty()) {
            parts.add(averagedText(shown));
        }
        String seedText = seeds.size() == 1 ? "seed " + seeds.get(0) : "mean of " + seeds.size() + " seeds";
        parts.add(switch (kind) {
            case LINES -> "lines: " + seedText + (seeds.size() > 1 ? ", band: seed min to max" : "");
            case BARS -> "bars: " + seedText + (seeds.size() > 1 ? " (table: seed min and max)" : "");
            case STACKED_BARS -> seedText;
            case SCATTER -> "points: " + seedText;
        });
        return String.join("; ", parts);
    }

    /**
     * Whether every network is a built-in whose conv and fc layers all carry a published pruning
     * profile (then the global pruning keys change nothing and are left out of titles).
     */
    static boolean allProfiled(List<String> networks) {
        if (networks.isEmpty()) {
            return false;
        }
        for (String name : networks) {
            if (!org.sresim.workload.Networks.builtinNames().contains(name)
                    || !org.sresim.workload.Networks.builtin(name).profiled()) {
                return false;
            }
        }
        return true;
    }

    static String joined(List<Object> vals) {
        return String.join(", ", vals.stream().map(Cells::format).toList());
    }

    private boolean single(String column) {
        return values.containsKey(column) && values.get(column).size() == 1;
    }

    private Object one(String column) {
        return values.get(column).get(0);
    }

    private static Double number(Object o) {
        try {
            return Double.valueOf(o.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object cell) {
        return cell == null ? List.of() : (List<Object>) cell;
    }

    private static Map<String, String> headline() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("adc_bits", "ADC bits");
        m.put("pruning_ratio", "pruning");
        m.put("pruning_method", "pruning method");
        m.put("activation_sparsity", "activation sparsity");
        m.put("latency_model", "latency");
        m.put("chip_count", "chips"); // present once chip.count exists (issue 7 part 2)
        return m;
    }
}
