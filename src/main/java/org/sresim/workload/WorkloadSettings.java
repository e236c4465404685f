package org.sresim.workload;

import org.sresim.config.Config;

/**
 * How a design point's weights and activations are made: the workload half of a
 * {@link Config}. Hardware never looks at these; the workload never looks at the hardware
 * beyond the bit widths it must quantize to.
 */
public record WorkloadSettings(long seed, double pruningRatio, PruningMethod pruningMethod, NofM nOfM,
                               boolean pruneFirstLayer, double activationSparsity, int activationScaleBits,
                               ActivationDistribution activationDistribution, boolean sparseFirstLayer,
                               int weightBits, int inputBits, InputEncoding inputEncoding) {

    /**
     * Settings with the defaults of the keys added for transformers (half-normal activations, offset
     * encoding); the N:M method prunes 2:4.
     */
    public WorkloadSettings(long seed, double pruningRatio, PruningMethod pruningMethod, boolean pruneFirstLayer,
                            double activationSparsity, int activationScaleBits, boolean sparseFirstLayer,
                            int weightBits, int inputBits) {
        this(seed, pruningRatio, pruningMethod, pruningMethod == PruningMethod.N_OF_M ? new NofM(2, 4) : null,
                pruneFirstLayer, activationSparsity, activationScaleBits,
                ActivationDistribution.HALF_NORMAL, sparseFirstLayer, weightBits, inputBits, InputEncoding.OFFSET);
    }

    public WorkloadSettings {
        if ((pruningMethod == PruningMethod.N_OF_M) != (nOfM != null)) {
            throw new IllegalArgumentException("an N:M pattern goes with pruning method N:M only");
        }
    }

    public static WorkloadSettings from(Config c) {
        String method = c.text("pruning.method");
        NofM pattern = NofM.parse(method);
        return new WorkloadSettings(c.seed(), c.doubleValue("pruning.ratio"),
                pattern != null ? PruningMethod.N_OF_M : PruningMethod.of(method), pattern, c.boolValue("pruning.prune-first-layer"), c.doubleValue("activation.sparsity"),
                c.intValue("activation.scale-bits"),
                c.choice("activation.distribution", ActivationDistribution.class),
                c.boolValue("activation.sparse-first-layer"), c.intValue("weight.bits"), c.intValue("input.bits"),
                c.choice("input.encoding", InputEncoding.class));
    }

    /** The layer's own distribution of synthetic activations if its network file gives one, else the global key. */
    public ActivationDistribution activationDistributionOf(MatrixLayer layer) {
        ActivationDraw d = layer.activationDraw();
        return d != null && d.distribution() != null ? d.distribution() : activationDistribution;
    }

    /**
     * The layer's own ratio if its network file gives one; else layer 1 is spared unless asked.
     * (A layer with a published profile is pruned by that profile instead, see SyntheticWorkload.)
     */
    public double pruningRatioOf(MatrixLayer layer) {
        if (layer.pruningRatio() != null) {
            return layer.pruningRatio();
        }
        return layer.index() == 0 && !pruneFirstLayer ? 0.0 : pruningRatio;
    }

    /** The layer's own sparsity if its network file gives one; else the network input is dense unless asked. */
    public double activationSparsityOf(MatrixLayer layer) {
        if (layer.activationSparsity() != null) {
            return layer.activationSparsity();
        }
        return layer.index() == 0 && !sparseFirstLayer ? 0.0 : activationSparsity;
    }

    /** The layer's own scale of non-zero activations if its network file gives one, else the global key. */
    public double activationScaleBitsOf(MatrixLayer layer) {
        ActivationDraw d = layer.activationDraw();
        return d != null && d.scaleBits() != null ? d.scaleBits() : activationScaleBits;
    }

    public int maxWeightMagnitude() {
        return (1 << (weightBits - 1)) - 1;
    }

    /** The largest value fed: a signed value's magnitude within ±(2^(B-1) - 1), else {@link #maxInput()}. */
    public long maxInput(boolean signed) {
        return signed ? InputEncoding.maxSigned(inputBits) : maxInput();
    }

    public long maxInput() {
        return (1L << inputBits) - 1;
    }
}
