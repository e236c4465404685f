package org.sresim.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network file as written, bound by Jackson ({@link NetworkSpecBinder}) before anything is
 * checked: null means "not given". {@link NetworkFile} validates it and builds the {@link Network};
 * nothing else sees these records.
 *
 * <p>Fractions are {@link BigDecimal}s so that an error can echo a value as the file wrote it
 * ({@code 1} and {@code 1.0} both occur in messages); they convert to the same doubles as before.
 * Flat dotted keys ({@code pruning.ratio: 0.5}) are nested ({@code pruning: {ratio: 0.5}}) before
 * binding, so one record holds both spellings.
 *
 * @param name   the network's name, null = the file name without its extension
 * @param input  the input shape
 * @param layers the layers in file order; an entry is null when the file wrote {@code - ~}
 */
record NetworkSpec(String name, List<Integer> input, List<Layer> layers) {

    /** One layer map; every field null when absent. */
    record Layer(String name, String type, Integer out, Integer kernel, Integer stride, Integer padding, String from,
                 Integer heads, @JsonProperty("class-tokens") Integer classTokens, Pruning pruning,
                 Activation activation, Ou ou, Adc adc) {

        /** The size keys the file gave, by their file names, in a fixed order. */
        Map<String, Integer> sizes() {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            sizes.put("out", out);
            sizes.put("kernel", kernel);
            sizes.put("stride", stride);
            sizes.put("padding", padding);
            sizes.put("heads", heads);
            sizes.put("class-tokens", classTokens);
            sizes.values().removeIf(v -> v == null);
            return sizes;
        }

        Pruning pruningOrNone() {
            return pruning == null ? new Pruning(null, null, null, null) : pruning;
        }

        Activation activationOrNone() {
            return activation == null ? new Activation(null, null, null, null) : activation;
        }
    }

    /** {@code pruning: {ratio}} or a published profile {@code {filter, shape, element}}. */
    record Pruning(BigDecimal ratio, BigDecimal filter, BigDecimal shape, BigDecimal element) {
    }

    /** The layer's activation sparsity and how its synthetic activations are drawn. */
    record Activation(BigDecimal sparsity, @JsonProperty("scale-bits") BigDecimal scaleBits, String draw,
                      String distribution) {
    }

    /** The layer's own OU shape. */
    record Ou(Integer rows, Integer cols) {
    }

    /** The layer's own ADC resolution: {@code auto} or an integer, so bound as the scalar written. */
    record Adc(Object bits) {
    }
}
