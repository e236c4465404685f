package org.sresim.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads configuration files and {@code --set key=value} overrides into a {@link Config}.
 * Files are nested YAML ({@code ou: {rows: 9}}) or flat dotted keys ({@code ou.rows: 9}); both
 * flatten to the same dotted keys, so a sweep axis, a {@code --set} and a file line are one name.
 * Reading, then checking: {@link #readFlat} only reads a file into flat keys and raw values
 * (well-formed YAML, no key twice, single values); the keys are then checked against {@link Keys},
 * and each value is parsed by its key's type ({@link Config#with}).
 */
public final class ConfigLoader {
    /** The defaults, {@code conf/sre-isaac.yaml}, bundled into the jar at build time. */
    public static final String BUNDLED = "sre-isaac.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /** The bundled defaults. */
    public static Config defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + BUNDLED + " missing from the class path");
            }
            Map<String, Object> flat = flatten(YAML.readTree(in), BUNDLED);
            return new Config(parseAll(flat, BUNDLED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A base file layered over the bundled defaults: keys it names replace the defaults, keys it
     * omits keep them, and a key it misspells is an error naming the file.
     */
    public static Config load(Path file) {
        Map<String, Object> flat = readFlat(file);
        // every key before any value: a misspelt key is the likelier mistake, and its message suggests the fix
        flat.keySet().forEach(key -> Keys.require(key, file.toString()));
        return defaults().with(flat, file.toString());
    }

    /** Reads a YAML file into flat dotted keys, values still raw YAML scalars; the keys are not checked here. */
    public static Map<String, Object> readFlat(Path file) {
        String origin = file.toString();
        try {
            String text = Files.readString(file);
            String duplicate = DuplicateKeys.inYaml(text);
            if (duplicate != null) {
                throw new ConfigException(origin + ": " + duplicate);
            }
            JsonNode root = YAML.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Map.of();
            }
            return flatten(root, origin);
        } catch (NoSuchFileException e) {
            throw new ConfigException(origin + ": file not found");
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getOriginalMessage().replace('\n', ' '));
        } catch (IOException e) {
            throw new ConfigException(origin + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses {@code key=value} strings (the {@code --set} syntax) into raw overrides. */
    public static Map<String, Object> parseAssignments(List<String> assignments) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set '" + a + "': expected key=value, e.g. --set ou.rows=16");
            }
            String key = a.substring(0, eq).trim();
            Keys.require(key, "--set");
            out.put(key, a.substring(eq + 1).trim());
        }
        return out;
    }

    static Map<String, Object> flatten(JsonNode root, String origin) {
        if (!root.isObject()) {
            throw new ConfigException(origin + ": expected a map of keys at the top level");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flattenInto(root, "", flat, origin);
        return flat;
    }

    private static void flattenInto(JsonNode node, String prefix, Map<String, Object> flat, String origin) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                flattenInto(v, key, flat, origin);
            } else if (v.isArray()) {
                throw new ConfigException(origin + ": key '" + key + "' holds a list; a config value is a single value");
            } else if (flat.put(key, scalar(v)) != null) {
                throw new ConfigException(origin + ": key '" + key + "' is given twice");
            }
        }
    }

    /** The YAML scalar as Integer, Long, Double, Boolean or String. */
    private static Object scalar(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.asText();
    }

    private static Map<String, Object> parseAll(Map<String, Object> flat, String origin) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            Key key = Keys.require(e.getKey(), origin); // its message names the origin already
            try {
                parsed.put(e.getKey(), key.parse(e.getValue()));
            } catch (ConfigException ex) {
                throw new ConfigException(origin + ": " + ex.getMessage());
            }
        }
        return parsed;
    }
}
