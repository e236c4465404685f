package org.sresim.hw;

import java.util.Map;
import org.sresim.config.Choice;
import org.sresim.config.ConfigException;

/** How the energy of one ADC conversion scales with resolution. */
public enum AdcModel implements Choice {
    /**
     * ISAAC's 8-bit SAR ADC scaled by 2^N/(N+1) relative to 8 bits (the scaling used by the SRE
     * group's simulator): 5 bits cost 0.293 pJ and 6 bits 0.502 pJ when 8 bits cost 1.5625 pJ.
     */
    ISAAC_SCALED,
    /** Linear in bits, E8 * N / 8 (PUMA's assumption). */
    LINEAR,
    /** User values per resolution from {@code energy.adc-table-pj}. */
    TABLE;

    /** Energy of one conversion at {@code bits} resolution, in pJ. */
    double conversionPj(int bits, double adc8bitPj, Map<Integer, Double> table) {
        return switch (this) {
            case ISAAC_SCALED -> adc8bitPj * (Math.pow(2, bits) / (bits + 1)) / (256.0 / 9.0);
            case LINEAR -> adc8bitPj * bits / 8.0;
            case TABLE -> {
                Double pj = table.get(bits);
                if (pj == null) {
                    throw new ConfigException("key 'energy.adc-table-pj': no price for a " + bits
                            + "-bit ADC (adc.model=table needs one for every resolution used, here "
                            + bits + ")");
                }
                yield pj;
            }
        };
    }
}
