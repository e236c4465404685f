package org.sresim.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sresim.config.Config;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.engine.Metrics;
import org.sresim.engine.SimulationResult;

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
        c.add(new ResultColumn("point_id", ColumnType.STRING, "", "hash of the resolved config and seed"));
        c.add(new ResultColumn("point_index", ColumnType.LONG, "", "index of the point in its sweep's grid"));
        c.add(new ResultColumn("sweep", ColumnType.STRING, "", "sweep name"));
        for (Key k : Keys.all()) {
            c.add(new ResultColumn(k.column(), type(k), k.unit(), k.description()));
        }
        c.add(new ResultColumn("config_hash", ColumnType.STRING, "", "hash of the config without the seed"));
        if (layers) {
            c.add(new ResultColumn("layer", ColumnType.STRING, "", "layer name"));
            c.add(new ResultColumn("layer_index", ColumnType.INT, "", "0-based position among conv/fc layers"));
        }
        c.add(new ResultColumn("scheme", ColumnType.STRING, "", "execution scheme"));
        for (Metrics.Column m : Metrics.COLUMNS) {
            c.add(new ResultColumn(m.name(), switch (m.kind()) {
                case LONG -> ColumnType.LONG;
                case INT -> ColumnType.INT;
                case DOUBLE -> ColumnType.DOUBLE;
                case BOOLEAN -> ColumnType.BOOLEAN;
            }, m.unit(), ""));
        }
        c.add(new ResultColumn("sim_ms", ColumnType.DOUBLE, "ms", "wall time to simulate the point (not deterministic)"));
        return Collections.unmodifiableList(c);
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
