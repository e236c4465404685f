package org.sresim.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** How table cells print, the same in HTML and Markdown. */
public final class Cells {
    /** What an SQL NULL prints as (e.g. the speedup of a layer left with no operations). */
    public static final String NULL = "–";

    private Cells() {
    }

    /**
     * Integers as they are; other numbers to 4 significant digits, in plain notation between 1e-3
     * and 1e7 and in scientific notation outside (read-error rates are ~1e-6).
     */
    public static String format(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == 0) {
                return "0";
            }
            double a = Math.abs(d);
            if (a >= 1e-3 && a < 1e7) {
                return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
            }
            return String.format(Locale.ROOT, "%.3e", d);
        }
        if (v instanceof List<?> l) {
            return String.join(", ", l.stream().map(Cells::format).toList());
        }
        return v.toString();
    }
}
