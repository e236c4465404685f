package org.sresim.design;

/**
 * What one layer costs with one setting, read from a sweep's {@code layers} rows (mean over seeds)
 * of the uniform design that used the setting everywhere: the layer's energy and its latency
 * under that design's copy plan. An estimate only for a mixed design, whose copy plan differs;
 * the search re-simulates every candidate it proposes.
 */
public record LayerCost(Setting setting, double energyPj, double latencyNs) implements java.io.Serializable {
    public LayerCost {
        if (!(energyPj >= 0) || !(latencyNs >= 0) || Double.isInfinite(energyPj) || Double.isInfinite(latencyNs)) {
            throw new IllegalArgumentException("layer cost must be finite and >= 0, got " + energyPj + " pJ, "
                    + latencyNs + " ns for " + setting.label());
        }
    }
}
