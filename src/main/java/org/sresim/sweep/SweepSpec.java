package org.sresim.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file as written: its sections bound by Jackson, maps in file order, nothing resolved or
 * checked against the configuration yet. {@link SweepFile} validates it and builds the
 * {@link SweepPlan} from it.
 *
 * @param fixed key: value applied to every point; empty when absent
 * @param grid key: values, one axis each, in file order; empty when absent
 * @param zip groups of keys that step together; empty when absent
 * @param seeds null when absent (the base config's seed)
 */
@JsonDeserialize(builder = SweepSpec.Builder.class)
record SweepSpec(String name, String description, String base, Map<String, Scalar> fixed,
                 Map<String, AxisValues> grid, List<Map<String, AxisValues>> zip, SeedValues seeds) {
    static final String SEEDS_EXPECTED = "seeds: expected a non-empty list of integers, e.g. seeds: [1, 2, 3]";

    /**
     * Strict binding: an unknown key fails, a null fails (but for {@code base} and
     * {@code description}, where it means left out), and no text, empty text or fraction becomes a
     * number. Numbers and booleans are read as text where a text is expected ({@code name: 2024}),
     * which keeps their meaning.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL))
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    /**
     * Binds the YAML tree of {@code origin}: the tree the definition hash is taken of, so numbers
     * are read once and alike for both. A shape Jackson cannot bind (an unknown key, a wrong type,
     * a null) is a {@link SweepException} worded by {@link SpecErrors}.
     */
    static SweepSpec bind(JsonNode root, String origin) {
        if (root == null || !root.isObject()) {
            throw new SweepException(origin + ": expected a map with name, grid, ... at the top level");
        }
        try {
            return MAPPER.treeToValue(root, SweepSpec.class);
        } catch (JsonMappingException e) {
            throw new SweepException(origin + ": " + SpecErrors.message(e, root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("binding a parsed tree cannot fail to read it", e);
        }
    }

    static String badName(String name) {
        return "'name' must be a folder-safe word (letters, digits, . _ -), got '" + name + "'";
    }

    static String gridAxis(String key) {
        return "grid axis '" + key + "'";
    }

    /** {@code zip group 1} for the first group. */
    static String zipGroup(int index) {
        return "zip group " + (index + 1);
    }

    static String zipAxis(int index, String key) {
        return zipGroup(index) + " axis '" + key + "'";
    }

    /**
     * A builder, not a creator: Jackson calls a builder method only for a key the file has, so a
     * section left out stays absent while one written empty ({@code seeds:}, a null) meets the
     * null check and fails; a creator would receive null for both.
     */
    @JsonPOJOBuilder(withPrefix = "")
    static final class Builder {
        private String name;
        private String description;
        private String base;
        private Map<String, Scalar> fixed = Map.of();
        private Map<String, AxisValues> grid = Map.of();
        private List<Map<String, AxisValues>> zip = List.of();
        private SeedValues seeds;

        @JsonProperty("name")
        Builder name(String value) {
            name = value;
            return this;
        }

        @JsonProperty("description")
        @JsonSetter(nulls = Nulls.SET)
        Builder description(String value) {
            description = value;
            return this;
        }

        /** {@code base: null} means the bundled defaults, as leaving it out does. */
        @JsonProperty("base")
        @JsonSetter(nulls = Nulls.SET)
        Builder base(String value) {
            base = value;
            return this;
        }

        @JsonProperty("fixed")
        Builder fixed(LinkedHashMap<String, Scalar> value) {
            fixed = Collections.unmodifiableMap(value);
            return this;
        }

        @JsonProperty("grid")
        Builder grid(LinkedHashMap<String, AxisValues> value) {
            grid = Collections.unmodifiableMap(value);
            return this;
        }

        @JsonProperty("zip")
        Builder zip(List<LinkedHashMap<String, AxisValues>> value) {
            zip = value.stream().map(Collections::unmodifiableMap).toList();
            return this;
        }

        @JsonProperty("seeds")
        Builder seeds(SeedValues value) {
            seeds = value;
            return this;
        }

        SweepSpec build() {
            return new SweepSpec(name, description, base, fixed, grid, zip, seeds);
        }
    }
}
