package org.sresim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sresim.config.Config;
import org.sresim.config.ConfigException;
import org.sresim.config.ConfigLoader;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadException;

/**
 * Reads and validates a sweep file into a {@link SweepPlan}. Everything is checked on the driver
 * before any task runs: keys, every axis value against the config rules, zip lengths, networks,
 * and every combination of the non-seed axes ({@link GridCheck}).
 * <pre>
 * name: quickstart
 * base: conf/sre-isaac.yaml           # optional
 * fixed: {latency.model: replicated}  # optional, applied to every point
 * grid:                               # cartesian product
 *   ou.rows: [4, 9, 16]
 *   pruning.ratio: {from: 0.0, to: 0.8, step: 0.2}
 * zip:                                # optional: keys that step together
 *   - {ou.rows: [9, 16], ou.cols: [8, 16]}
 * seeds: [1, 2]                       # optional, default: the base seed
 * </pre>
 */
public final class SweepFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "base", "fixed", "grid", "zip", "seeds");

    private final String origin;
    private final Path dir;
    private final FileOpener files;
    /** Model data opened while resolving {@code data} values, by pinned location. */
    private final Map<String, ModelData> models = new LinkedHashMap<>();
    private final Set<String> checkedData = new HashSet<>();

    private SweepFile(String origin, Path dir, FileOpener files) {
        this.origin = origin;
        this.dir = dir;
        this.files = files;
    }

    /** A sweep whose {@code data} locations are local paths. */
    public static SweepPlan load(Path file) {
        return load(file, FileOpener.LOCAL);
    }

    /**
     * Reads a sweep; {@code data} locations (relative ones resolve against the sweep file's
     * folder) are opened through {@code files}, hashed and checked against every network they
     * meet, all before anything runs.
     */
    public static SweepPlan load(Path file, FileOpener files) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        String duplicate = org.sresim.config.DuplicateKeys.inYaml(text);
        if (duplicate != null) {
            throw new SweepException(file + ": " + duplicate);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SweepException(file + ": not valid YAML: " + e.getOriginalMessage().replace('\n', ' '));
        }
        return new SweepFile(file.toString(), file.toAbsolutePath().getParent(), files)
                .parse(root, file.toAbsolutePath().getParent());
    }

    /** The sweep file as JSON, for {@code sweep.json}. */
    public static JsonNode asJson(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read");
        }
    }

    private SweepPlan parse(JsonNode root, Path dir) {
        String name = checkTopLevel(root);
        Config base = withFixed(root, base(root, dir));
        List<Axis> axes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (root.has("grid")) {
            gridAxes(root.get("grid"), base, seen, axes);
        }
        if (root.has("zip")) {
            zipAxes(root.get("zip"), base, seen, axes);
        }
        List<Long> seeds = seeds(root, base);
        Map<String, Network> networks = networks(base, axes);
        SweepPlan plan = new SweepPlan(name, base, axes, seeds, networks, definitionHash(root, base));
        GridCheck.check(plan, origin, this::checkData);
        return plan;
    }

    /** Checks the top-level keys; returns the sweep's name. */
    private String checkTopLevel(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("expected a map with name, grid, ... at the top level");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_LEVEL.contains(k)) {
                throw error("unknown key '" + k + "' (allowed: name, description, base, fixed, grid, zip, seeds)");
            }
        });
        String name = text(root, "name");
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error("'name' must be a folder-safe word (letters, digits, . _ -), got '" + name + "'");
        }
        return name;
    }

    /** The base config with the {@code fixed} values over it, the {@code data} location pinned. */
    private Config withFixed(JsonNode root, Config base) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        if (root.has("fixed")) {
            JsonNode f = requireMap(root.get("fixed"), "fixed");
            f.fields().forEachRemaining(e -> fixed.put(axisKey(e.getKey(), "fixed").name(), scalar(e.getValue(), "fixed", e.getKey())));
        }
        if (fixed.containsKey("data")) {
            fixed.put("data", dataLocation(fixed.get("data"), "fixed 'data'"));
        } else if (!base.text("data").isEmpty() && !base.text("data").contains(ModelData.HASH_MARK)) {
            fixed.put("data", dataLocation(base.text("data"), "base 'data'"));
        }
        try {
            return base.with(fixed, origin + ": fixed");
        } catch (ConfigException e) {
            throw new SweepException(e.getMessage());
        }
    }

    /** One axis per {@code grid} key, in file order. */
    private void gridAxes(JsonNode grid, Config base, Set<String> seen, List<Axis> axes) {
        Iterator<Map.Entry<String, JsonNode>> it = requireMap(grid, "grid").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "grid axis '" + e.getKey() + "'";
            Key key = axisKey(e.getKey(), where);
            once(seen, key.name(), where);
            axes.add(new Axis(List.of(key.name()), List.of(values(key, e.getValue(), where, base))));
        }
    }

    /** One axis per {@code zip} group, its keys stepping together. */
    private void zipAxes(JsonNode zip, Config base, Set<String> seen, List<Axis> axes) {
        if (!zip.isArray()) {
            throw error("'zip' must be a list of maps, e.g. zip: [{ou.rows: [9, 16], ou.cols: [8, 16]}]");
        }
        for (int g = 0; g < zip.size(); g++) {
            axes.add(zipGroup(zip.get(g), "zip group " + (g + 1), base, seen));
        }
    }

    private Axis zipGroup(JsonNode node, String group, Config base, Set<String> seen) {
        Iterator<Map.Entry<String, JsonNode>> it = requireMap(node, group).fields();
        List<String> keys = new ArrayList<>();
        List<List<Object>> lists = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = group + " axis '" + e.getKey() + "'";
            Key key = axisKey(e.getKey(), where);
            once(seen, key.name(), where);
            List<Object> vals = values(key, e.getValue(), where, base);
            if (!lists.isEmpty() && vals.size() != lists.get(0).size()) {
                throw error(group + ": lists of unequal length (" + keys.get(0) + " has " + lists.get(0).size()
                        + " values, " + key.name() + " has " + vals.size() + ")");
            }
            keys.add(key.name());
            lists.add(vals);
        }
        if (keys.isEmpty()) {
            throw error(group + " is empty");
        }
        return new Axis(keys, lists);
    }

    /**
     * A {@code data} value pinned to its content ({@link ModelData#pinned}); a relative path
     * resolves against the sweep file's folder, a URI ({@code hdfs:}, {@code s3a:}, {@code file:})
     * is kept. The location must open as a model; its layers are checked per network later.
     */
    private String dataLocation(Object raw, String where) {
        String v = raw == null ? "" : raw.toString().trim();
        if (v.isEmpty()) {
            return "";
        }
        if (v.contains(ModelData.HASH_MARK)) {
            throw error(where + ": value '" + v + "': give the location only; the content hash is added");
        }
        boolean uri = v.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*");
        String location = uri || Path.of(v).isAbsolute() ? v : dir.resolve(v).normalize().toString();
        try {
            String pinned = ModelData.pinned(location, files);
            models.computeIfAbsent(pinned, p -> ModelData.open(location, files));
            return pinned;
        } catch (WorkloadException e) {
            throw error(where + ": value '" + v + "': " + e.getMessage());
        }
    }

    /** Every (data, network) pair of the grid: the model's layers and shapes must match the network's. */
    private void checkData(SweepPlan plan, Config point) {
        String data = point.text("data");
        if (!data.isEmpty() && checkedData.add(data + "\n" + point.text("network"))) {
            try {
                ImportedWorkload.check(models.get(data), plan.network(point));
            } catch (WorkloadException e) {
                throw error("data '" + ModelData.pathOf(data) + "' with network '" + point.text("network")
                        + "': " + e.getMessage());
            }
        }
    }

    private Config base(JsonNode root, Path dir) {
        String base = text(root, "base");
        if (base == null) {
            return ConfigLoader.defaults();
        }
        Path p = Path.of(base);
        // relative paths: from the working directory, else from the sweep file's folder or a parent
        // of it, so sweeps/x.yaml can say base: conf/sre-isaac.yaml and run from anywhere
        for (Path d = dir; !Files.exists(p) && !Path.of(base).isAbsolute() && d != null; d = d.getParent()) {
            p = d.resolve(base);
        }
        if (!Files.exists(p)) {
            throw error("base '" + base + "': file not found");
        }
        try {
            return ConfigLoader.load(p);
        } catch (ConfigException e) {
            throw new SweepException(origin + ": base: " + e.getMessage());
        }
    }

    private Key axisKey(String name, String where) {
        if (name.equals("seed")) {
            throw error(where + ": seeds are listed under 'seeds:', not as an axis");
        }
        try {
            return Keys.require(name, origin + ": " + where);
        } catch (ConfigException e) {
            throw new SweepException(e.getMessage());
        }
    }

    private void once(Set<String> seen, String key, String where) {
        if (!seen.add(key)) {
            throw error(where + ": key '" + key + "' is already swept by another axis");
        }
    }

    /** An axis' values: a non-empty list of scalars, or {from, to, step}; each checked against the config rules. */
    private List<Object> values(Key key, JsonNode node, String where, Config base) {
        List<Object> raw = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode v : node) {
                raw.add(scalar(v, where, key.name()));
            }
        } else if (node.isObject()) {
            raw.addAll(range(node, where));
        } else {
            throw error(where + ": expected a list of values or {from, to, step}, got '" + node.asText() + "'");
        }
        if (raw.isEmpty()) {
            throw error(where + ": empty axis (give at least one value)");
        }
        if (key.name().equals("data")) {
            raw.replaceAll(v -> dataLocation(v, where));
        }
        List<Object> parsed = new ArrayList<>();
        for (Object v : raw) {
            try {
                Config c = base.with(Map.of(key.name(), v), "x");
                parsed.add(c.value(key.name()));
            } catch (ConfigException e) {
                String reason = e.getMessage().replaceFirst("^x: ", "");
                throw error(where + ": value '" + v + "' is not allowed: " + reason);
            }
        }
        return parsed;
    }

    private List<Object> range(JsonNode node, String where) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        if (!names.equals(Set.of("from", "to", "step"))) {
            throw error(where + ": a range needs exactly from, to and step, got " + new TreeSet<>(names));
        }
        BigDecimal from = number(node.get("from"), where, "from");
        BigDecimal to = number(node.get("to"), where, "to");
        BigDecimal step = number(node.get("step"), where, "step");
        if (step.signum() <= 0 || from.compareTo(to) > 0) {
            throw error(where + ": a range needs step > 0 and from <= to");
        }
        List<Object> out = new ArrayList<>();
        // exact decimal steps: 0.0, 0.2, ... 0.8 without 0.6000000000000001
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            boolean integral = v.stripTrailingZeros().scale() <= 0 && node.get("from").isIntegralNumber()
                    && node.get("step").isIntegralNumber();
            out.add(integral ? (Object) v.longValueExact() : (Object) v.doubleValue());
            if (out.size() > 1_000_000) {
                throw error(where + ": range has more than 10^6 values");
            }
        }
        return out;
    }

    private BigDecimal number(JsonNode n, String where, String field) {
        if (n == null || !n.isNumber()) {
            throw error(where + ": '" + field + "' must be a number");
        }
        return n.decimalValue();
    }

    private Object scalar(JsonNode v, String where, String key) {
        if (v.isContainerNode() || v.isNull()) {
            throw error(where + ": value of '" + key + "' must be a single value, got " + v);
        }
        Object s = ConfigLoader.scalar(v);
        return s instanceof Long l && l == l.intValue() ? (Object) l.intValue() : s;
    }

    private List<Long> seeds(JsonNode root, Config base) {
        if (!root.has("seeds")) {
            return List.of(base.longValue("seed"));
        }
        JsonNode s = root.get("seeds");
        List<Long> seeds = new ArrayList<>();
        if (s.isArray() && !s.isEmpty()) {
            for (JsonNode v : s) {
                if (!v.isIntegralNumber()) {
                    throw error("seeds: '" + v.asText() + "' is not an integer");
                }
                seeds.add(v.longValue());
            }
        } else if (s.isObject()) {
            for (Object v : range(s, "seeds")) {
                if (!(v instanceof Long l)) {
                    throw error("seeds: a seed range needs integer from, to and step");
                }
                seeds.add(l);
            }
        } else {
            throw error("seeds: expected a non-empty list of integers, e.g. seeds: [1, 2, 3]");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw error("seeds: a seed is listed twice");
        }
        return seeds;
    }

    private Map<String, Network> networks(Config base, List<Axis> axes) {
        Map<String, String> where = new LinkedHashMap<>();
        if (axes.stream().noneMatch(a -> a.keys().contains("network"))) {
            where.put(base.text("network"), "base/fixed 'network'");
        }
        for (Axis a : axes) {
            int k = a.keys().indexOf("network");
            if (k >= 0) {
                for (Object v : a.values().get(k)) {
                    where.put(v.toString(), "axis 'network'");
                }
            }
        }
        Map<String, Network> networks = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : where.entrySet()) {
            try {
                networks.put(e.getKey(), Networks.resolve(e.getKey()));
            } catch (WorkloadException ex) {
                throw error(e.getValue() + ": value '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return networks;
    }

    private static String definitionHash(JsonNode root, Config base) {
        try {
            return Config.sha256(JSON.writeValueAsString(root) + "\n" + base.pointId()).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode requireMap(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw error("'" + where + "' must be a map of key: values");
        }
        return n;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private SweepException error(String message) {
        return new SweepException(origin + ": " + message);
    }
}
