package org.sresim.workload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sresim.config.DuplicateKeys;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a network file (YAML; JSON is accepted as it is YAML) into a {@link Network}. The file is read as a
 * tree and checked by hand so that every problem is reported as one line naming the file and the layer.
 *
 * <pre>
 * name: tiny                 # optional, defaults to the file name without extension
 * input: [3, 32, 32]         # [channels, height, width], [tokens, features] or [features]
 * layers:
 *   - {name: c1, type: conv, out: 16, kernel: 3, padding: 1}      # stride defaults to 1, padding to 0
 *   - {name: p1, type: pool, kernel: 2, stride: 2}
 *   - {name: c2, type: conv, out: 32, kernel: 3, pruning.ratio: 0.5}
 *   - {name: c3, type: conv, out: 32, kernel: 1, from: p1, activation: {sparsity: 0.3}}
 *   - {name: c4, type: conv, out: 32, kernel: 1, activation: {sparsity: 0.4, scale-bits: 11.5, draw: stratified}}
 *   - {name: f1, type: fc, out: 10}
 * </pre>
 */
final class NetworkFile {

    static final List<String> TOP_KEYS = List.of("name", "input", "layers");
    static final List<String> LAYER_KEYS = List.of("name", "type", "out", "kernel", "stride", "padding", "from",
            "heads", "class-tokens", "pruning.ratio", "pruning.filter", "pruning.shape", "pruning.element",
            "activation.sparsity", "activation.scale-bits", "activation.draw", "activation.distribution", "ou.rows",
            "ou.cols", "adc.bits");
    /** The sub-keys a nested {@code pruning:}, {@code activation:}, {@code ou:} or {@code adc:} map may hold. */
    private static final Map<String, List<String>> GROUP_KEYS = Map.of(
            "pruning", List.of("ratio", "filter", "shape", "element"),
            "activation", List.of("sparsity", "scale-bits", "draw", "distribution"),
            "ou", List.of("rows", "cols"),
            "adc", List.of("bits"));

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private NetworkFile() {
    }

    /** Reads and checks a network file; errors start with the path as given. */
    static Network load(Path file) {
        String where = String.valueOf(file);
        if (file == null) {
            throw new WorkloadException("no network file given");
        }
        if (Files.isDirectory(file)) {
            throw new WorkloadException(where + ": is a directory, not a network file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new WorkloadException(where + ": no such network file");
        } catch (CharacterCodingException e) {
            throw new WorkloadException(where + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new WorkloadException(where + ": cannot read the network file (" + e + ")");
        }
        Path fileName = file.getFileName();
        String stem = fileName == null ? where : fileName.toString();
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        return parse(where, stem, text);
    }

    /** Parses network text; {@code where} starts every error message, {@code defaultName} is used without 'name'. */
    static Network parse(String where, String defaultName, String text) {
        String duplicate = DuplicateKeys.inYaml(text);
        if (duplicate == null && text.stripLeading().startsWith("{")) {
            duplicate = DuplicateKeys.inJson(text); // JSON with tabs is not YAML
        }
        if (duplicate != null) {
            throw new WorkloadException(where + ": " + duplicate);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException yamlError) {
            // JSON is YAML, except that YAML forbids the tab indentation JSON files often have: a document
            // that opens like JSON is also tried as JSON, and the JSON error reported if both fail.
            String start = text.stripLeading();
            if (!start.startsWith("{") && !start.startsWith("[")) {
                throw new WorkloadException(where + ": not valid YAML/JSON: " + describe(yamlError));
            }
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException jsonError) {
                throw new WorkloadException(where + ": not valid YAML/JSON: " + describe(jsonError));
            }
        }
        return parse(where, defaultName, root);
    }

    /** One line: the problem and where it is. */
    private static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y && y.getProblem() != null) {
                Mark m = y.getProblemMark();
                return oneLine(y.getProblem())
                        + (m == null ? "" : " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")");
            }
        }
        String msg = oneLine(e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage());
        if (msg.startsWith("Trailing token")) {
            msg = "more than one document (a network file holds one network)";
        }
        msg = msg.replaceAll("\\[Source: [^;\\]]*; ", "[");
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            msg += " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        return msg;
    }

    private static String oneLine(String s) {
        s = s.strip();
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip().replace('\t', ' ');
    }

    static Network parse(String where, String defaultName, JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new WorkloadException(where + ": the network file is empty");
        }
        if (!root.isObject()) {
            throw new WorkloadException(where + ": must be a map with keys " + String.join(", ", TOP_KEYS)
                    + ", got " + describe(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new WorkloadException(where + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", TOP_KEYS) + ")");
            }
        }
        String name = defaultName;
        JsonNode nameNode = root.get("name");
        if (present(nameNode)) {
            name = scalarText(nameNode);
            if (name == null || name.isBlank()) {
                throw new WorkloadException(where + ": 'name' must be a non-empty text, got " + describe(nameNode));
            }
        }
        List<Integer> input = input(where, root.get("input"));
        JsonNode layersNode = root.get("layers");
        if (!present(layersNode)) {
            throw new WorkloadException(where + ": missing 'layers' (a list of layers)");
        }
        if (!layersNode.isArray()) {
            throw new WorkloadException(where + ": 'layers' must be a list of layers, got " + describe(layersNode));
        }
        if (layersNode.isEmpty()) {
            throw new WorkloadException(where + ": 'layers' is empty; a network needs at least one conv or fc layer");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            layers.add(layer(where, i + 1, layersNode.get(i)));
        }
        ShapeInference.infer(where, input, layers);
        return new Network(name, input, layers);
    }

    private static List<Integer> input(String where, JsonNode node) {
        if (!present(node)) {
            throw new WorkloadException(where + ": missing 'input' (" + ShapeInference.INPUT_FORMS + ")");
        }
        List<Integer> input = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode d : node) {
                Integer v = d.isNumber() && d.canConvertToExactIntegral() && d.canConvertToInt() ? d.intValue() : null;
                if (v == null) {
                    input = null;
                    break;
                }
                input.add(v);
            }
        }
        if (!node.isArray() || input == null || input.isEmpty() || input.size() > 3) {
            throw new WorkloadException(where + ": 'input' must be " + ShapeInference.INPUT_FORMS + " (integers),"
                    + " got " + describe(node));
        }
        return input;
    }

    private static LayerSpec layer(String where, int position, JsonNode node) {
        if (!present(node) || !node.isObject()) {
            throw new WorkloadException(where + ": layer #" + position + " must be a map with keys "
                    + String.join(", ", LAYER_KEYS) + ", got " + describe(node));
        }
        JsonNode nameNode = node.get("name");
        String name = present(nameNode) ? scalarText(nameNode) : null;
        boolean named = name != null && !name.isBlank();
        String p = named ? LayerSpec.prefix(where, name) : where + ": layer #" + position + ": ";
        checkKeys(p, node); // a misspelt 'name' is better reported as such than as a missing name
        if (!named) {
            throw new WorkloadException(p + (present(nameNode) ? "'name' must be a non-empty text, got "
                    + describe(nameNode) : "missing 'name'"));
        }
        LayerType type = type(p, node.get("type"));
        Geometry g = geometry(p, node, type);
        String from = null;
        JsonNode fromNode = node.get("from");
        if (present(fromNode)) {
            from = scalarText(fromNode);
            if (from == null || from.isBlank()) {
                throw new WorkloadException(p + "'from' must name an earlier layer, got " + describe(fromNode));
            }
        }
        Double pruning = ratio(p, node, "pruning", "ratio");
        Double sparsity = ratio(p, node, "activation", "sparsity");
        PruningProfile profile = profile(p, node, type);
        if (profile != null && pruning != null) {
            throw new WorkloadException(p + "give either 'pruning.ratio' or a published profile"
                    + " 'pruning: {filter, shape, element}', not both");
        }
        if (pruning != null || sparsity != null) {
            requireCrossbars(p, type, "has no weights or crossbar inputs: 'pruning.*' and 'activation.*' apply to"
                    + " conv, fc and linear layers");
        }
        ActivationDraw draw = activationDraw(p, node, type);
        LayerSpec.check(where, name, type, g.out, g.kernel, g.stride, g.padding, from, pruning, sparsity);
        LayerHardware hardware = hardware(p, node, type);
        return new LayerSpec(name, type, g.out, g.kernel, g.stride, g.padding, from, pruning, sparsity, profile, draw,
                hardware, g.heads, g.classTokens);
    }

    /** Every key of a layer map is known, and every group ({@code pruning:}, ...) is a map of known sub-keys. */
    private static void checkKeys(String p, JsonNode node) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (GROUP_KEYS.containsKey(key)) {
                String sub = GROUP_KEYS.get(key).get(0)
                        + (key.equals("ou") ? ": 9" : key.equals("adc") ? ": 5" : ": 0.5");
                JsonNode v = e.getValue();
                if (!v.isObject()) {
                    throw new WorkloadException(p + "'" + key + "' must be a map like {" + sub + "}"
                            + " (or write '" + key + "." + sub + "'), got " + describe(v));
                }
                for (Iterator<String> subs = v.fieldNames(); subs.hasNext(); ) {
                    String s = subs.next();
                    if (!GROUP_KEYS.get(key).contains(s)) {
                        throw unknownKey(p, key + "." + s);
                    }
                }
            } else if (!LAYER_KEYS.contains(key)) {
                throw unknownKey(p, key);
            }
        }
    }

    private static LayerType type(String p, JsonNode typeNode) {
        if (!present(typeNode)) {
            throw new WorkloadException(p + "missing 'type' (allowed: " + LayerType.allowed() + ")");
        }
        LayerType type = typeNode.isTextual() ? LayerType.fromYamlName(typeNode.textValue()).orElse(null) : null;
        if (type == null) {
            throw new WorkloadException(p + "unknown type " + describe(typeNode) + " (allowed: " + LayerType.allowed()
                    + ")");
        }
        return type;
    }

    /** The size keys of one layer: which a type needs, takes and refuses. */
    private record Geometry(int out, int kernel, int stride, int padding, int heads, int classTokens) {
    }

    /** The keys each type needs (first) or may give; every other size key is refused. */
    private static final Map<LayerType, List<String>> SIZE_KEYS = Map.of(
            LayerType.CONV, List.of("out", "kernel", "stride", "padding"),
            LayerType.POOL, List.of("kernel", "stride", "padding"),
            LayerType.FC, List.of("out"),
            LayerType.LINEAR, List.of("out"),
            LayerType.ATTENTION, List.of("heads"),
            LayerType.TOKENS, List.of("class-tokens"));

    private static Geometry geometry(String p, JsonNode node, LayerType type) {
        List<String> takes = SIZE_KEYS.get(type);
        String kind = LayerSpec.article(type) + type.yamlName() + " layer";
        for (String key : List.of("out", "kernel", "stride", "padding", "heads", "class-tokens")) {
            if (present(node.get(key)) && !takes.contains(key)) {
                if (type == LayerType.POOL && key.equals("out")) {
                    throw new WorkloadException(p + "a pool layer keeps its input channels and takes no 'out'");
                }
                throw new WorkloadException(p + kind + " takes no '" + key + "' (it takes " + String.join(", ", takes)
                        + ")");
            }
        }
        for (String needed : takes) {
            if (!present(node.get(needed)) && !List.of("stride", "padding", "class-tokens").contains(needed)
                    && !(type == LayerType.POOL && needed.equals("out"))) {
                throw new WorkloadException(p + kind + " needs '" + needed + "'" + (needed.equals("out")
                        ? " (output " + (type == LayerType.CONV ? "channels)" : "features)") : ""));
            }
        }
        return new Geometry(optionalInt(p, node, "out", 0), optionalInt(p, node, "kernel", 0),
                optionalInt(p, node, "stride", takes.contains("stride") ? 1 : 0), optionalInt(p, node, "padding", 0),
                optionalInt(p, node, "heads", 0), optionalInt(p, node, "class-tokens", 0));
    }

    private static int optionalInt(String p, JsonNode node, String key, int absent) {
        return present(node.get(key)) ? integer(p, node, key) : absent;
    }

    /**
     * {@code activation: {scale-bits: s, draw: random|stratified}} (flat keys work too), or null when
     * the layer gives neither. A real scale is allowed: twins fit it to a measured one-bit fraction.
     */
    private static ActivationDraw activationDraw(String p, JsonNode node, LayerType type) {
        JsonNode scale = groupValue(p, node, "activation", "scale-bits");
        JsonNode draw = groupValue(p, node, "activation", "draw");
        JsonNode distribution = groupValue(p, node, "activation", "distribution");
        if (scale == null && draw == null && distribution == null) {
            return null;
        }
        requireCrossbars(p, type, "draws no activations ('activation.*' is for conv, fc and linear layers)");
        Double bits = null;
        if (scale != null) {
            if (!scale.isNumber() || !Double.isFinite(scale.doubleValue())
                    || scale.doubleValue() < ActivationDraw.MIN_SCALE_BITS
                    || scale.doubleValue() > ActivationDraw.MAX_SCALE_BITS) {
                throw new WorkloadException(p + "'activation.scale-bits' must be a number in ["
                        + (int) ActivationDraw.MIN_SCALE_BITS + ", " + (int) ActivationDraw.MAX_SCALE_BITS
                        + "], got " + describe(scale));
            }
            bits = scale.doubleValue();
        }
        boolean stratified = false;
        if (draw != null) {
            String d = draw.isTextual() ? draw.textValue() : null;
            if (!ActivationDraw.RANDOM.equals(d) && !ActivationDraw.STRATIFIED.equals(d)) {
                throw new WorkloadException(p + "'activation.draw' must be " + ActivationDraw.RANDOM + " or "
                        + ActivationDraw.STRATIFIED + ", got " + describe(draw));
            }
            stratified = ActivationDraw.STRATIFIED.equals(d);
        }
        ActivationDistribution dist = null;
        if (distribution != null) {
            dist = distribution.isTextual() ? ActivationDistribution.byName(distribution.textValue()) : null;
            if (dist == null) {
                throw new WorkloadException(p + "'activation.distribution' must be one of "
                        + ActivationDistribution.allowed() + ", got " + describe(distribution));
            }
        }
        try {
            return new ActivationDraw(bits, stratified, dist);
        } catch (WorkloadException e) {
            throw new WorkloadException(p + e.getMessage());
        }
    }

    /** A value written flat ({@code group.sub: v}) or nested ({@code group: {sub: v}}), null when absent. */
    private static JsonNode groupValue(String p, JsonNode layer, String group, String sub) {
        String key = group + "." + sub;
        JsonNode flat = layer.get(key);
        JsonNode nestedGroup = layer.get(group);
        JsonNode nested = nestedGroup == null ? null : nestedGroup.get(sub);
        if (present(flat) && present(nested)) {
            throw new WorkloadException(p + "'" + key + "' is given twice (as '" + key + "' and as '" + group
                    + ": {" + sub + ": ...}')");
        }
        JsonNode v = present(flat) ? flat : nested;
        return present(v) ? v : null;
    }

    /**
     * A published sparsity profile {@code pruning: {filter: f, shape: s, element: e}} (flat keys
     * {@code pruning.element} etc. work too), or null when the layer has none. {@code element} is
     * required; {@code filter} and {@code shape} default to 0.
     */
    private static PruningProfile profile(String p, JsonNode node, LayerType type) {
        Double filter = ratio(p, node, "pruning", "filter");
        Double shape = ratio(p, node, "pruning", "shape");
        Double element = ratio(p, node, "pruning", "element");
        if (filter == null && shape == null && element == null) {
            return null;
        }
        requireCrossbars(p, type, "has no weights to prune");
        if (element == null) {
            throw new WorkloadException(p + "a published profile needs 'pruning.element' (the total fraction of"
                    + " zero weights); 'filter' and 'shape' are optional");
        }
        return new PruningProfile(filter == null ? 0 : filter, shape == null ? 0 : shape, element);
    }

    /**
     * The layer's own OU shape and ADC resolution ({@code ou.rows}, {@code ou.cols}, {@code adc.bits},
     * flat or nested), or null when it sets none.
     */
    private static LayerHardware hardware(String p, JsonNode node, LayerType type) {
        JsonNode rows = groupValue(p, node, "ou", "rows");
        JsonNode cols = groupValue(p, node, "ou", "cols");
        JsonNode adc = groupValue(p, node, "adc", "bits");
        if (rows == null && cols == null && adc == null) {
            return null;
        }
        requireCrossbars(p, type, "has no crossbars: 'ou.rows', 'ou.cols' and 'adc.bits' apply to conv, fc and"
                + " linear layers only");
        Integer bits = null;
        if (adc != null) {
            if (adc.isTextual() && adc.textValue().equals("auto")) {
                bits = LayerHardware.AUTO;
            } else {
                bits = boundedInt(p, "adc.bits", adc, 1, 16, "auto or an integer in 1..16");
            }
        }
        return new LayerHardware(rows == null ? null : boundedInt(p, "ou.rows", rows, 1, 4096, "an integer in 1..4096"),
                cols == null ? null : boundedInt(p, "ou.cols", cols, 1, 4096, "an integer in 1..4096"), bits);
    }

    /**
     * The keys of weights, crossbars and their inputs belong to conv, fc and linear layers: any other
     * type gives "a pool layer " + {@code problem}, naming the file and the layer.
     */
    private static void requireCrossbars(String p, LayerType type, String problem) {
        if (!type.isMatrix()) {
            throw new WorkloadException(p + LayerSpec.article(type) + type.yamlName() + " layer " + problem);
        }
    }

    private static int boundedInt(String p, String key, JsonNode v, int min, int max, String allowed) {
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()
                || v.intValue() < min || v.intValue() > max) {
            throw new WorkloadException(p + "'" + key + "' must be " + allowed + ", got " + describe(v));
        }
        return v.intValue();
    }

    private static WorkloadException unknownKey(String prefix, String key) {
        return new WorkloadException(prefix + "unknown key '" + key + "' (allowed: " + String.join(", ", LAYER_KEYS)
                + ")");
    }

    private static int integer(String p, JsonNode layer, String key) {
        JsonNode v = layer.get(key);
        if (!v.isNumber() || !v.canConvertToExactIntegral()) {
            throw new WorkloadException(p + "'" + key + "' must be an integer, got " + describe(v));
        }
        if (!v.canConvertToInt()) {
            throw new WorkloadException(p + "'" + key + "' is too large: " + v.asText());
        }
        return v.intValue();
    }

    /** A ratio written flat ({@code pruning.ratio: 0.5}) or nested ({@code pruning: {ratio: 0.5}}). */
    private static Double ratio(String p, JsonNode layer, String group, String sub) {
        String key = group + "." + sub;
        JsonNode v = groupValue(p, layer, group, sub);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw new WorkloadException(p + "'" + key + "' must be a number in [0, 1), got " + describe(v));
        }
        double d = v.doubleValue();
        if (!(d >= 0.0 && d < 1.0)) {
            throw new WorkloadException(p + "'" + key + "' must be in [0, 1), got " + v.asText());
        }
        return d;
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    /** The text of a scalar name (text or number), or null for anything else. */
    private static String scalarText(JsonNode n) {
        return n.isTextual() || n.isNumber() ? n.asText() : null;
    }

    /** A short one-line rendering of a value for error messages. */
    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "'" + n.textValue() + "'";
        }
        if (n.isObject()) {
            return "a map " + abbreviate(n.toString());
        }
        if (n.isArray()) {
            return abbreviate(n.toString());
        }
        return n.asText();
    }

    private static String abbreviate(String s) {
        s = s.replaceAll("\\s+", " ");
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
