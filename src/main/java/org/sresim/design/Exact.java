package org.sresim.design;

/**
 * A design's exact network metrics under the searched scheme, the mean over its seeds: from the
 * sweep's own point for a uniform design, from its re-simulation for a per-layer one.
 *
 * @param meetsConstraint whether every layer row of every seed satisfies the search's condition
 */
public record Exact(double latencyNs, double energyPj, double areaMm2, Double speedup, Double energySaving,
                    double readErrorRate, double adcClipRate, int seeds, String configHash, boolean meetsConstraint)
        implements java.io.Serializable {

    /** The value of an objective column, or NaN when this record does not hold it. */
    public double value(String column) {
        return switch (column) {
            case "latency_ns" -> latencyNs;
            case "energy_pj" -> energyPj;
            case "area_mm2" -> areaMm2;
            case "speedup" -> speedup == null ? Double.NaN : speedup;
            case "energy_saving" -> energySaving == null ? Double.NaN : energySaving;
            case "read_error_rate" -> readErrorRate;
            case "adc_clip_rate" -> adcClipRate;
            default -> Double.NaN;
        };
    }

    /** The objective columns a design search can use. */
    public static final java.util.List<String> OBJECTIVES = java.util.List.of("latency_ns", "energy_pj", "area_mm2",
            "speedup", "energy_saving", "read_error_rate", "adc_clip_rate");
}
