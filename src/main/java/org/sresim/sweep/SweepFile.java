package org.sresim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sresim.config.Config;
import org.sresim.config.ConfigException;
import org.sresim.config.ConfigLoader;
import org.sresim.config.DuplicateKeys;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadException;

/**
 * Reads a sweep file into a {@link SweepPlan}: the YAML is bound to a {@link SweepSpec} (its
 * shape: keys, types), then the spec is validated and built here (its meaning). Everything is
 * checked on the driver before any task runs: keys, every axis value against the config rules,
 * zip lengths, networks, and every combination of the non-seed axes ({@link GridCheck}).
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
        JsonNode tree = tree(file);
        SweepSpec spec = SweepSpec.bind(tree, file.toString());
        return new SweepFile(file.toString(), file.toAbsolutePath().getParent(), files).plan(spec, tree);
    }

    /** The sweep file as JSON, for {@code sweep.json}. */
    public static JsonNode asJson(Path file) {
        return tree(file);
    }

    /** The file's YAML tree; a key written twice is refused first, as the tree would keep the last. */
    private static JsonNode tree(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        String duplicate = DuplicateKeys.inYaml(text);
        if (duplicate != null) {
            throw new SweepException(file + ": " + duplicate);
        }
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SweepException(file + ": not valid YAML: " + e.getOriginalMessage().replace('\n', ' '));
        }
    }

    private SweepPlan plan(SweepSpec spec, JsonNode tree) {
        String name = name(spec.name());
        Config base = withFixed(spec.fixed(), base(spec.base()));
        List<Axis> axes = axes(spec, base);
        List<Long> seeds = seeds(spec.seeds(), base);
        Map<String, Network> networks = networks(base, axes);
        SweepPlan plan = new SweepPlan(name, base, axes, seeds, networks, definitionHash(tree, base));
        GridCheck.check(plan, origin, this::checkData);
        return plan;
    }

    private String name(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error(SweepSpec.badName(name));
        }
        return name;
    }

    private Config base(String base) {
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

    /** The base config with the {@code fixed} values over it, the {@code data} location pinned. */
    private Config withFixed(Map<String, Scalar> written, Config base) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        written.forEach((name, value) -> fixed.put(axisKey(name, "fixed").name(), value.value()));
        if (fixed.containsKey("data")) {
            fixed.put("data", dataLocation(fixed.get("data"), "fixed 'data'"));
        } else if (!base.data().isEmpty() && !base.data().contains(ModelData.HASH_MARK)) {
            fixed.put("data", dataLocation(base.data(), "base 'data'"));
        }
        try {
            return base.with(fixed, origin + ": fixed");
        } catch (ConfigException e) {
            throw new SweepException(e.getMessage());
        }
    }

    /** One axis per {@code grid} key in file order, then one per {@code zip} group. */
    private List<Axis> axes(SweepSpec spec, Config base) {
        Set<String> seen = new HashSet<>();
        List<Axis> axes = new ArrayList<>();
        spec.grid().forEach((name, values) -> {
            String where = SweepSpec.gridAxis(name);
            Key key = sweptKey(name, where, seen);
            axes.add(new Axis(List.of(key.name()), List.of(values(key, values, where, base))));
        });
        for (int g = 0; g < spec.zip().size(); g++) {
            axes.add(zipGroup(spec.zip().get(g), g, base, seen));
        }
        return axes;
    }

    /** The keys of one {@code zip} group, stepping together. */
    private Axis zipGroup(Map<String, AxisValues> group, int index, Config base, Set<String> seen) {
        List<String> keys = new ArrayList<>();
        List<List<Object>> lists = new ArrayList<>();
        group.forEach((name, values) -> {
            String where = SweepSpec.zipAxis(index, name);
            Key key = sweptKey(name, where, seen);
            List<Object> vals = values(key, values, where, base);
            if (!lists.isEmpty() && vals.size() != lists.get(0).size()) {
                throw error(SweepSpec.zipGroup(index) + ": lists of unequal length (" + keys.get(0) + " has "
                        + lists.get(0).size() + " values, " + key.name() + " has " + vals.size() + ")");
            }
            keys.add(key.name());
            lists.add(vals);
        });
        if (keys.isEmpty()) {
            throw error(SweepSpec.zipGroup(index) + " is empty");
        }
        return new Axis(keys, lists);
    }

    /** The config key of an axis, swept by no other axis. */
    private Key sweptKey(String name, String where, Set<String> seen) {
        Key key = axisKey(name, where);
        if (!seen.add(key.name())) {
            throw error(where + ": key '" + key.name() + "' is already swept by another axis");
        }
        return key;
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

    /** An axis' values, at least one, each checked against the config rules. */
    private List<Object> values(Key key, AxisValues written, String where, Config base) {
        if (written instanceof Range r) {
            r.problem().ifPresent(p -> {
                throw error(where + ": " + p);
            });
        }
        List<Object> raw = new ArrayList<>(written.values());
        if (raw.isEmpty()) {
            throw error(where + ": empty axis (give at least one value)");
        }
        if (key.name().equals("data")) {
            raw.replaceAll(v -> dataLocation(v, where));
        }
        return raw.stream().map(v -> parsed(key, v, where, base)).toList();
    }

    /** The value as the config holds it (an Integer for an int key, ...), or an error naming the rule. */
    private Object parsed(Key key, Object value, String where, Config base) {
        try {
            return base.with(Map.of(key.name(), value), "x").value(key.name());
        } catch (ConfigException e) {
            String reason = e.getMessage().replaceFirst("^x: ", "");
            throw error(where + ": value '" + value + "' is not allowed: " + reason);
        }
    }

    private List<Long> seeds(SeedValues written, Config base) {
        if (written == null) {
            return List.of(base.seed());
        }
        List<Long> seeds = written instanceof Range r ? seedRange(r) : ((SeedValues.SeedList) written).seeds();
        if (seeds.isEmpty()) {
            throw error(SweepSpec.SEEDS_EXPECTED);
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw error("seeds: a seed is listed twice");
        }
        return seeds;
    }

    private List<Long> seedRange(Range range) {
        range.problem().ifPresent(p -> {
            throw error("seeds: " + p);
        });
        if (!range.integral()) {
            throw error("seeds: a seed range needs integer from, to and step");
        }
        return range.values().stream().map(Long.class::cast).toList();
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
        String data = point.data();
        if (!data.isEmpty() && checkedData.add(data + "\n" + point.network())) {
            try {
                ImportedWorkload.check(models.get(data), plan.network(point));
            } catch (WorkloadException e) {
                throw error("data '" + ModelData.pathOf(data) + "' with network '" + point.network()
                        + "': " + e.getMessage());
            }
        }
    }

    private Map<String, Network> networks(Config base, List<Axis> axes) {
        Map<String, String> where = new LinkedHashMap<>();
        if (axes.stream().noneMatch(a -> a.keys().contains("network"))) {
            where.put(base.network(), "base/fixed 'network'");
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

    /**
     * Identifies the sweep for resuming: the file's tree as JSON (so layout and comments do not
     * count) and the resolved base. Kept as it was, so folders written before stay resumable.
     */
    private static String definitionHash(JsonNode tree, Config base) {
        try {
            return Config.sha256(JSON.writeValueAsString(tree) + "\n" + base.pointId()).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SweepException error(String message) {
        return new SweepException(origin + ": " + message);
    }
}
