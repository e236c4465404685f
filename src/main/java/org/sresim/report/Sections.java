package org.sresim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sresim.hw.Action;

/** SQL snippets shared by the generic sections. */
final class Sections {
    private Sections() {
    }

    /** {@code avg(e) * k AS mean_n, min(e) * k AS min_n, max(e) * k AS max_n, count(e) AS n}; NULLs are skipped. */
    static String stats(String expr, String scale, String name) {
        String k = scale.isEmpty() ? "" : " " + scale;
        return "avg(" + expr + ")" + k + " AS mean_" + name + ", min(" + expr + ")" + k + " AS min_" + name
                + ", max(" + expr + ")" + k + " AS max_" + name + ", count(" + expr + ") AS n";
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

    static List<String> energyColumns() {
        return Stream.of(Action.values()).map(a -> "energy_" + a.column() + "_pj").toList();
    }

    static List<String> actionNames() {
        return Stream.of(Action.values()).map(a -> a.column().replace('_', ' ')).toList();
    }
}
