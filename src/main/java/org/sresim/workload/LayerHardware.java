package org.sresim.workload;

/**
 * A layer's own OU shape and ADC resolution in a heterogeneous design (network file keys
 * {@code ou.rows}, {@code ou.cols}, {@code adc.bits} on a conv or fc layer). A null field keeps the
 * chip-wide setting; everything else about the chip stays chip-wide. The engine resolves these
 * against the point's config ({@code engine.LayerHardwares}).
 *
 * @param ouRows  wordlines per OU operation for this layer, or null
 * @param ouCols  bitlines per OU operation for this layer, or null
 * @param adcBits this layer's ADC resolution, {@link #AUTO} for the lossless resolution of its OU
 *                height, or null
 */
public record LayerHardware(Integer ouRows, Integer ouCols, Integer adcBits) implements java.io.Serializable {
    /** {@code adc.bits: auto}: the lossless resolution of the layer's own OU height. */
    public static final int AUTO = 0;

    public LayerHardware {
        positive("ou.rows", ouRows, 4096);
        positive("ou.cols", ouCols, 4096);
        if (adcBits != null && (adcBits < AUTO || adcBits > 16)) {
            throw new WorkloadException("'adc.bits' must be auto or an integer in 1..16, got " + adcBits);
        }
    }

    private static void positive(String key, Integer v, int max) {
        if (v != null && (v < 1 || v > max)) {
            throw new WorkloadException("'" + key + "' must be an integer in 1.." + max + ", got " + v);
        }
    }

    /** The setting as a network file or config writes it ({@code auto} or the number), or null. */
    public String adcBitsText() {
        return adcBits == null ? null : adcBits == AUTO ? "auto" : adcBits.toString();
    }

    /** Whether the layer sets nothing of its own. */
    public boolean isEmpty() {
        return ouRows == null && ouCols == null && adcBits == null;
    }

    /** Null for a layer that sets nothing, so a uniform network stays equal to what it was. */
    static LayerHardware orNull(LayerHardware h) {
        return h == null || h.isEmpty() ? null : h;
    }
}
