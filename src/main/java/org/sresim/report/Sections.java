package org.sresim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sresim.hw.Action;

/** SQL snippets shared by the generic sections. */
final class Sections {
    private Sections() {
    }

    /**
     * Per group: each seed's mean of {@code expr} over the rows of the group (other axes averaged,
     * NULLs skipped), then the mean, min and max of those per-seed means and how many seeds had a
     * value. Columns: the groups, {@code mean_<name>}, {@code min_<name>}, {@code max_<name>},
     * {@code seeds}. So a band shows how much the seed moves the averaged quantity, not the spread
     * of the averaged axes. {@code scale} (e.g. {@code "* 100"}) is applied to the three statistics.
     */
    static String seedStats(String view, List<String> groups, String expr, String scale, String name, String where,
                            String orderBy) {
        String g = String.join(", ", groups);
        String k = scale.isEmpty() ? "" : " " + scale;
        return "SELECT " + g + ", avg(v)" + k + " AS mean_" + name + ", min(v)" + k + " AS min_" + name + ", max(v)" + k
                + " AS max_" + name + ", count(v) AS seeds FROM (SELECT " + g + ", seed, avg(" + expr + ") AS v FROM "
                + view + (where.isEmpty() ? "" : " WHERE " + where) + " GROUP BY " + g + ", seed) GROUP BY " + g
                + " ORDER BY " + orderBy;
    }

    /** ORDER BY terms for axis columns: numbers numerically, text such as {@code auto, 4, 16} with auto first then by number. */
    static List<String> orderBy(List<String> columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (SweepFacts.isNumeric(c)) {
                out.add(c);
            } else {
                out.add("try_cast(" + c + " AS DOUBLE) NULLS FIRST");
                out.add(c);
            }
        }
        return out;
    }

    /** The x-axis label of an axis: its key and unit, and the keys zipped with it. */
    static String axisLabel(SweepFacts.Axis a) {
        List<String> others = a.columns().stream().filter(c -> !c.equals(a.x())).map(SweepFacts::key).toList();
        return SweepFacts.label(a.x()) + (others.isEmpty() ? "" : ", stepping with " + String.join(", ", others));
    }

    /** A figure's caption: its title and subtitle as sentences. */
    static String caption(Figure f) {
        String sub = f.subtitle();
        return f.title() + "." + (sub.isEmpty() ? "" : " " + Character.toUpperCase(sub.charAt(0)) + sub.substring(1) + ".");
    }

    static List<String> energyColumns() {
        return Stream.of(Action.values()).map(a -> "energy_" + a.column() + "_pj").toList();
    }

    static List<String> actionNames() {
        return Stream.of(Action.values()).map(a -> a.column().replace('_', ' ')).toList();
    }
}
