package org.sresim.workload;

/**
 * One layer of a network description, as written in a network file.
 *
 * @param name               unique layer name
 * @param type               conv, fc, linear, pool, attention or tokens
 * @param out                output channels (conv) or output features (fc, linear); 0 for the others
 * @param kernel             square kernel side (conv, pool); 0 for fc (1 is accepted and stored as 0)
 * @param stride             stride (conv, pool; files default to 1); 0 for fc (1 is accepted and stored as 0)
 * @param padding            zero padding on each side (conv, pool; files default to 0); 0 for fc
 * @param from               name of an earlier layer whose output this layer reads; null = the previous
 *                           layer (or the network input for the first layer)
 * @param pruningRatio       per-layer weight pruning ratio in [0,1); null = use the global configuration
 * @param activationSparsity per-layer activation sparsity in [0,1); null = use the global configuration
 * @param pruningProfile     published per-layer sparsity ({@code pruning: {filter, shape, element}}); null = none.
 *                           A layer has a pruning ratio or a profile, not both.
 * @param activationDraw     per-layer scale and draw of synthetic activations ({@code activation: {scale-bits, draw}});
 *                           null = the global scale, i.i.d. draws
 * @param hardware           the layer's own OU shape and ADC resolution (conv, fc, linear); null = the chip's
 * @param heads              attention heads (attention layers; 0 for every other type)
 * @param classTokens        class tokens a tokens layer prepends (0 for every other type)
 */
public record LayerSpec(String name, LayerType type, int out, int kernel, int stride, int padding,
                        String from, Double pruningRatio, Double activationSparsity, PruningProfile pruningProfile,
                        ActivationDraw activationDraw, LayerHardware hardware, int heads, int classTokens)
        implements java.io.Serializable {

    /** A layer of any type but attention and tokens. */
    public LayerSpec(String name, LayerType type, int out, int kernel, int stride, int padding,
                     String from, Double pruningRatio, Double activationSparsity, PruningProfile pruningProfile,
                     ActivationDraw activationDraw, LayerHardware hardware) {
        this(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity, pruningProfile,
                activationDraw, hardware, 0, 0);
    }

    /** A layer with neither per-layer activation draws nor its own hardware. */
    public LayerSpec(String name, LayerType type, int out, int kernel, int stride, int padding,
                     String from, Double pruningRatio, Double activationSparsity, PruningProfile pruningProfile) {
        this(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity, pruningProfile, null,
                null);
    }

    /** A layer without a published pruning profile. */
    public LayerSpec(String name, LayerType type, int out, int kernel, int stride, int padding,
                     String from, Double pruningRatio, Double activationSparsity) {
        this(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity, null, null, null);
    }

    /**
     * Checks the fields. An fc layer has no kernel, stride or padding: they are stored as 0, and the neutral
     * values kernel 1 / stride 1 are accepted for them too (and stored as 0).
     */
    public LayerSpec {
        if ((type == LayerType.FC || type == LayerType.LINEAR) && (kernel == 0 || kernel == 1)
                && (stride == 0 || stride == 1) && padding == 0) {
            kernel = 0;
            stride = 0;
        }
        check(null, name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity);
        if (pruningProfile != null && pruningRatio != null) {
            throw new WorkloadException(prefix(null, name) + "give either 'pruning.ratio' or a published profile"
                    + " 'pruning: {filter, shape, element}', not both");
        }
        String kind = kind(type);
        if (pruningProfile != null && !type.isMatrix()) {
            throw new WorkloadException(prefix(null, name) + kind + " has no weights to prune");
        }
        hardware = LayerHardware.orNull(hardware);
        if (hardware != null && !type.isMatrix()) {
            throw new WorkloadException(prefix(null, name) + kind + " has no crossbars: 'ou.rows', 'ou.cols'"
                    + " and 'adc.bits' apply to conv, fc and linear layers only");
        }
        if (activationDraw != null && !type.isMatrix()) {
            throw new WorkloadException(prefix(null, name) + kind + " draws no activations");
        }
        if ((heads != 0) != (type == LayerType.ATTENTION) || heads < 0) {
            throw new WorkloadException(prefix(null, name) + (type == LayerType.ATTENTION
                    ? "an attention layer needs 'heads' >= 1, got " + heads : kind + " takes no 'heads'"));
        }
        if (classTokens < 0 || (classTokens != 0 && type != LayerType.TOKENS)) {
            throw new WorkloadException(prefix(null, name) + (type == LayerType.TOKENS
                    ? "'class-tokens' must be >= 0, got " + classTokens : kind + " takes no 'class-tokens'"));
        }
    }

    /** A token-wise linear layer reading the previous layer. */
    public static LayerSpec linear(String name, int out) {
        return new LayerSpec(name, LayerType.LINEAR, out, 0, 0, 0, null, null, null);
    }

    /** A self-attention layer of {@code heads} heads reading the fused Q/K/V of the previous layer. */
    public static LayerSpec attention(String name, int heads) {
        return new LayerSpec(name, LayerType.ATTENTION, 0, 0, 0, 0, null, null, null, null, null, null, heads, 0);
    }

    /** A layer turning the previous layer's map into tokens, {@code classTokens} prepended. */
    public static LayerSpec tokens(String name, int classTokens) {
        return new LayerSpec(name, LayerType.TOKENS, 0, 0, 0, 0, null, null, null, null, null, null, 0,
                classTokens);
    }

    /** A convolution layer reading the previous layer. */
    public static LayerSpec conv(String name, int out, int kernel, int stride, int padding) {
        return new LayerSpec(name, LayerType.CONV, out, kernel, stride, padding, null, null, null);
    }

    /** A pooling layer reading the previous layer. */
    public static LayerSpec pool(String name, int kernel, int stride, int padding) {
        return new LayerSpec(name, LayerType.POOL, 0, kernel, stride, padding, null, null, null);
    }

    /** A fully connected layer reading the previous layer. */
    public static LayerSpec fc(String name, int out) {
        return new LayerSpec(name, LayerType.FC, out, 0, 0, 0, null, null, null);
    }

    /** This layer reading the output of the named earlier layer instead (null = the previous layer). */
    public LayerSpec withFrom(String from) {
        return new LayerSpec(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity,
                pruningProfile, activationDraw, hardware, heads, classTokens);
    }

    /** This layer with its own OU shape and ADC resolution (null = the chip's). */
    public LayerSpec withHardware(LayerHardware h) {
        return new LayerSpec(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity,
                pruningProfile, activationDraw, h, heads, classTokens);
    }

    /** This layer with a published pruning profile (null = none). */
    public LayerSpec withPruningProfile(PruningProfile profile) {
        return new LayerSpec(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity,
                profile, activationDraw, hardware, heads, classTokens);
    }

    /** This layer with a per-layer pruning ratio (null = use the global configuration). */
    public LayerSpec withPruningRatio(Double ratio) {
        return new LayerSpec(name, type, out, kernel, stride, padding, from, ratio, activationSparsity,
                pruningProfile, activationDraw, hardware, heads, classTokens);
    }

    /** This layer with a per-layer activation sparsity (null = use the global configuration). */
    public LayerSpec withActivationSparsity(Double sparsity) {
        return new LayerSpec(name, type, out, kernel, stride, padding, from, pruningRatio, sparsity,
                pruningProfile, activationDraw, hardware, heads, classTokens);
    }

    /** This layer with a per-layer activation scale and draw (null = the global scale, i.i.d. draws). */
    public LayerSpec withActivationDraw(ActivationDraw draw) {
        return new LayerSpec(name, type, out, kernel, stride, padding, from, pruningRatio, activationSparsity,
                pruningProfile, draw, hardware, heads, classTokens);
    }

    /** "an fc layer", "a conv layer": the type as messages name it. */
    static String kind(LayerType type) {
        return (type == LayerType.FC || type == LayerType.ATTENTION ? "an " : "a ") + type.yamlName() + " layer";
    }

    /** The prefix of an error message about a layer: {@code "where: layer 'name': "}. */
    static String prefix(String where, String layer) {
        return (where == null ? "" : where + ": ") + "layer '" + layer + "': ";
    }

    /**
     * Checks the fields of one layer on their own (references to other layers and shapes are checked by
     * {@link Network}); {@code where} names the network or file in the message, null for none.
     */
    static void check(String where, String name, LayerType type, int out, int kernel, int stride, int padding,
                      String from, Double pruningRatio, Double activationSparsity) {
        if (name == null || name.isBlank()) {
            throw new WorkloadException((where == null ? "" : where + ": ") + "a layer has no name");
        }
        String p = prefix(where, name);
        if (type == null) {
            throw new WorkloadException(p + "missing 'type' (allowed: " + LayerType.allowed() + ")");
        }
        switch (type) {
            case CONV, FC, LINEAR -> {
                if (out < 1) {
                    throw new WorkloadException(p + "'out' must be >= 1, got " + out);
                }
            }
            case POOL, ATTENTION, TOKENS -> {
                if (out != 0) {
                    throw new WorkloadException(p + (type == LayerType.POOL ? "a pool layer keeps its input channels"
                            + " and takes no 'out'" : kind(type) + " takes no 'out': its"
                            + " input decides its output size") + " (got " + out + ")");
                }
            }
        }
        if (type != LayerType.CONV && type != LayerType.POOL) {
            if (kernel != 0 || stride != 0 || padding != 0) {
                throw new WorkloadException(p + kind(type) + " takes no kernel, stride or padding"
                        + " (got kernel "
                        + kernel + ", stride " + stride + ", padding " + padding + ")");
            }
        } else {
            if (kernel < 1) {
                throw new WorkloadException(p + "'kernel' must be >= 1, got " + kernel);
            }
            if (stride < 1) {
                throw new WorkloadException(p + "'stride' must be >= 1, got " + stride);
            }
            if (padding < 0) {
                throw new WorkloadException(p + "'padding' must be >= 0, got " + padding);
            }
        }
        if (from != null) {
            if (from.isBlank()) {
                throw new WorkloadException(p + "'from' must name an earlier layer, got an empty name");
            }
            if (from.equals(name)) {
                throw new WorkloadException(p + "'from' refers to the layer itself; it must name an earlier layer");
            }
        }
        checkRatio(p, "pruning.ratio", pruningRatio);
        checkRatio(p, "activation.sparsity", activationSparsity);
    }

    private static void checkRatio(String prefix, String key, Double value) {
        if (value != null && !(value >= 0.0 && value < 1.0)) {
            throw new WorkloadException(prefix + "'" + key + "' must be in [0, 1), got " + value);
        }
    }
}
