package org.sresim.hw;

import java.util.Map;
import org.sresim.config.Choice;
import org.sresim.config.ConfigException;

/** How the area of one ADC scales with its resolution ({@code adc.area-model}). */
public enum AdcAreaModel implements Choice {
    /**
     * The 8-bit area times Accelergy's ISAAC ADC table (hwcomponents-library {@code isaac.py}: a
     * 32 nm 8-bit SAR ADC of 1200 um2, Kull et al. ISSCC 2013, scaled to 4..10 bits after Saberi
     * et al. 2011: 361.04, 476.91, 626.91, 845.18, 1200, 1827.91, 3002.01 um2), doubling per bit
     * beyond either end (an assumption: the table stops there).
     */
    ACCELERGY,
    /** The 8-bit area doubled per extra bit, halved per missing bit: A8 * 2^(N-8). */
    DOUBLING,
    /** User values per resolution from {@code area.adc-table-mm2}. */
    TABLE;

    /** Accelergy's table in um2 for 4..10 bits; index 0 is 4 bits. */
    private static final double[] ACCELERGY_UM2 = {361.04, 476.91, 626.91, 845.18, 1200, 1827.911647, 3002.008032};
    private static final int FIRST_BITS = 4;

    /** Area of one ADC of {@code bits} resolution, in mm2. */
    double areaMm2(int bits, double adc8bitMm2, Map<Integer, Double> table) {
        return switch (this) {
            case ACCELERGY -> adc8bitMm2 * accelergyUm2(bits) / accelergyUm2(8);
            case DOUBLING -> adc8bitMm2 * Math.pow(2, bits - 8);
            case TABLE -> {
                Double mm2 = table.get(bits);
                if (mm2 == null) {
                    throw new ConfigException("key 'area.adc-table-mm2': no area for a " + bits
                            + "-bit ADC (adc.area-model=table needs one for every resolution used, here " + bits + ")");
                }
                yield mm2;
            }
        };
    }

    private static double accelergyUm2(int bits) {
        int last = FIRST_BITS + ACCELERGY_UM2.length - 1;
        if (bits < FIRST_BITS) {
            return ACCELERGY_UM2[0] * Math.pow(2, bits - FIRST_BITS);
        }
        if (bits > last) {
            return ACCELERGY_UM2[ACCELERGY_UM2.length - 1] * Math.pow(2, bits - last);
        }
        return ACCELERGY_UM2[bits - FIRST_BITS];
    }
}
