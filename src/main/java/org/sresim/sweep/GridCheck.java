package org.sresim.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.sresim.config.Config;
import org.sresim.config.ConfigException;

/**
 * Proves every point of a grid valid on the driver, before any task runs. Rules between keys
 * ({@code ou.rows <= crossbar.rows}, ...) can fail only for some combinations, so every combination
 * of the non-seed axes is built and validated; the seed never changes validity (any integer is a
 * seed and no rule reads it), so each combination is checked once, not once per seed. The odometer
 * walks the axes in the grid's own order, so the first failure is the lowest failing point index.
 * Cost: one config validation per combination (a few microseconds), e.g. about a second for 10^5.
 */
public final class GridCheck {
    private GridCheck() {
    }

    /** Throws a {@link SweepException} naming the first point (index and values) that is not a valid config. */
    public static void check(SweepPlan plan, String origin) {
        check(plan, origin, (p, point) -> { });
    }

    /**
     * As {@link #check(SweepPlan, String)}, also handing every combination's config (at the first
     * seed) to {@code alsoCheck}, which throws to refuse it.
     */
    public static void check(SweepPlan plan, String origin, BiConsumer<SweepPlan, Config> alsoCheck) {
        List<Axis> axes = plan.axes();
        int[] step = new int[axes.size()];
        long combinations = plan.size() / plan.seeds().size();
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (long combination = 0; combination < combinations; combination++) {
            overrides.clear();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                for (int k = 0; k < axis.keys().size(); k++) {
                    overrides.put(axis.keys().get(k), axis.values().get(k).get(step[a]));
                }
            }
            Config point;
            try {
                point = plan.base().with(overrides, "x");
            } catch (ConfigException e) {
                long index = combination * plan.seeds().size();
                throw new SweepException(origin + ": point " + index + " (" + describe(overrides)
                        + ") combines values that do not fit together: " + e.getMessage().replaceFirst("^x: ", ""));
            }
            alsoCheck.accept(plan, point);
            // odometer: the last axis varies fastest, as in SweepPlan.point
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++step[a] < axes.get(a).size()) {
                    break;
                }
                step[a] = 0;
            }
        }
    }

    private static String describe(Map<String, Object> overrides) {
        StringBuilder sb = new StringBuilder();
        overrides.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
