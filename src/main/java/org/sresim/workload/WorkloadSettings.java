package org.sresim.workload;

import org.sresim.config.Config;

/**
 * How a design point's weights and activations are made: the workload half of a
 * {@link Config}. Hardware never looks at these; the workload never looks at the hardware
 * beyond the bit widths it must quantize to.
 */
public record WorkloadSettings(long seed, double pruningRatio, PruningMethod pruningMethod, boolean pruneFirstLayer,
                               double activationSparsity, int activationScaleBits, boolean sparseFirstLayer,
                               int weightBits, int inputBits) {

    public static WorkloadSettings from(Config c) {
        return new WorkloadSettings(c.longValue("seed"), c.doubleValue("pruning.ratio"),
                PruningMethod.of(c.text("pruning.method")), c.boolValue("pruning.prune-first-layer"),
                c.doubleValue("activation.sparsity"), c.intValue("activation.scale-bits"),
                c.boolValue("activation.sparse-first-layer"), c.intValue("weight.bits"), c.intValue("input.bits"));
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

    public long maxInput() {
        return (1L << inputBits) - 1;
    }
}
