package org.sresim.hw;

import java.util.Map;
import java.util.TreeMap;
import org.sresim.config.ConfigException;

/** Parses per-resolution tables written {@code "bits:value,bits:value"} (ADC prices and areas). */
final class BitsTable {
    private BitsTable() {
    }

    /** The table of {@code key}; empty text means no table. Errors name the key and the bad entry. */
    static Map<Integer, Double> parse(String key, String text, String unit, String example) {
        Map<Integer, Double> table = new TreeMap<>();
        if (text.isBlank()) {
            return table;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                int bits = Integer.parseInt(parts[0].trim());
                double value = Double.parseDouble(parts[1].trim());
                if (bits < 1 || bits > 16 || !(value >= 0) || Double.isInfinite(value)) {
                    throw new NumberFormatException();
                }
                table.put(bits, value);
            } catch (NumberFormatException e) {
                throw new ConfigException("key '" + key + "': entry '" + entry.trim() + "' is not bits:" + unit
                        + " with bits 1..16 and " + unit + " >= 0 (e.g. " + example + ")");
            }
        }
        return table;
    }
}
