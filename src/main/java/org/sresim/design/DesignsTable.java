package org.sresim.design;

import java.util.List;
import org.sresim.sweep.ColumnType;
import org.sresim.sweep.ResultColumn;

/**
 * The columns of a sweep's {@code designs} table, written by {@code pareto --per-layer}: one row per
 * candidate design of each searched group, with its exact metrics and whether it is on the front.
 */
public final class DesignsTable {
    public static final List<ResultColumn> COLUMNS = List.of(
            col("sweep", ColumnType.STRING, "", "the sweep searched"),
            col("network", ColumnType.STRING, "", "the base network (name or file) the designs are made of"),
            col("data", ColumnType.STRING, "", "imported data location, empty for synthetic workloads"),
            col("context", ColumnType.STRING, "", "other config values the sweep varies (key=value ...), empty when none"),
            col("scheme", ColumnType.STRING, "", "the execution scheme searched for"),
            col("design", ColumnType.STRING, "", "the design's name (its network file's)"),
            col("design_file", ColumnType.STRING, "", "the design's network file: every layer's ou.rows, ou.cols, adc.bits"),
            col("kind", ColumnType.STRING, "", "uniform (one setting everywhere) or per-layer"),
            col("ou_rows", ColumnType.INT, "wordlines", "a uniform design's OU rows (NULL for per-layer)"),
            col("ou_cols", ColumnType.INT, "bitlines", "a uniform design's OU columns (NULL for per-layer)"),
            col("adc_bits", ColumnType.STRING, "bits", "a uniform design's ADC setting (NULL for per-layer)"),
            col("choices", ColumnType.STRING, "", "every layer's setting: layer=ROWSxCOLS/ADC ..."),
            col("lambda", ColumnType.DOUBLE, "pJ/ns", "the Lagrange multiplier that traced the design (NULL: not traced)"),
            col("seeds", ColumnType.INT, "", "seeds averaged"),
            col("latency_ns", ColumnType.DOUBLE, "ns", "exact network latency, mean over seeds"),
            col("energy_pj", ColumnType.DOUBLE, "pJ", "exact network energy, mean over seeds"),
            col("area_mm2", ColumnType.DOUBLE, "mm2", "chip area, mean over seeds"),
            col("speedup", ColumnType.DOUBLE, "x", "over the design's own dense scheme"),
            col("energy_saving", ColumnType.DOUBLE, "fraction", "over the design's own dense scheme"),
            col("read_error_rate", ColumnType.DOUBLE, "", "network read-error rate, mean over seeds"),
            col("adc_clip_rate", ColumnType.DOUBLE, "", "network ADC clip rate, mean over seeds"),
            col("meets_constraint", ColumnType.BOOLEAN, "", "every layer row of every seed satisfies the constraint"),
            col("on_front", ColumnType.BOOLEAN, "", "no design of the group that meets the constraint dominates it"),
            col("knee", ColumnType.BOOLEAN, "", "the front design nearest the utopia point (see docs)"),
            col("config_hash", ColumnType.STRING, "", "the exact point's config hash (its sweep: kind uniform, the searched one; per-layer, NAME-designs)"),
            col("objectives", ColumnType.STRING, "", "the objectives of the front"),
            col("constraint", ColumnType.STRING, "", "the --where condition applied to every layer row"));

    private DesignsTable() {
    }

    private static ResultColumn col(String name, ColumnType type, String unit, String description) {
        return new ResultColumn(name, type, unit, description);
    }
}
