package org.sresim.sweep;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sresim.config.BindingPath;

/**
 * Jackson's binding errors in a sweep file, worded as our one-line messages. Jackson knows where
 * binding stopped (the path of keys and list positions) but speaks of Java types; the path picks
 * the message and the YAML tree gives the value as the user wrote it.
 */
final class SpecErrors {
    private static final Set<String> RANGE_KEYS = Set.of("from", "to", "step");

    private SpecErrors() {
    }

    /** The message for {@code e}, without the file name. */
    static String message(JsonMappingException e, JsonNode root) {
        List<Object> path = BindingPath.of(e);
        String section = (String) path.get(0);
        JsonNode node = root.path(section);
        List<Object> rest = path.subList(1, path.size());
        return switch (section) {
            case "name" -> SweepSpec.badName(node.asText());
            case "description" -> "'description' must be a text, got " + node;
            case "base" -> "'base' must be a file path, got " + node;
            case "fixed" -> rest.isEmpty() ? notAMap("fixed") : fixed((String) rest.get(0), node);
            case "grid" -> rest.isEmpty() ? notAMap("grid") : grid(rest, node);
            case "zip" -> zip(rest, node);
            case "seeds" -> seeds(rest, node);
            default -> "unknown key '" + section + "' (allowed: name, description, base, fixed, grid, zip, seeds)";
        };
    }

    private static String notAMap(String where) {
        return "'" + where + "' must be a map of key: values";
    }

    private static String fixed(String key, JsonNode fixed) {
        return "fixed: value of '" + key + "' must be a single value, got " + fixed.path(key);
    }

    /** {@code rest} starts at the axis key. */
    private static String grid(List<Object> rest, JsonNode grid) {
        String key = (String) rest.get(0);
        return axis(SweepSpec.gridAxis(key), key, rest.subList(1, rest.size()), grid.path(key));
    }

    /** {@code rest} starts at the group's index. */
    private static String zip(List<Object> rest, JsonNode zip) {
        if (rest.isEmpty()) {
            return "'zip' must be a list of maps, e.g. zip: [{ou.rows: [9, 16], ou.cols: [8, 16]}]";
        }
        int group = (Integer) rest.get(0);
        if (rest.size() == 1) {
            return notAMap(SweepSpec.zipGroup(group));
        }
        String key = (String) rest.get(1);
        return axis(SweepSpec.zipAxis(group, key), key, rest.subList(2, rest.size()), zip.path(group).path(key));
    }

    /** An axis whose {@code values} did not bind; {@code inner} is the path within them. */
    private static String axis(String where, String key, List<Object> inner, JsonNode values) {
        if (inner.isEmpty()) {
            return where + ": expected a list of values or {from, to, step}, got '" + values.asText() + "'";
        }
        if (inner.get(0) instanceof Integer i) {
            return where + ": value of '" + key + "' must be a single value, got " + values.path(i);
        }
        return where + ": " + range(values, (String) inner.get(0));
    }

    private static String seeds(List<Object> rest, JsonNode seeds) {
        if (rest.isEmpty()) {
            return SweepSpec.SEEDS_EXPECTED;
        }
        if (rest.get(0) instanceof Integer i) {
            return "seeds: '" + seeds.path(i).asText() + "' is not an integer";
        }
        return "seeds: " + range(seeds, (String) rest.get(0));
    }

    /** A range that did not bind at {@code field}; a wrong set of keys is named before any value. */
    private static String range(JsonNode range, String field) {
        Set<String> keys = new TreeSet<>();
        range.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(RANGE_KEYS)) {
            return "a range needs exactly from, to and step, got " + keys;
        }
        return "'" + field + "' must be a number";
    }
}
