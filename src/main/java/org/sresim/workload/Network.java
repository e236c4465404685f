package org.sresim.workload;

import java.util.List;

/**
 * A network description: an input shape and an ordered list of layers. A network is always valid: the
 * constructor checks the layer references and infers every shape, so {@link #matrixLayers()} cannot fail.
 *
 * @param name   the network name
 * @param input  {@code [channels, height, width]}, {@code [tokens, features]} for a transformer, or
 *               {@code [features]} for a network of fc layers
 * @param layers the layers in order; each reads the previous layer's output unless it names another in
 *               {@link LayerSpec#from()}
 */
public record Network(String name, List<Integer> input, List<LayerSpec> layers) implements java.io.Serializable {

    public Network {
        if (name == null || name.isBlank()) {
            throw new WorkloadException("a network has no name");
        }
        String where = "network '" + name + "'";
        if (input == null || indexOfNull(input) >= 0) {
            throw new WorkloadException(where + ": 'input' must be " + ShapeInference.INPUT_FORMS + ", got " + input);
        }
        if (layers == null || layers.isEmpty()) {
            throw new WorkloadException(where + ": the network has no layers");
        }
        if (indexOfNull(layers) >= 0) {
            throw new WorkloadException(where + ": layer #" + (indexOfNull(layers) + 1) + " is empty");
        }
        input = List.copyOf(input);
        layers = List.copyOf(layers);
        ShapeInference.infer(where, input, layers);
    }

    /**
     * The conv and fc layers with their inferred shapes, in network order; {@link MatrixLayer#index()} is the
     * 0-based position among them. Pool layers only shape the layers after them and are left out.
     */
    public List<MatrixLayer> matrixLayers() {
        return ShapeInference.infer("network '" + name + "'", input, layers);
    }

    /** The attention layers with their inferred shapes, in network order (run on digital units). */
    public List<AttentionLayer> attentionLayers() {
        return ShapeInference.inferAll("network '" + name + "'", input, layers).attention();
    }

    /** Multiply-accumulates of every attention layer, per inference. */
    public long attentionMacs() {
        long macs = 0;
        for (AttentionLayer a : attentionLayers()) {
            macs += a.macs();
        }
        return macs;
    }

    /**
     * Whether every conv and fc layer carries a published pruning profile: the global pruning keys
     * then change nothing about this network's weights.
     */
    public boolean profiled() {
        List<MatrixLayer> matrix = matrixLayers();
        return !matrix.isEmpty() && matrix.stream().allMatch(l -> l.pruningProfile() != null);
    }

    /** The position of the first null element, or -1 (immutable lists reject {@code contains(null)}). */
    static int indexOfNull(List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                return i;
            }
        }
        return -1;
    }
}
