package org.sresim.config;

import java.util.List;
import java.util.Set;

/**
 * One configuration key: its dotted name, type, allowed range, unit and a one-line description
 * (meaning, then its source in brackets), which {@code docs/configuration.md} is generated from.
 * The range check covers single values; rules between keys live in {@link Keys#checkCombination}.
 * {@code affects} says what the key changes ({@link Effect}).
 */
public record Key(String name, KeyType type, double min, double max, boolean maxExclusive,
                  List<String> choices, String unit, String description, Set<Effect> affects) {

    /** Whether the key changes {@code effect}. */
    public boolean affects(Effect effect) {
        return affects.contains(effect);
    }

    /**
     * The Parquet column name: dots and dashes become underscores ({@code ou.rows -> ou_rows}).
     * Energy prices become {@code price_*} ({@code energy.dac-pj -> price_dac_pj}) so they never
     * collide with the metrics {@code energy_<action>_pj}, which are energies, not prices.
     */
    public String column() {
        String base = name.startsWith("energy.") ? "price." + name.substring("energy.".length()) : name;
        return base.replace('.', '_').replace('-', '_');
    }

    Object parse(Object raw) {
        Object value = type.coerce(name, raw, choices);
        if (value instanceof Number n) {
            double d = n.doubleValue();
            boolean tooHigh = maxExclusive ? d >= max : d > max;
            if (d < min || tooHigh) {
                throw new ConfigException("key '" + name + "': " + value + " is out of range (allowed: "
                        + rangeText() + ")");
            }
        }
        return value;
    }

    /** The values the key accepts, in words: "integer >= 1 and <= 4096", "auto or integer ...", the choices. */
    public String allowedValues() {
        boolean unbounded = min == -Double.MAX_VALUE || min == Long.MIN_VALUE;
        String range = unbounded ? "" : " " + rangeText();
        return switch (type) {
            case INT, LONG -> "integer" + range;
            case DOUBLE -> "number" + range;
            case BOOL -> "true, false";
            case CHOICE -> String.join(", ", choices);
            case TEXT -> "text";
            case INT_OR_AUTO -> "auto, or integer" + range;
            case DOUBLE_OR_AUTO -> "auto, or number" + range;
        };
    }

    String rangeText() {
        String hi = max == Double.MAX_VALUE ? "" : (maxExclusive ? " and < " : " and <= ") + plain(max);
        return ">= " + plain(min) + hi;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
