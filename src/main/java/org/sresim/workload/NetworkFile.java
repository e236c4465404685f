package org.sresim.workload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sresim.config.DuplicateKeys;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a network file (YAML; JSON is accepted as it is YAML) into a {@link Network} in three steps: the
 * text is read as a tree (syntax and duplicate keys), the tree is bound to a {@link NetworkSpec}
 * ({@link NetworkSpecBinder}: known keys and value types), and the spec is validated and built here, in
 * small functions (ranges, which keys each layer type takes; shapes and references in
 * {@link ShapeInference}). Every problem is one line naming the file and the layer.
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

    private static final List<String> TOP_KEYS = NetworkSpecBinder.TOP_KEYS;
    private static final List<String> LAYER_KEYS = NetworkSpecBinder.LAYER_KEYS;

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
        if (!(root instanceof ObjectNode map)) {
            throw new WorkloadException(where + ": must be a map with keys " + String.join(", ", TOP_KEYS)
                    + ", got " + NetworkSpecBinder.describe(root));
        }
        return build(where, defaultName, NetworkSpecBinder.bind(where, map));
    }

    /** Validates a bound file and builds its network. */
    private static Network build(String where, String defaultName, NetworkSpec spec) {
        String name = defaultName;
        if (spec.name() != null) {
            name = spec.name();
            if (name.isBlank()) {
                throw new WorkloadException(where + ": 'name' must be a non-empty text, got '" + name + "'");
            }
        }
        List<Integer> input = input(where, spec.input());
        if (spec.layers() == null) {
            throw new WorkloadException(where + ": missing 'layers' (a list of layers)");
        }
        if (spec.layers().isEmpty()) {
            throw new WorkloadException(where + ": 'layers' is empty; a network needs at least one conv or fc layer");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            layers.add(layer(where, i + 1, spec.layers().get(i)));
        }
        ShapeInference.infer(where, input, layers);
        return new Network(name, input, layers);
    }

    private static List<Integer> input(String where, List<Integer> input) {
        if (input == null) {
            throw new WorkloadException(where + ": missing 'input' (" + ShapeInference.INPUT_FORMS + ")");
        }
        if (input.isEmpty() || input.size() > 3 || input.contains(null)) {
            throw new WorkloadException(where + ": 'input' must be " + ShapeInference.INPUT_FORMS + " (integers),"
                    + " got " + input.toString().replace(" ", ""));
        }
        return input;
    }

    private static LayerSpec layer(String where, int position, NetworkSpec.Layer l) {
        if (l == null) {
            throw new WorkloadException(where + ": layer #" + position + " must be a map with keys "
                    + String.join(", ", LAYER_KEYS) + ", got null");
        }
        boolean named = l.name() != null && !l.name().isBlank();
        String p = named ? LayerSpec.prefix(where, l.name()) : where + ": layer #" + position + ": ";
        if (!named) {
            throw new WorkloadException(p + (l.name() != null ? "'name' must be a non-empty text, got '" + l.name()
                    + "'" : "missing 'name'"));
        }
        LayerType type = type(p, l.type());
        Geometry g = geometry(p, l, type);
        if (l.from() != null && l.from().isBlank()) {
            throw new WorkloadException(p + "'from' must name an earlier layer, got '" + l.from() + "'");
        }
        NetworkSpec.Pruning pruning = l.pruningOrNone();
        Double ratio = fraction(p, "pruning.ratio", pruning.ratio());
        Double sparsity = fraction(p, "activation.sparsity", l.activationOrNone().sparsity());
        PruningProfile profile = profile(p, pruning, type);
        if (profile != null && ratio != null) {
            throw new WorkloadException(p + "give either 'pruning.ratio' or a published profile"
                    + " 'pruning: {filter, shape, element}', not both");
        }
        if (ratio != null || sparsity != null) {
            requireCrossbars(p, type, "has no weights or crossbar inputs: 'pruning.*' and 'activation.*' apply to"
                    + " conv, fc and linear layers");
        }
        ActivationDraw draw = activationDraw(p, l.activationOrNone(), type);
        LayerSpec.check(where, l.name(), type, g.out, g.kernel, g.stride, g.padding, l.from(), ratio, sparsity);
        LayerHardware hardware = hardware(p, l, type);
        return new LayerSpec(l.name(), type, g.out, g.kernel, g.stride, g.padding, l.from(), ratio, sparsity, profile,
                draw, hardware, g.heads, g.classTokens);
    }

    private static LayerType type(String p, String type) {
        if (type == null) {
            throw new WorkloadException(p + "missing 'type' (allowed: " + LayerType.allowed() + ")");
        }
        return LayerType.fromYamlName(type).orElseThrow(() -> new WorkloadException(p + "unknown type '" + type
                + "' (allowed: " + LayerType.allowed() + ")"));
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
    private static final List<String> OPTIONAL_SIZES = List.of("stride", "padding", "class-tokens");

    private static Geometry geometry(String p, NetworkSpec.Layer l, LayerType type) {
        List<String> takes = SIZE_KEYS.get(type);
        Map<String, Integer> sizes = l.sizes();
        String kind = LayerSpec.kind(type);
        for (String key : sizes.keySet()) {
            if (!takes.contains(key)) {
                throw new WorkloadException(p + (type == LayerType.POOL && key.equals("out")
                        ? "a pool layer keeps its input channels and takes no 'out'"
                        : kind + " takes no '" + key + "' (it takes " + String.join(", ", takes) + ")"));
            }
        }
        for (String needed : takes) {
            if (!sizes.containsKey(needed) && !OPTIONAL_SIZES.contains(needed)) {
                throw new WorkloadException(p + kind + " needs '" + needed + "'" + (needed.equals("out")
                        ? " (output " + (type == LayerType.CONV ? "channels)" : "features)") : ""));
            }
        }
        return new Geometry(sizes.getOrDefault("out", 0), sizes.getOrDefault("kernel", 0),
                sizes.getOrDefault("stride", takes.contains("stride") ? 1 : 0), sizes.getOrDefault("padding", 0),
                sizes.getOrDefault("heads", 0), sizes.getOrDefault("class-tokens", 0));
    }

    /**
     * {@code activation: {scale-bits: s, draw: random|stratified, distribution: d}}, or null when the
     * layer gives none of them. A real scale is allowed: twins fit it to a measured one-bit fraction.
     */
    private static ActivationDraw activationDraw(String p, NetworkSpec.Activation a, LayerType type) {
        if (a.scaleBits() == null && a.draw() == null && a.distribution() == null) {
            return null;
        }
        requireCrossbars(p, type, "draws no activations ('activation.*' is for conv, fc and linear layers)");
        Double bits = null;
        if (a.scaleBits() != null) {
            double v = a.scaleBits().doubleValue();
            if (!(v >= ActivationDraw.MIN_SCALE_BITS && v <= ActivationDraw.MAX_SCALE_BITS)) {
                throw new WorkloadException(p + "'activation.scale-bits' must be " + NetworkSpecBinder.SCALE_BITS
                        + ", got " + a.scaleBits());
            }
            bits = v;
        }
        if (a.draw() != null && !ActivationDraw.RANDOM.equals(a.draw()) && !ActivationDraw.STRATIFIED.equals(a.draw())) {
            throw new WorkloadException(p + "'activation.draw' must be " + NetworkSpecBinder.DRAW + ", got '" + a.draw()
                    + "'");
        }
        ActivationDistribution dist = a.distribution() == null ? null : ActivationDistribution.byName(a.distribution());
        if (a.distribution() != null && dist == null) {
            throw new WorkloadException(p + "'activation.distribution' must be one of "
                    + ActivationDistribution.allowed() + ", got '" + a.distribution() + "'");
        }
        try {
            return new ActivationDraw(bits, ActivationDraw.STRATIFIED.equals(a.draw()), dist);
        } catch (WorkloadException e) {
            throw new WorkloadException(p + e.getMessage());
        }
    }

    /**
     * A published sparsity profile {@code pruning: {filter: f, shape: s, element: e}}, or null when the
     * layer has none. {@code element} is required; {@code filter} and {@code shape} default to 0.
     */
    private static PruningProfile profile(String p, NetworkSpec.Pruning pruning, LayerType type) {
        Double filter = fraction(p, "pruning.filter", pruning.filter());
        Double shape = fraction(p, "pruning.shape", pruning.shape());
        Double element = fraction(p, "pruning.element", pruning.element());
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

    /** The layer's own OU shape and ADC resolution, or null when it sets none. */
    private static LayerHardware hardware(String p, NetworkSpec.Layer l, LayerType type) {
        Integer rows = l.ou() == null ? null : l.ou().rows();
        Integer cols = l.ou() == null ? null : l.ou().cols();
        Object adc = l.adc() == null ? null : l.adc().bits();
        if (rows == null && cols == null && adc == null) {
            return null;
        }
        requireCrossbars(p, type, "has no crossbars: 'ou.rows', 'ou.cols' and 'adc.bits' apply to conv, fc and"
                + " linear layers only");
        Integer bits = adc == null ? null : "auto".equals(adc) ? (Integer) LayerHardware.AUTO
                : bounded(p, "adc.bits", adc, 16, NetworkSpecBinder.ADC_BITS);
        return new LayerHardware(rows == null ? null : bounded(p, "ou.rows", rows, 4096, NetworkSpecBinder.OU_SIZE),
                cols == null ? null : bounded(p, "ou.cols", cols, 4096, NetworkSpecBinder.OU_SIZE), bits);
    }

    /**
     * The keys of weights, crossbars and their inputs belong to conv, fc and linear layers: any other
     * type gives "a pool layer " + {@code problem}, naming the file and the layer.
     */
    private static void requireCrossbars(String p, LayerType type, String problem) {
        if (!type.isMatrix()) {
            throw new WorkloadException(p + LayerSpec.kind(type) + " " + problem);
        }
    }

    private static int bounded(String p, String key, Object v, int max, String allowed) {
        if (!(v instanceof Integer i) || i < 1 || i > max) {
            throw new WorkloadException(p + "'" + key + "' must be " + allowed + ", got "
                    + (v instanceof String t ? "'" + t + "'" : v));
        }
        return i;
    }

    /** A fraction in [0, 1), as a double, or null when absent. */
    private static Double fraction(String p, String key, BigDecimal v) {
        if (v == null) {
            return null;
        }
        double d = v.doubleValue();
        if (!(d >= 0.0 && d < 1.0)) {
            throw new WorkloadException(p + "'" + key + "' must be in [0, 1), got " + v);
        }
        return d;
    }
}
