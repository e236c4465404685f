package org.sresim.workload;

import java.util.Locale;
import java.util.Optional;

/** The kinds of layer a network description may contain. */
public enum LayerType {
    /** A convolution; mapped onto crossbars as a (inChannels*kernel*kernel) x outChannels matrix. */
    CONV("conv"),
    /** A fully connected layer; flattens its input and is mapped as an inFeatures x outFeatures matrix. */
    FC("fc"),
    /**
     * A token-wise linear layer: one features x out matrix applied to every token of a
     * {@code [tokens, features]} input, exactly a 1x1 convolution over a features x 1 x tokens map.
     */
    LINEAR("linear"),
    /** A pooling layer; computed digitally, it only shapes the layers after it. */
    POOL("pool"),
    /**
     * Multi-head self-attention over a fused {@code [tokens, 3d]} Q/K/V input, yielding {@code [tokens, d]}:
     * Q·Kᵀ and softmax·V multiply two activations, so they run on digital units, not on crossbars.
     */
    ATTENTION("attention"),
    /**
     * Turns a {@code [channels, height, width]} map (a patch embedding) into {@code [height x width + n,
     * channels]} tokens, n learned class tokens prepended; only shapes the layers after it.
     */
    TOKENS("tokens");

    private final String yamlName;

    LayerType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in network files: {@code conv}, {@code fc}, {@code linear}, {@code pool}, ... */
    public String yamlName() {
        return yamlName;
    }

    /** True for the layers that become weight matrices (conv, fc and linear). */
    public boolean isMatrix() {
        return this == CONV || this == FC || this == LINEAR;
    }

    /** The allowed names, for error messages. */
    static String allowed() {
        StringBuilder sb = new StringBuilder();
        for (LayerType t : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.yamlName);
        }
        return sb.toString();
    }

    /** The type with the given file name (case-insensitive), if any. */
    public static Optional<LayerType> fromYamlName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (LayerType t : values()) {
            if (t.yamlName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
