package org.sresim.design;

import org.sresim.workload.LayerHardware;

/**
 * One layer's hardware choice in a design search: an OU shape and an ADC resolution, as a sweep's
 * {@code ou_rows}, {@code ou_cols} and {@code adc_bits} columns hold them ({@code adc_bits} is
 * {@code auto} or a number).
 */
public record Setting(int ouRows, int ouCols, String adcBits) implements Comparable<Setting>, java.io.Serializable {
    public Setting {
        if (ouRows < 1 || ouCols < 1) {
            throw new IllegalArgumentException("OU shape must be positive, got " + ouRows + "x" + ouCols);
        }
        if (!adcBits.equals("auto") && !adcBits.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("adc bits must be auto or a number, got '" + adcBits + "'");
        }
    }

    /** The layer's network-file settings. */
    public LayerHardware hardware() {
        return new LayerHardware(ouRows, ouCols, adcBits.equals("auto") ? LayerHardware.AUTO : Integer.valueOf(adcBits));
    }

    /** {@code 9x8/auto}, {@code 4x4/4}. */
    public String label() {
        return ouRows + "x" + ouCols + "/" + adcBits;
    }

    /** By OU rows, OU columns, then ADC ({@code auto} first, then by resolution): a fixed order for ties. */
    @Override
    public int compareTo(Setting o) {
        int c = Integer.compare(ouRows, o.ouRows);
        if (c == 0) {
            c = Integer.compare(ouCols, o.ouCols);
        }
        return c != 0 ? c : Integer.compare(adcRank(), o.adcRank());
    }

    private int adcRank() {
        return adcBits.equals("auto") ? 0 : Integer.parseInt(adcBits);
    }
}
