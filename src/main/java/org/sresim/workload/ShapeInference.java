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

    /** The activation tensor a layer produces; {@code flat} for an fc output or a 1-D network input. */
    private record Shape(int channels, int height, int width, boolean flat, String source) {
    }

    /**
     * Checks the input, the layer list and every layer's shape; returns the conv and fc layers in order.
     * {@code where} names the network or file at the start of every error message.
     */
    static List<MatrixLayer> infer(String where, List<Integer> input, List<LayerSpec> layers) {
        Shape shape = inputShape(where, input);
        if (layers == null || layers.isEmpty()) {
            throw new WorkloadException(where + ": the network has no layers");
        }
        Map<String, Integer> position = new HashMap<>();
        Map<String, Shape> outputs = new HashMap<>();
        List<MatrixLayer> matrices = new ArrayList<>();
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
            };
            outputs.put(layer.name(), shape);
        }
        if (matrices.isEmpty()) {
            throw new WorkloadException(where + ": the network has no conv or fc layer (layers: "
                    + layers.stream().map(LayerSpec::name).collect(Collectors.joining(", ")) + ")");
        }
        return List.copyOf(matrices);
    }

    private static Shape inputShape(String where, List<Integer> input) {
        if (input == null || (input.size() != 1 && input.size() != 3) || Network.indexOfNull(input) >= 0) {
            throw new WorkloadException(where + ": 'input' must be [channels, height, width] or [features], got "
                    + input);
        }
        for (Integer d : input) {
            if (d < 1) {
                throw new WorkloadException(where + ": 'input' sizes must be >= 1, got " + input);
            }
        }
        if (input.size() == 1) {
            return new Shape(input.get(0), 1, 1, true, "the flat network input " + input);
        }
        if ((long) input.get(0) * input.get(1) * input.get(2) > Integer.MAX_VALUE) {
            throw new WorkloadException(where + ": 'input' " + input + " is too large");
        }
        return new Shape(input.get(0), input.get(1), input.get(2), false, "the network input " + input);
    }

    private static Shape fc(String p, LayerSpec layer, Shape in, List<MatrixLayer> matrices) {
        long features = (long) in.channels() * in.height() * in.width();
        if (features > Integer.MAX_VALUE) {
            throw new WorkloadException(p + "the flattened input of " + features + " features is too large");
        }
        matrices.add(new MatrixLayer(matrices.size(), layer.name(), LayerType.FC, (int) features, 1, 1, 1, 1, 0,
                layer.out(), 1, 1, layer.pruningRatio(), layer.activationSparsity(), layer.pruningProfile(),
                layer.activationDraw(), layer.hardware()));
        return new Shape(layer.out(), 1, 1, true, "the flat output of fc layer '" + layer.name() + "' ("
                + layer.out() + " features)");
    }

    private static Shape window(String p, LayerSpec layer, Shape in, List<MatrixLayer> matrices) {
        String kind = layer.type().yamlName();
        if (in.flat()) {
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
            return new Shape(in.channels(), (int) outH, (int) outW, false, "pool layer '" + layer.name() + "'");
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
        return new Shape(layer.out(), (int) outH, (int) outW, false, "conv layer '" + layer.name() + "'");
    }
}
