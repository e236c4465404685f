package org.sresim.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.engine.Metrics;

/**
 * The {@code pareto} table: one row per design on the front of its group, where a design is the
 * points of one config hash and scheme (every config value but the seed) averaged over their seeds.
 * Columns, in order: {@code sweep}; every config column but {@code seed}, as in {@code points};
 * {@code config_hash}, {@code scheme}; {@code seeds}; every metric column of {@code points},
 * averaged over the seeds (as DOUBLE; {@code fits_on_chip} is true when every seed's is); then the
 * run's {@code candidates} (designs considered in the group), {@code objectives},
 * {@code constraint} and {@code group_by}. A fixed schema, whatever the objectives, so the tables
 * of every sweep union into one view, and every objective column is there under its own name.
 * <p>
 * Also validates a run's request against the points columns, without Spark, so a typo fails in
 * a second with the allowed names.
 */
public final class ParetoTable {
    public static final List<String> DEFAULT_MINIMIZE = List.of("latency_ns", "energy_pj", "area_mm2");
    public static final List<String> DEFAULT_BY = List.of("network", "data", "scheme");

    /** How a column's value comes from the rows of a design's seeds. */
    public enum Role {
        /** equal in every seed's row (a config column, the scheme): carried */
        KEY,
        /** a numeric metric: the mean over the seeds, summed in seed order */
        MEAN,
        /** a boolean metric: true when it is true for every seed */
        ALL,
        /** written by the run: seeds, candidates, objectives, constraint, group_by */
        RUN
    }

    /** One column of the table and where its value comes from. */
    public record Column(ResultColumn column, Role role) {
        public String name() {
            return column.name();
        }
    }

    /** Points columns that are not design properties: they differ between a design's rows. */
    static final Set<String> PER_ROW = Set.of("point_id", "point_index", "seed", "sim_ms");

    public static final List<Column> COLUMNS = columns();

    private ParetoTable() {
    }

    private static List<Column> columns() {
        Set<String> metrics = new LinkedHashSet<>();
        for (Metrics.Column m : Metrics.COLUMNS) {
            metrics.add(m.name());
        }
        List<Column> c = new ArrayList<>();
        for (ResultColumn p : ResultSchema.POINTS) {
            if (PER_ROW.contains(p.name())) {
                continue;
            }
            if (!metrics.contains(p.name())) {
                c.add(new Column(p, Role.KEY));
                if (p.name().equals("scheme")) {
                    c.add(new Column(new ResultColumn("seeds", ColumnType.INT, "seeds",
                            "how many seeds' points were averaged"), Role.RUN));
                }
            } else if (p.type() == ColumnType.BOOLEAN) {
                c.add(new Column(p, Role.ALL));
            } else {
                c.add(new Column(new ResultColumn(p.name(), ColumnType.DOUBLE, p.unit(),
                        "mean over the seeds" + (p.description().isEmpty() ? "" : ": " + p.description())), Role.MEAN));
            }
        }
        c.add(new Column(new ResultColumn("candidates", ColumnType.LONG, "designs",
                "designs (after averaging seeds) considered in this row's group"), Role.RUN));
        c.add(new Column(new ResultColumn("objectives", ColumnType.STRING, "",
                "the run's objectives, e.g. 'min latency_ns, min energy_pj, min area_mm2'"), Role.RUN));
        c.add(new Column(new ResultColumn("constraint", ColumnType.STRING, "",
                "the run's --where condition on points, empty for none"), Role.RUN));
        c.add(new Column(new ResultColumn("group_by", ColumnType.STRING, "",
                "the columns fronts are taken per, e.g. 'network, data, scheme'"), Role.RUN));
        return Collections.unmodifiableList(c);
    }

    /** The columns as result columns (for a Spark schema). */
    public static List<ResultColumn> resultColumns() {
        return COLUMNS.stream().map(Column::column).toList();
    }

    public static int index(String name) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (COLUMNS.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no pareto column " + name);
    }

    /**
     * A validated pareto run: objectives in the order given (minimised first, then maximised),
     * the group-by columns, and the {@code --where} text (empty for none; checked by Spark).
     */
    public record Request(List<Pareto.Objective> objectives, List<String> by, String where) {
        public Request {
            objectives = List.copyOf(objectives);
            by = List.copyOf(by);
            where = where == null ? "" : where.strip();
        }

        /**
         * Validates the options of {@code sre pareto}. With neither {@code minimize} nor {@code maximize}
         * given (null), the objectives are {@link #DEFAULT_MINIMIZE}; a null {@code by} is {@link #DEFAULT_BY}.
         *
         * @throws SweepException one line naming the bad column and what is allowed
         */
        public static Request of(List<String> minimize, List<String> maximize, List<String> by, String where) {
            List<Pareto.Objective> objectives = new ArrayList<>();
            if (minimize == null && maximize == null) {
                DEFAULT_MINIMIZE.forEach(c -> objectives.add(Pareto.Objective.min(c)));
            } else {
                Set<String> seen = new LinkedHashSet<>();
                add(objectives, seen, minimize, false);
                add(objectives, seen, maximize, true);
                if (objectives.isEmpty()) {
                    throw new SweepException("--minimize/--maximize: no objective given (e.g. --minimize "
                            + String.join(",", DEFAULT_MINIMIZE) + ")");
                }
            }
            List<String> groups = new ArrayList<>();
            for (String c : by == null ? DEFAULT_BY : clean(by)) {
                if (PER_ROW.contains(c)) {
                    throw new SweepException("--by " + c + ": not allowed, points are averaged over " + c
                            + "s before the front is taken (allowed: " + String.join(", ", groupColumns()) + ")");
                }
                if (!groupColumns().contains(c)) {
                    throw new SweepException("--by " + c + ": " + (isPointsColumn(c) ? "not a config column or scheme"
                            : "no such column") + " (allowed: " + String.join(", ", groupColumns()) + ")");
                }
                if (groups.contains(c)) {
                    throw new SweepException("--by " + c + ": given twice");
                }
                groups.add(c);
            }
            return new Request(objectives, groups, where);
        }

        private static void add(List<Pareto.Objective> objectives, Set<String> seen, List<String> columns,
                                boolean maximize) {
            if (columns == null) {
                return;
            }
            String option = maximize ? "--maximize" : "--minimize";
            for (String c : clean(columns)) {
                if (!seen.add(c)) {
                    throw new SweepException(option + " " + c + ": already an objective (each column once, "
                            + "minimised or maximised)");
                }
                if (!objectiveColumns().contains(c)) {
                    String why = PER_ROW.contains(c) ? "differs between the seeds that are averaged"
                            : isPointsColumn(c) ? "not numeric" : "no such column in points";
                    throw new SweepException(option + " " + c + ": " + why + " (numeric columns: "
                            + String.join(", ", objectiveColumns()) + ")");
                }
                objectives.add(new Pareto.Objective(c, maximize));
            }
        }

        private static List<String> clean(List<String> columns) {
            return columns.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        /** "network, data, scheme". */
        public String groupLabel() {
            return String.join(", ", by);
        }
    }

    private static boolean isPointsColumn(String name) {
        return ResultSchema.POINTS.stream().anyMatch(c -> c.name().equals(name));
    }

    /** Columns that may be objectives: the table's numeric columns but the run's own. */
    public static List<String> objectiveColumns() {
        List<String> out = new ArrayList<>();
        for (Column c : COLUMNS) {
            if (c.role() != Role.RUN && numeric(c.column().type())) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Columns a front may be taken per: the config columns but the seed, and the scheme. */
    public static List<String> groupColumns() {
        List<String> out = new ArrayList<>();
        for (Key k : Keys.all()) {
            if (!PER_ROW.contains(k.column())) {
                out.add(k.column());
            }
        }
        out.add("scheme");
        return out;
    }

    private static boolean numeric(ColumnType t) {
        return t == ColumnType.INT || t == ColumnType.LONG || t == ColumnType.DOUBLE;
    }
}
