package org.sresim.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks how the layers of a network connect and infers the shape of every layer. */
final class ShapeInference {

    private ShapeInference() {
    }

    /** The three kinds of activation tensor. */
    private enum Kind { MAP, FLAT, TOKENS }

    /**
     * The activation tensor a layer produces: a {@code [channels, height, width]} map, a flat vector
     * (an fc output or a 1-D network input; channels = features) or tokens (channels = features,
     * height 1, width = tokens: the features x 1 x tokens map a linear layer convolves).
     */
    private record Shape(int channels, int height, int width, Kind kind, String source) {
    }

    /** The crossbar layers and the digital attention layers, each in network order. */
    record Inferred(List<MatrixLayer> matrices, List<AttentionLayer> attention) {
    }

    /**
     * Checks the input, the layer list and every layer's shape; returns the conv, fc and linear layers in
     * order. {@code where} names the network or file at the start of every error message.
     */
    static List<MatrixLayer> infer(String where, List<Integer> input, List<LayerSpec> layers) {
        return inferAll(where, input, layers).matrices();
    }

    /** As {@link #infer}, with the attention layers too. */
    static Inferred inferAll(String where, List<Integer> input, List<LayerSpec> layers) {
        Shape shape = inputShape(where, input);
        if (layers == null || layers.isEmpty()) {
            throw new WorkloadException(where + ": the network has no layers");
        }
        Map<String, Integer> position = new HashMap<>();
        Map<String, Shape> outputs = new HashMap<>();
        List<MatrixLayer> matrices = new ArrayList<>();
        List<AttentionLayer> attention = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer == null) {
                throw new WorkloadException(where + ": layer #" + (i + 1) + " is empty");
            }
            String p = LayerSpec.prefix(where, layer.name());
            Integer first = position.putIfAbsent(layer.name(), i);
            if (first != null) {
                throw new WorkloadException(p + "duplicate layer name (layers #" + (first + 1) + " and #" + (i + 1)
                        + ")");
            }
            Shape in = shape;
            if (layer.from() != null) {
                in = outputs.get(layer.from());
                if (in == null) {
                    boolean later = false;
                    for (int j = i; j < layers.size(); j++) {
                        if (layers.get(j) != null && layer.from().equals(layers.get(j).name())) {
                            later = true;
                            break;
                        }
                    }
                    throw new WorkloadException(p + "'from' refers to " + (layer.from().equals(layer.name())
                            ? "the layer itself" : later ? "the later layer '" + layer.from() + "'"
                            : "unknown layer '" + layer.from() + "'") + "; it must name an earlier layer");
                }
            }
            shape = switch (layer.type()) {
                case FC -> fc(p, layer, in, matrices);
                case CONV, POOL -> window(p, layer, in, matrices);
                case LINEAR -> linear(p, layer, in, matrices);
                case ATTENTION -> attention(p, layer, in, attention);
                case TOKENS -> tokens(p, layer, in);
            };
            outputs.put(layer.name(), shape);
        }
        if (matrices.isEmpty()) {
            throw new WorkloadException(where + ": the network has no conv, fc or linear layer (layers: "
                    + layers.stream().map(LayerSpec::name).collect(Collectors.joining(", ")) + ")");
        }
        return new Inferred(List.copyOf(matrices), List.copyOf(attention));
    }

    private static Shape inputShape(String where, List<Integer> input) {
        if (input == null || input.isEmpty() || input.size() > 3 || Network.indexOfNull(input) >= 0) {
            throw new WorkloadException(where + ": 'input' must be " + INPUT_FORMS + ", got " + input);
        }
        for (Integer d : input) {
            if (d < 1) {
                throw new WorkloadException(where + ": 'input' sizes must be >= 1, got " + input);
            }
        }
        if (input.size() == 1) {
            return new Shape(input.get(0), 1, 1, Kind.FLAT, "the flat network input " + input);
        }
        if (input.size() == 2) {
            if ((long) input.get(0) * input.get(1) > Integer.MAX_VALUE) {
                throw new WorkloadException(where + ": 'input' " + input + " is too large");
            }
            return new Shape(input.get(1), 1, input.get(0), Kind.TOKENS, "the token input " + input);
        }
        if ((long) input.get(0) * input.get(1) * input.get(2) > Integer.MAX_VALUE) {
            throw new WorkloadException(where + ": 'input' " + input + " is too large");
        }
        return new Shape(input.get(0), input.get(1), input.get(2), Kind.MAP, "the network input " + input);
    }

    private static Shape fc(String p, LayerSpec layer, Shape in, List<MatrixLayer> matrices) {
        long features = (long) in.channels() * in.height() * in.width();
        if (features > Integer.MAX_VALUE) {
            throw new WorkloadException(p + "the flattened input of " + features + " features is too large");
        }
        matrices.add(new MatrixLayer(matrices.size(), layer.name(), LayerType.FC, (int) features, 1, 1, 1, 1, 0,
                layer.out(), 1, 1, layer.pruningRatio(), layer.activationSparsity(), layer.pruningProfile(),
                layer.activationDraw(), layer.hardware()));
        return new Shape(layer.out(), 1, 1, Kind.FLAT, "the flat output of fc layer '" + layer.name() + "' ("
                + layer.out() + " features)");
    }

    private static Shape window(String p, LayerSpec layer, Shape in, List<MatrixLayer> matrices) {
        String kind = layer.type().yamlName();
        if (in.kind() != Kind.MAP) {
            throw new WorkloadException(p + "a " + kind + " layer needs a [channels, height, width] input but reads "
                    + in.source());
        }
        int k = layer.kernel();
        long paddedH = in.height() + 2L * layer.padding();
        long paddedW = in.width() + 2L * layer.padding();
        if (k > paddedH || k > paddedW) {
            throw new WorkloadException(p + "kernel " + k + " is larger than the padded input " + paddedH + "x"
                    + paddedW);
        }
        long outH = (paddedH - k) / layer.stride() + 1;
        long outW = (paddedW - k) / layer.stride() + 1;
        if (outH < 1 || outW < 1) { // cannot happen once the kernel fits; kept as a guard
            throw new WorkloadException(p + "output size " + outH + "x" + outW + " is less than 1");
        }
        if (outH * outW > Integer.MAX_VALUE) {
            throw new WorkloadException(p + "output size " + outH + "x" + outW + " is too large");
        }
        if (layer.type() == LayerType.POOL) {
            return new Shape(in.channels(), (int) outH, (int) outW, Kind.MAP, "pool layer '" + layer.name() + "'");
        }
        if ((long) in.channels() * k * k > Integer.MAX_VALUE) {
            throw new WorkloadException(p + "the weight matrix of " + in.channels() + "*" + k + "*" + k
                    + " rows is too large");
        }
        if ((long) layer.out() * outH * outW > Integer.MAX_VALUE) {
            throw new WorkloadException(p + "output " + layer.out() + "x" + outH + "x" + outW + " is too large");
        }
        matrices.add(new MatrixLayer(matrices.size(), layer.name(), LayerType.CONV, in.channels(), in.height(),
                in.width(), k, layer.stride(), layer.padding(), layer.out(), (int) outH, (int) outW,
                layer.pruningRatio(), layer.activationSparsity(), layer.pruningProfile(),
                layer.activationDraw(), layer.hardware()));
        return new Shape(layer.out(), (int) outH, (int) outW, Kind.MAP, "conv layer '" + layer.name() + "'");
    }

    /** A linear layer: a 1x1 convolution over the features x 1 x tokens map of its token input. */
    private static Shape linear(String p, LayerSpec layer, Shape in, List<MatrixLayer> matrices) {
        if (in.kind() != Kind.TOKENS) {
            throw new WorkloadException(p + "a linear layer needs a [tokens, features] input but reads "
                    + in.source() + " (put a tokens layer before it)");
        }
        if ((long) layer.out() * in.width() > Integer.MAX_VALUE) {
            throw new WorkloadException(p + "output " + in.width() + "x" + layer.out() + " is too large");
        }
        matrices.add(new MatrixLayer(matrices.size(), layer.name(), LayerType.LINEAR, in.channels(), 1, in.width(), 1,
                1, 0, layer.out(), 1, in.width(), layer.pruningRatio(), layer.activationSparsity(),
                layer.pruningProfile(), layer.activationDraw(), layer.hardware()));
        return new Shape(layer.out(), 1, in.width(), Kind.TOKENS, "linear layer '" + layer.name() + "' ("
                + in.width() + " tokens of " + layer.out() + " features)");
    }

    /** Attention: fused [T, 3d] Q/K/V in, [T, d] out, d divisible by the heads. */
    private static Shape attention(String p, LayerSpec layer, Shape in, List<AttentionLayer> attention) {
        if (in.kind() != Kind.TOKENS || in.channels() % 3 != 0) {
            throw new WorkloadException(p + "an attention layer needs a fused [tokens, 3 x d] Q/K/V input but reads "
                    + in.source());
        }
        int d = in.channels() / 3;
        if (d % layer.heads() != 0) {
            throw new WorkloadException(p + layer.heads() + " heads do not divide the model width d = " + d
                    + " (" + in.source() + ")");
        }
        attention.add(new AttentionLayer(layer.name(), in.width(), d, layer.heads()));
        return new Shape(d, 1, in.width(), Kind.TOKENS, "attention layer '" + layer.name() + "' (" + in.width()
                + " tokens of " + d + " features)");
    }

    /** A map's pixels (or tokens) become tokens, class tokens prepended. */
    private static Shape tokens(String p, LayerSpec layer, Shape in) {
        if (in.kind() == Kind.FLAT) {
            throw new WorkloadException(p + "a tokens layer needs a [channels, height, width] or [tokens, features]"
                    + " input but reads " + in.source());
        }
        long t = (long) in.height() * in.width() + layer.classTokens();
        if (t * in.channels() > Integer.MAX_VALUE) {
            throw new WorkloadException(p + t + " tokens of " + in.channels() + " features are too many");
        }
        return new Shape(in.channels(), 1, (int) t, Kind.TOKENS, "tokens layer '" + layer.name() + "' (" + t
                + " tokens of " + in.channels() + " features)");
    }

    /** How an error message spells the allowed input shapes. */
    static final String INPUT_FORMS = "[channels, height, width], [tokens, features] or [features]";
}
