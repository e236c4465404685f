package org.sresim.workload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.sresim.config.BindingPath;

/**
 * Binds a network file's tree to a {@link NetworkSpec}. Jackson checks the shape of the file (known
 * keys, integers where integers belong, maps where maps belong); this class turns its errors into
 * the one-line messages users see, naming the file, the layer and the key, and echoing the value as
 * written. Ranges, types and references are checked later, on the bound records.
 */
final class NetworkSpecBinder {

    static final List<String> TOP_KEYS = List.of("name", "input", "layers");
    static final List<String> LAYER_KEYS = List.of("name", "type", "out", "kernel", "stride", "padding", "from",
            "heads", "class-tokens", "pruning.ratio", "pruning.filter", "pruning.shape", "pruning.element",
            "activation.sparsity", "activation.scale-bits", "activation.draw", "activation.distribution", "ou.rows",
            "ou.cols", "adc.bits");
    /** The groups a layer may write nested ({@code pruning: {ratio: 0.5}}) or flat ({@code pruning.ratio: 0.5}). */
    static final Map<String, String> GROUP_EXAMPLES = Map.of(
            "pruning", "ratio: 0.5", "activation", "sparsity: 0.5", "ou", "rows: 9", "adc", "bits: 5");

    /** What each layer value must be, for the message when it is not. */
    static final String INTEGER = "an integer";
    static final String FRACTION = "a number in [0, 1)";
    static final String SCALE_BITS = "a number in [" + (int) ActivationDraw.MIN_SCALE_BITS + ", "
            + (int) ActivationDraw.MAX_SCALE_BITS + "]";
    static final String OU_SIZE = "an integer in 1..4096";
    static final String ADC_BITS = "auto or an integer in 1..16";
    static final String DRAW = ActivationDraw.RANDOM + " or " + ActivationDraw.STRATIFIED;
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("out", INTEGER), Map.entry("kernel", INTEGER), Map.entry("stride", INTEGER),
            Map.entry("padding", INTEGER), Map.entry("heads", INTEGER), Map.entry("class-tokens", INTEGER),
            Map.entry("pruning.ratio", FRACTION), Map.entry("pruning.filter", FRACTION),
            Map.entry("pruning.shape", FRACTION), Map.entry("pruning.element", FRACTION),
            Map.entry("activation.sparsity", FRACTION), Map.entry("activation.scale-bits", SCALE_BITS),
            Map.entry("activation.draw", DRAW),
            Map.entry("activation.distribution", "one of " + ActivationDistribution.allowed()),
            Map.entry("ou.rows", OU_SIZE), Map.entry("ou.cols", OU_SIZE), Map.entry("adc.bits", ADC_BITS));

    /**
     * Strict binding: no text read as a number, no fraction cut off ({@code 7.0} is the integer 7,
     * {@code 2.5} is an error). Names may be numbers ({@code name: 1}), so numbers convert to text.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().addDeserializer(Integer.class, new WholeNumbers()))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert))
            .build();

    private NetworkSpecBinder() {
    }

    /** An integer, or a float without a fraction ({@code 7.0}); {@code 2.5} or {@code 1e10} is an error. */
    private static final class WholeNumbers extends StdScalarDeserializer<Integer> {
        WholeNumbers() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            boolean number = p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT;
            BigDecimal v = number ? p.getDecimalValue() : null;
            if (v == null || v.stripTrailingZeros().scale() > 0 || v.abs().compareTo(INT_LIMIT) >= 0) {
                return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
            }
            return v.intValue();
        }
    }

    private static final BigDecimal INT_LIMIT = BigDecimal.valueOf(Integer.MAX_VALUE);

    /** Binds a non-empty map; {@code where} starts every error. */
    static NetworkSpec bind(String where, ObjectNode root) {
        ObjectNode tree = nestDottedKeys(where, root);
        try {
            return MAPPER.treeToValue(tree, NetworkSpec.class);
        } catch (JsonMappingException e) {
            throw translate(where, tree, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("binding a parsed tree cannot fail to read it", e);
        }
    }

    /**
     * A copy of the tree whose layers write every group nested: {@code pruning.ratio: 0.5} becomes
     * {@code pruning: {ratio: 0.5}}. A value written both ways is an error; a group that is not a
     * map is left for the binding to report.
     */
    private static ObjectNode nestDottedKeys(String where, ObjectNode root) {
        ObjectNode tree = root.deepCopy();
        if (tree.get("layers") instanceof ArrayNode layers) {
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof ObjectNode layer) {
                    layers.set(i, nestLayer(layerPrefix(where, layer, i), layer));
                }
            }
        }
        return tree;
    }

    private static ObjectNode nestLayer(String p, ObjectNode layer) {
        ObjectNode out = layer.objectNode();
        layer.properties().forEach(e -> {
            if (group(e.getKey()) == null) {
                out.set(e.getKey(), e.getValue());
            }
        });
        layer.properties().forEach(e -> {
            String key = e.getKey();
            String group = group(key);
            String sub = group == null ? null : key.substring(group.length() + 1);
            JsonNode nested = out.get(group == null ? "" : group);
            if (group == null || !present(e.getValue()) || (present(nested) && !nested.isObject())) {
                return; // not a group key, not given, or a group that is not a map: the binding reports that
            }
            if (present(nested) && present(nested.get(sub))) {
                throw new WorkloadException(p + "'" + key + "' is given twice (as '" + key + "' and as '" + group
                        + ": {" + sub + ": ...}')");
            }
            if (!present(nested)) {
                out.set(group, layer.objectNode());
            }
            ((ObjectNode) out.get(group)).set(sub, e.getValue());
        });
        return out;
    }

    /** The group of a flat dotted key ({@code pruning} of {@code pruning.ratio}), null for any other key. */
    private static String group(String key) {
        int dot = key.indexOf('.');
        return dot > 0 && GROUP_EXAMPLES.containsKey(key.substring(0, dot)) ? key.substring(0, dot) : null;
    }

    /** The one-line message for a binding error, from where it happened and the value written there. */
    private static WorkloadException translate(String where, JsonNode tree, JsonMappingException e) {
        List<Object> path = BindingPath.of(e);
        boolean unknown = e instanceof UnrecognizedPropertyException;
        if (path.isEmpty()) {
            return new WorkloadException(where + ": must be a map with keys " + String.join(", ", TOP_KEYS));
        }
        String top = path.get(0).toString();
        JsonNode value = tree.get(top);
        if (unknown && path.size() == 1) {
            return new WorkloadException(where + ": unknown key '" + top + "' (allowed: " + String.join(", ", TOP_KEYS)
                    + ")");
        }
        return switch (top) {
            case "name" -> new WorkloadException(where + ": 'name' must be a non-empty text, got " + describe(value));
            case "input" -> new WorkloadException(where + ": 'input' must be " + ShapeInference.INPUT_FORMS
                    + " (integers), got " + describe(value));
            default -> path.size() == 1
                    ? new WorkloadException(where + ": 'layers' must be a list of layers, got " + describe(value))
                    : layerError(where, value, path, unknown);
        };
    }

    private static WorkloadException layerError(String where, JsonNode layers, List<Object> path, boolean unknown) {
        int index = (Integer) path.get(1);
        JsonNode layer = layers.get(index);
        if (path.size() == 2) {
            return new WorkloadException(where + ": layer #" + (index + 1) + " must be a map with keys "
                    + String.join(", ", LAYER_KEYS) + ", got " + describe(layer));
        }
        String p = layerPrefix(where, layer, index);
        String key = path.get(2).toString();
        JsonNode value = layer.get(key);
        if (GROUP_EXAMPLES.containsKey(key) && path.size() > 3 && path.get(3) instanceof String sub) {
            key = key + "." + sub;
            value = value.get(sub);
        } else if (GROUP_EXAMPLES.containsKey(key) && !unknown) {
            String example = GROUP_EXAMPLES.get(key);
            return new WorkloadException(p + "'" + key + "' must be a map like {" + example + "} (or write '" + key
                    + "." + example + "'), got " + describe(value));
        }
        if (unknown) {
            return unknownLayerKey(p, key);
        }
        return new WorkloadException(p + valueProblem(key, value));
    }

    /** What is wrong with a value Jackson could not bind to its key's type. */
    private static String valueProblem(String key, JsonNode value) {
        return switch (key) {
            case "name" -> "'name' must be a non-empty text, got " + describe(value);
            case "type" -> "unknown type " + describe(value) + " (allowed: " + LayerType.allowed() + ")";
            case "from" -> "'from' must name an earlier layer, got " + describe(value);
            default -> ALLOWED.get(key) == INTEGER && value.isIntegralNumber()
                    ? "'" + key + "' is too large: " + value.asText()
                    : "'" + key + "' must be " + ALLOWED.get(key) + ", got " + describe(value);
        };
    }

    static WorkloadException unknownLayerKey(String p, String key) {
        return new WorkloadException(p + "unknown key '" + key + "' (allowed: " + String.join(", ", LAYER_KEYS) + ")");
    }

    /** {@code "where: layer 'name': "}, or {@code "where: layer #n: "} for a layer without a usable name. */
    static String layerPrefix(String where, JsonNode layer, int index) {
        JsonNode name = layer == null ? null : layer.get("name");
        boolean named = present(name) && (name.isTextual() || name.isNumber()) && !name.asText().isBlank();
        return named ? LayerSpec.prefix(where, name.asText()) : where + ": layer #" + (index + 1) + ": ";
    }

    static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    /** A short one-line rendering of a value for error messages. */
    static String describe(JsonNode n) {
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
