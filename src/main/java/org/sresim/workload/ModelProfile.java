package org.sresim.workload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model looks like to SRE, and its synthetic twin (model section 3.6). Per matrix layer:
 * the fraction of whole filters (all-zero weight columns), whole shapes (all-zero K rows) and
 * single weights that are zero, the fraction of zero inputs over every sample of the batch, and
 * the fraction of 1-bits among the {@code input.bits} bits of the non-zero inputs. Everything is
 * measured on the quantized values the simulator feeds ({@link ImportedWorkload}), so a float
 * export's tiny weights that quantize to 0 count as zero here too.
 *
 * <p>Pooled over the batch: the one-bit fraction is all 1-bits over all non-zero inputs' bits,
 * not the mean of per-sample fractions that a sweep's {@code input_one_bit_fraction} of a batch
 * reports (the two differ by well under 0.01 when the samples' densities are alike).
 */
public final class ModelProfile {
    private ModelProfile() {
    }

    /**
     * One layer's measured fractions.
     *
     * @param activationDensity non-zero inputs / inputs, null when the data holds no input for the layer
     * @param oneBitFraction    1-bits / (non-zero inputs x input.bits), null without inputs or non-zero inputs
     */
    public record LayerStats(String layer, int rows, int cols, double filter, double shape, double element,
                             Double activationDensity, Double oneBitFraction) {
        /** Fraction of non-zero weights. */
        public double weightDensity() {
            return 1 - element;
        }
    }

    /**
     * Measures a real model: the data is checked against the network first (names, shapes,
     * batches; errors name the file and the layer).
     */
    public static List<LayerStats> measure(ModelData data, Network network, WorkloadSettings s) {
        ImportedWorkload.check(data, network);
        List<LayerStats> out = new ArrayList<>();
        for (MatrixLayer layer : network.matrixLayers()) {
            String w = layer.name() + ".weight";
            short[] weights = ImportedWorkload.weights(data.read(w), data.where(w), layer, s);
            String in = layer.name() + ".input";
            int[] inputs = data.has(in) ? ImportedWorkload.inputs(data.read(in), data.where(in), layer, s) : null;
            out.add(of(layer, weights, inputs, s.inputBits()));
        }
        return out;
    }

    /** What the network's synthetic workload realises at these settings (e.g. a twin at its seed). */
    public static List<LayerStats> realise(Network network, WorkloadSettings s) {
        List<LayerStats> out = new ArrayList<>();
        for (MatrixLayer layer : network.matrixLayers()) {
            LayerWorkload w = SyntheticWorkload.generate(layer, s);
            out.add(of(layer, w.weights(), w.inputs(), s.inputBits()));
        }
        return out;
    }

    /**
     * The fractions of one layer: weights K x N row-major, inputs the feature maps of every sample
     * one after another (null: none given).
     */
    static LayerStats of(MatrixLayer layer, short[] weights, int[] inputs, int inputBits) {
        int k = layer.rows();
        int n = layer.cols();
        boolean[] rowNonZero = new boolean[k];
        boolean[] colNonZero = new boolean[n];
        long zeros = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                if (weights[r * n + c] != 0) {
                    rowNonZero[r] = true;
                    colNonZero[c] = true;
                } else {
                    zeros++;
                }
            }
        }
        Double density = null;
        Double ones = null;
        if (inputs != null && inputs.length > 0) {
            long nonZero = 0;
            for (int a : inputs) {
                if (a != 0) {
                    nonZero++;
                }
            }
            density = (double) nonZero / inputs.length;
            ones = nonZero == 0 ? null : (double) LayerWorkload.oneBits(inputs) / (nonZero * inputBits);
        }
        return new LayerStats(layer.name(), k, n, (double) falses(colNonZero) / n, (double) falses(rowNonZero) / k,
                (double) zeros / ((long) k * n), density, ones);
    }

    private static int falses(boolean[] b) {
        int f = 0;
        for (boolean x : b) {
            if (!x) {
                f++;
            }
        }
        return f;
    }

    /** A twin layer's fitted one-bit fraction beside the measured one (null without inputs). */
    public record Twin(Network network, Map<String, Double> fittedOneBits) {
    }

    /**
     * The synthetic twin of a measured model: {@code network} renamed {@code <name>-twin}, each
     * matrix layer with {@code pruning: {filter, shape, element}} = the measured fractions,
     * {@code activation.sparsity} = the measured zero fraction (this overrides the dense network
     * input of {@code activation.sparse-first-layer: false}: a per-layer sparsity always applies) and
     * {@code activation: {scale-bits, draw: stratified}} fitted to the measured one-bit fraction
     * ({@link OneBitFit}). Fractions keep 6 decimals, scales 4: what the twin's file says. A layer
     * without measured inputs keeps the global activation keys.
     *
     * @throws WorkloadException naming the layer when a fraction cannot be a twin's (every weight or
     *                           every input zero)
     */
    public static Twin twin(Network network, List<LayerStats> measured, WorkloadSettings s) {
        Map<String, LayerStats> byName = new LinkedHashMap<>();
        measured.forEach(m -> byName.put(m.layer(), m));
        Map<String, MatrixLayer> matrices = new LinkedHashMap<>();
        network.matrixLayers().forEach(l -> matrices.put(l.name(), l));
        Map<String, Double> fitted = new LinkedHashMap<>();
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec spec : network.layers()) {
            LayerStats m = byName.get(spec.name());
            if (!spec.type().isMatrix() || m == null) {
                layers.add(spec);
                continue;
            }
            String p = "layer '" + spec.name() + "': ";
            if (m.element() >= 1 || round(m.element(), 6) >= 1) {
                throw new WorkloadException(p + "every weight is zero; a twin needs a layer with weights");
            }
            LayerSpec t = spec.withPruningRatio(null).withPruningProfile(new PruningProfile(round(m.filter(), 6),
                    round(m.shape(), 6), round(m.element(), 6))).withActivationSparsity(null).withActivationDraw(null);
            if (m.activationDensity() != null) {
                double sparsity = round(1 - m.activationDensity(), 6);
                MatrixLayer layer = matrices.get(spec.name());
                long size = layer.inputElements();
                int nonZero = (int) (size - Math.round(sparsity * size));
                if (m.oneBitFraction() == null || sparsity >= 1 || nonZero < 1) {
                    throw new WorkloadException(p + "every input is zero (a dead layer); a twin needs non-zero inputs");
                }
                OneBitFit.Fit fit = OneBitFit.fit(m.oneBitFraction(), nonZero, s.inputBits(), s.maxInput());
                fitted.put(spec.name(), fit.fraction());
                t = t.withActivationSparsity(sparsity).withActivationDraw(new ActivationDraw(fit.scaleBits(), true));
            }
            layers.add(t);
        }
        return new Twin(new Network(network.name() + "-twin", network.input(), layers), fitted);
    }

    /** {@code v} rounded half-up to {@code decimals} places, as the double a file writing it reads back. */
    static double round(double v, int decimals) {
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
