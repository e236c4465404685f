package org.sresim.workload;

/**
 * A self-attention layer after shape inference: Q·Kᵀ (T x T scores of length d/H per head) and
 * softmax·V multiply two activations, so they run on digital units, not on crossbars. Its cost is
 * counted as multiply-accumulates: {@code 2 * T * T * d} per inference.
 *
 * @param name   the layer name
 * @param tokens T, the sequence length
 * @param dim    d, the model width (the fused Q/K/V input has 3d features)
 * @param heads  H, which divides d
 */
public record AttentionLayer(String name, int tokens, int dim, int heads) implements java.io.Serializable {

    public AttentionLayer {
        if (tokens < 1 || dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("attention layer '" + name + "': tokens " + tokens + ", dim " + dim
                    + ", heads " + heads);
        }
    }

    /** Multiply-accumulates per inference: H heads x (T x T x d/H for the scores + as many for ·V). */
    public long macs() {
        return 2L * tokens * tokens * dim;
    }
}
