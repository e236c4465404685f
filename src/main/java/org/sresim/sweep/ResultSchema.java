package org.sresim.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.engine.Metrics;
import org.sresim.engine.SimulationResult;
import org.sresim.hw.Action;

/**
 * The columns of the {@code points} table (one row per point and scheme) and the {@code layers}
 * table (one row per point, layer and scheme), and the conversion of a {@link SimulationResult}
 * into rows. Every config key is always a column, whichever keys a sweep varies, so tables of
 * different sweeps union without schema merging. Metric names equal the {@code simulate} JSON.
 */
public final class ResultSchema {
    public static final List<ResultColumn> POINTS = columns(false);
    public static final List<ResultColumn> LAYERS = columns(true);

    private ResultSchema() {
    }

    private static List<ResultColumn> columns(boolean layers) {
        List<ResultColumn> c = new ArrayList<>();
        c.add(new ResultColumn("point_id", ColumnType.STRING, "",
                "hash of the resolved config including the seed (stable across runs and machines)"));
        c.add(new ResultColumn("point_index", ColumnType.LONG, "",
                "index of the point in its sweep's grid (file order, seed fastest)"));
        c.add(new ResultColumn("sweep", ColumnType.STRING, "", "sweep name"));
        for (Key k : Keys.all()) {
            c.add(new ResultColumn(k.column(), type(k), k.unit(), "configuration key " + k.name()));
        }
        c.add(new ResultColumn("config_hash", ColumnType.STRING, "",
                "hash of the config without the seed (group by it to average over seeds)"));
        if (layers) {
            c.add(new ResultColumn("layer", ColumnType.STRING, "", "layer name"));
            c.add(new ResultColumn("layer_index", ColumnType.INT, "", "0-based position among the conv and fc layers"));
        }
        c.add(new ResultColumn("scheme", ColumnType.STRING, "",
                "execution scheme: dense, weight, act-value, act-bit, sre-value, sre-bit, ideal"));
        for (Metrics.Column m : Metrics.COLUMNS) {
            c.add(new ResultColumn(m.name(), switch (m.kind()) {
                case LONG -> ColumnType.LONG;
                case INT -> ColumnType.INT;
                case DOUBLE -> ColumnType.DOUBLE;
                case BOOLEAN -> ColumnType.BOOLEAN;
            }, m.unit(), metricDescription(m.name())));
        }
        c.add(new ResultColumn("sim_ms", ColumnType.DOUBLE, "ms", "wall time to simulate the point (not deterministic)"));
        return Collections.unmodifiableList(c);
    }

    /**
     * What a metric column means; {@code docs/schema.md} is generated from these. On a layer row a
     * metric is the layer's own; on a network row, the network's (sums over layers unless stated).
     */
    private static String metricDescription(String name) {
        for (Action a : Action.values()) {
            if (name.equals("energy_" + a.column() + "_pj")) {
                return "energy of " + Docs.ACTIONS.get(a) + " (count x price)";
            }
            if (name.equals("count_" + a.column())) {
                return "how often the scheme performs " + Docs.ACTIONS.get(a);
            }
        }
        String d = Docs.METRICS.get(name);
        if (d == null) {
            throw new IllegalStateException("metric column " + name + " has no description in ResultSchema");
        }
        return d;
    }

    /** A holder, so the descriptions exist before {@link #POINTS} is built in the static initialiser. */
    private static final class Docs {
        private static final Map<Action, String> ACTIONS = new EnumMap<>(Map.of(
                Action.ADC, "ADC conversions (one bitline of one OU operation)",
                Action.DAC, "DAC drives (one wordline for one operation)",
                Action.CELL_READ, "cell reads (one cell for one operation)",
                Action.SAMPLE_HOLD, "sample-and-holds (one bitline)",
                Action.SHIFT_ADD, "shift-and-adds of converted partial sums",
                Action.EDRAM, "256-bit eDRAM accesses (inputs read, outputs written)",
                Action.INDEX_BIT, "compressed-row index bit reads",
                Action.PREFIX_SUM_ROW, "rows examined by the zero-detect / prefix-sum logic",
                Action.DIGITAL_MAC, "16-bit attention multiply-accumulates (Q.K^T, softmax.V) on digital units"
                        + " (network rows only)"));

        private static final Map<String, String> METRICS = Map.ofEntries(
                Map.entry("ou_ops", "OU operations (ideal: full-crossbar reads)"),
                Map.entry("cycles", "operations on the critical crossbar (network: sum over layers)"),
                Map.entry("latency_ns", "cycles x operation time (network: plus the digital attention's"
                        + " count_digital_mac / digital.macs-per-ns)"),
                Map.entry("energy_pj", "total energy per inference, the sum of the energy_<action>_pj columns"),
                Map.entry("ou_ops_stderr", "standard error of ou_ops when sim.windows > 0 or over a batch of imported "
                        + "inputs (0 when exact)"),
                Map.entry("cycles_stderr", "standard error of cycles (the relative error of the operations carried "
                        + "over; 0 when exact)"),
                Map.entry("energy_pj_stderr", "standard error of energy_pj (0 when exact)"),
                Map.entry("speedup", "dense latency / latency of the same point; NULL when the scheme does no "
                        + "operation (a layer whose inputs are all zero)"),
                Map.entry("ops_speedup", "dense ou_ops / ou_ops of the same point; NULL when the scheme does no "
                        + "operation"),
                Map.entry("energy_saving", "1 - energy / dense energy of the same point; NULL when dense energy is 0"),
                Map.entry("crossbars", "crossbars used: tiles x copies (network: sum)"),
                Map.entry("copies", "copies of the layer in the copy plan (network: sum)"),
                Map.entry("fits_on_chip", "the network fits in chip.count x chip.crossbars with one copy per layer"),
                Map.entry("chips", "chips the point runs on (chip.count, auto resolved)"),
                Map.entry("index_bits", "index-table storage of the compressed schemes"),
                Map.entry("weight_density", "realised fraction of non-zero weights"),
                Map.entry("activation_density", "realised fraction of non-zero input activations"),
                Map.entry("adc_clip_rate", "fraction of sampled conversions that clip"),
                Map.entry("read_error_rate", "mean misread probability per sampled conversion"),
                Map.entry("adc_bits_used", "resolution converted at (ideal: ideal.adc-bits)"),
                Map.entry("operation_ns", "time of one operation"),
                Map.entry("area_mm2", "area of the point's whole chips, links included (the same on every row "
                        + "of a point)"),
                Map.entry("area_used_mm2", "crossbars and peripherals the mapping occupies, its share of IMA, tile "
                        + "and router blocks, its index bits"),
                Map.entry("index_area_mm2", "the stored compressed-row index: index_bits x copies x "
                        + "area.index-bit-mm2"),
                Map.entry("static_power_w", "static power of what power.static-scope powers"),
                Map.entry("power_w", "energy per inference x throughput_ips + static power (layer: energy / latency "
                        + "+ static)"),
                Map.entry("throughput_ips", "inferences per second with the layers as pipeline stages: 1 / the "
                        + "slowest layer's latency (layer: 1 / its latency); NULL if 0"),
                Map.entry("gops", "useful GOP/s: 2 x dense MACs x throughput_ips"),
                Map.entry("gops_per_mm2", "gops / area_mm2"),
                Map.entry("gops_per_w", "gops / power_w"),
                Map.entry("input_one_bit_fraction", "fraction of 1-bits among the input.bits bits of non-zero input "
                        + "activations"),
                Map.entry("samples", "inferences the row averages: the batch size of imported inputs, else 1"));
    }

    /** Config keys that may read {@code auto} are stored as text ("auto" or the number). */
    private static ColumnType type(Key k) {
        return switch (k.type()) {
            case INT -> ColumnType.INT;
            case LONG -> ColumnType.LONG;
            case DOUBLE -> ColumnType.DOUBLE;
            case BOOL -> ColumnType.BOOLEAN;
            case CHOICE, TEXT, INT_OR_AUTO, DOUBLE_OR_AUTO -> ColumnType.STRING;
        };
    }

    /** One row per scheme, values in {@link #POINTS} order. */
    public static List<Object[]> pointRows(String sweep, long index, SimulationResult r, double simMs) {
        List<Object[]> rows = new ArrayList<>();
        for (Metrics m : r.networkRows()) {
            rows.add(row(sweep, index, r.config(), m, false, simMs));
        }
        return rows;
    }

    /** One row per layer and scheme, values in {@link #LAYERS} order. */
    public static List<Object[]> layerRows(String sweep, long index, SimulationResult r, double simMs) {
        List<Object[]> rows = new ArrayList<>();
        for (Metrics m : r.layerRows()) {
            rows.add(row(sweep, index, r.config(), m, true, simMs));
        }
        return rows;
    }

    private static Object[] row(String sweep, long index, Config config, Metrics m, boolean layer, double simMs) {
        List<ResultColumn> schema = layer ? LAYERS : POINTS;
        Object[] v = new Object[schema.size()];
        int i = 0;
        v[i++] = config.pointId();
        v[i++] = index;
        v[i++] = sweep;
        for (Key k : Keys.all()) {
            Object value = m.ownSettings().getOrDefault(k.name(), config.value(k.name()));
            v[i++] = type(k) == ColumnType.STRING ? value.toString() : value;
        }
        v[i++] = config.hash();
        if (layer) {
            v[i++] = m.layer();
            v[i++] = m.layerIndex();
        }
        v[i++] = m.scheme().id();
        for (Metrics.Column c : Metrics.COLUMNS) {
            v[i++] = finiteOrNull(c.value().apply(m));
        }
        v[i++] = simMs;
        return v;
    }

    /**
     * Tables hold no Infinity or NaN: a ratio whose denominator is zero (the speedup, ops speedup or
     * energy saving of a layer whose inputs are all zero, hence zero operations in every scheme) has no
     * defined value and is stored as NULL, which SQL aggregates such as {@code avg()} skip.
     */
    static Object finiteOrNull(Object value) {
        return value instanceof Double d && !Double.isFinite(d) ? null : value;
    }

    public static int index(List<ResultColumn> schema, String name) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}
