package org.sresim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.sresim.engine.Metrics;
import org.sresim.engine.SimulationResult;

/**
 * The {@code simulate --format json} document: one object with the point, network rows and layer rows.
 * A value without a definition (a ratio whose denominator is zero: NaN or Infinity in the engine) is
 * written as {@code null}, as the result tables hold it as NULL; JSON has no Infinity or NaN.
 */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    static String toJson(SimulationResult r) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode point = root.putObject("point");
        point.put("network", r.network());
        point.put("seed", r.config().seed());
        ObjectNode config = point.putObject("config");
        for (Map.Entry<String, Object> e : r.config().values().entrySet()) {
            config.set(e.getKey(), value(e.getValue()));
        }
        point.put("config_hash", r.config().hash());
        point.put("point_id", r.config().pointId());
        rows(root.putArray("network"), r.networkRows(), false);
        rows(root.putArray("layers"), r.layerRows(), true);
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rows(ArrayNode array, List<Metrics> rows, boolean layers) {
        for (Metrics m : rows) {
            ObjectNode o = array.addObject();
            if (layers) {
                o.put("layer", m.layer());
                o.put("index", m.layerIndex());
            }
            o.put("scheme", m.scheme().id());
            for (Metrics.Column c : Metrics.COLUMNS) {
                o.set(c.name(), value(c.value().apply(m)));
            }
        }
    }

    /** The JSON of one value; {@code null} for a non-finite number. */
    static JsonNode value(Object v) {
        if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
            return NullNode.getInstance();
        }
        return JSON.valueToTree(v);
    }
}
