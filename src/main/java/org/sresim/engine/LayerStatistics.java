package org.sresim.engine;

import java.util.EnumMap;
import java.util.Map;
import org.sresim.engine.accuracy.Accuracy;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.workload.MatrixLayer;

/**
 * What counting one layer's workload under one mapping and OU height yields: the action counts of
 * every scheme, the accuracy tallies and the densities of the data. Everything a point's price
 * depends on beyond the hardware variant ({@link Pricing}), so points that differ only in
 * provisioning and prices share these ({@link Simulator#countingKey}).
 *
 * @param counts         every scheme's counts; filled by the counter and never changed afterwards
 * @param accuracy       every scheme's accuracy tally (a copy is kept)
 * @param nonZeroWeights non-zero weights, {@code round(weightDensity x weights)}
 * @param nonZeroInputs  non-zero input activations, {@code round(activationDensity x inputs)}
 * @param inputOneBits   1-bits among all input activations
 */
record LayerStatistics(MatrixLayer layer, LayerCounts counts, Map<Scheme, Accuracy> accuracy,
                       double weightDensity, long nonZeroWeights, double activationDensity,
                       long nonZeroInputs, long inputOneBits) {

    LayerStatistics {
        accuracy = java.util.Collections.unmodifiableMap(new EnumMap<>(accuracy));
    }
}
