package org.sresim.hw;

import org.sresim.config.Config;

/**
 * The physical knobs of one design point, derived from a {@link Config}. Costs and times are
 * derived from these (ZigZag style), never typed in twice.
 *
 * @param adcBits       resolved ADC resolution of an OU conversion ({@code auto} already applied)
 * @param ouCycleNs     time of one OU operation
 * @param idealReadNs   time of one full-crossbar read of the idealised ISAAC design
 * @param idealAdcBits  ADC resolution of the idealised full-crossbar read
 * @param chipCrossbars crossbars on one chip
 * @param chipCount     chips the copy plan shares, or {@link #AUTO_CHIPS} for the fewest that hold one copy
 *                      of every layer
 */
public record Hardware(int crossbarRows, int crossbarCols, int cellBits, int weightBits, int inputBits,
                       int dacBits, int ouRows, int ouCols, int adcBits, double ouCycleNs,
                       double idealReadNs, int idealAdcBits, long chipCrossbars, int chipCount) {

    /** {@code chip.count: auto}: as many chips as one copy of every layer needs. */
    public static final int AUTO_CHIPS = 0;

    /** A layer's {@code adc.bits: auto} in {@link #from(Config, Integer, Integer, Integer)}. */
    public static final int AUTO_ADC = 0;

    public static Hardware from(Config c) {
        return from(c, null, null, null);
    }

    /**
     * The hardware of one layer of a heterogeneous design: the config's, with the layer's own OU
     * shape and ADC resolution where it sets them (null: the config's; {@code adcBits} {@link #AUTO_ADC}:
     * lossless for the OU height). An {@code auto} OU cycle follows the layer's own OU columns.
     */
    public static Hardware from(Config c, Integer layerOuRows, Integer layerOuCols, Integer layerAdcBits) {
        int ouRows = layerOuRows != null ? layerOuRows : c.intValue("ou.rows");
        int cellBits = c.intValue("cell.bits");
        int dacBits = c.intValue("dac.bits");
        double conversionsPerNs = c.intValue("adc.per-crossbar") * c.doubleValue("adc.sample-rate-gsps");
        int ouCols = layerOuCols != null ? layerOuCols : c.intValue("ou.cols");
        boolean autoAdc = layerAdcBits != null ? layerAdcBits == AUTO_ADC : c.isAuto("adc.bits");
        int adcBits = autoAdc ? losslessAdcBits(ouRows, cellBits, dacBits)
                : layerAdcBits != null ? layerAdcBits : c.intValue("adc.bits");
        double cycle = c.isAuto("ou.cycle-ns") ? ouCols / conversionsPerNs : c.doubleValue("ou.cycle-ns");
        return new Hardware(c.intValue("crossbar.rows"), c.intValue("crossbar.cols"), cellBits,
                c.intValue("weight.bits"), c.intValue("input.bits"), dacBits, ouRows, ouCols, adcBits, cycle,
                c.intValue("crossbar.cols") / conversionsPerNs, c.intValue("ideal.adc-bits"),
                c.longValue("chip.crossbars"), c.isAuto("chip.count") ? AUTO_CHIPS : c.intValue("chip.count"));
    }

    /**
     * The chip that runs layers of these hardwares (every layer's, whether its own or this chip's):
     * ADCs provisioned at the largest resolution any layer converts at, index storage and zero-detect
     * logic for the most OU column groups (the narrowest OU columns), the rest as this chip's. Equal
     * to this when every layer runs on this chip.
     */
    public Hardware provisionedFor(java.util.Collection<Hardware> layers) {
        int adc = layers.isEmpty() ? adcBits : 0;
        int cols = layers.isEmpty() ? ouCols : Integer.MAX_VALUE;
        for (Hardware h : layers) {
            adc = Math.max(adc, h.adcBits);
            cols = Math.min(cols, h.ouCols);
        }
        return adc == adcBits && cols == ouCols ? this : new Hardware(crossbarRows, crossbarCols, cellBits, weightBits,
                inputBits, dacBits, ouRows, cols, adc, ouCycleNs, idealReadNs, idealAdcBits, chipCrossbars, chipCount);
    }

    /**
     * The ADC resolution that never clips an OU: the largest OU sum is
     * ouRows * (2^cellBits - 1) * (2^dacBits - 1), so ceil(log2(max + 1)) bits (5 for 9x8, 2-bit cells).
     */
    public static int losslessAdcBits(int ouRows, int cellBits, int dacBits) {
        long max = (long) ouRows * ((1L << cellBits) - 1) * ((1L << dacBits) - 1);
        return 64 - Long.numberOfLeadingZeros(max); // bits to write max, = ceil(log2(max + 1))
    }

    /**
     * The chips a network whose layers need {@code crossbarsOneCopy} crossbars at one copy each runs on:
     * {@code chip.count}, or for {@code auto} the fewest that hold them, ceil(crossbars / chip.crossbars)
     * (at least 1). Layers may span chips (ISAAC chips are linked by HyperTransport).
     */
    public long chips(long crossbarsOneCopy) {
        if (chipCount != AUTO_CHIPS) {
            return chipCount;
        }
        return Math.max(1, (crossbarsOneCopy + chipCrossbars - 1) / chipCrossbars);
    }

    /** Cells per weight: ceil(weightBits / cellBits), 8 for 16-bit weights in 2-bit cells. */
    public int cellsPerWeight() {
        return (weightBits + cellBits - 1) / cellBits;
    }

    /** Bit-serial steps per window: ceil(inputBits / dacBits). */
    public int inputSteps() {
        return (inputBits + dacBits - 1) / dacBits;
    }

    /** Largest magnitude a sign-magnitude weight can hold: 2^(weightBits-1) - 1. */
    public int maxWeightMagnitude() {
        return (1 << (weightBits - 1)) - 1;
    }

    /** Largest unsigned input: 2^inputBits - 1. */
    public long maxInput() {
        return (1L << inputBits) - 1;
    }
}
