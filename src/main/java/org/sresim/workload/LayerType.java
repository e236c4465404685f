package org.sresim.workload;

import java.util.Locale;
import java.util.Optional;

/** The kinds of layer a network description may contain. */
public enum LayerType {
    /** A convolution; mapped onto crossbars as a (inChannels*kernel*kernel) x outChannels matrix. */
    CONV("conv"),
    /** A fully connected layer; flattens its input and is mapped as an inFeatures x outFeatures matrix. */
    FC("fc"),
    /** A pooling layer; computed digitally, it only shapes the layers after it. */
    POOL("pool");

    private final String yamlName;

    LayerType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in network files: {@code conv}, {@code fc} or {@code pool}. */
    public String yamlName() {
        return yamlName;
    }

    /** True for the layers that become weight matrices (conv and fc). */
    public boolean isMatrix() {
        return this != POOL;
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
