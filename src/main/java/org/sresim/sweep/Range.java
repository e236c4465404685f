package org.sresim.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A range as written, {@code {from, to, step}}: all three required, each a number as YAML read it
 * (Integer, Long or BigInteger when written without a fraction, else Double). The values are added up exactly in decimal ({@code {from: 0.0, to: 0.8, step: 0.2}} gives 0.6,
 * not 0.6000000000000001); a range whose {@code from} and {@code step} are written as integers
 * gives longs, any other doubles.
 */
// bound as the plain record it is, not through the list-or-range reader of the interfaces
@JsonDeserialize(using = JsonDeserializer.None.class)
record Range(@JsonProperty(value = "from", required = true) Number from,
             @JsonProperty(value = "to", required = true) Number to,
             @JsonProperty(value = "step", required = true) Number step) implements AxisValues, SeedValues {
    private static final BigDecimal MAX_VALUES = BigDecimal.valueOf(1_000_000);

    /** Why the range gives no values, or empty when it is fine. */
    Optional<String> problem() {
        String infinite = !finite(from) ? "from" : !finite(to) ? "to" : !finite(step) ? "step" : null;
        if (infinite != null) {
            return Optional.of("'" + infinite + "' must be a finite number"); // YAML reads 1e400 as Infinity
        }
        BigDecimal first = exact(from);
        BigDecimal last = exact(to);
        BigDecimal by = exact(step);
        if (by.signum() <= 0 || first.compareTo(last) > 0) {
            return Optional.of("a range needs step > 0 and from <= to");
        }
        // values = floor((to - from) / step) + 1
        if (last.subtract(first).divideToIntegralValue(by).compareTo(MAX_VALUES) >= 0) {
            return Optional.of("range has more than 10^6 values");
        }
        return Optional.empty();
    }

    /** Whether the values are integers: {@code from} and {@code step} are written without a fraction. */
    boolean integral() {
        return isInteger(from) && isInteger(step);
    }

    /** From {@code from} up to and including {@code to}; call only when there is no {@link #problem}. */
    @Override
    public List<Object> values() {
        List<Object> out = new ArrayList<>();
        BigDecimal last = exact(to);
        BigDecimal by = exact(step);
        for (BigDecimal v = exact(from); v.compareTo(last) <= 0; v = v.add(by)) {
            out.add(integral() ? (Object) v.longValueExact() : (Object) v.doubleValue());
        }
        return out;
    }

    private static boolean isInteger(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof BigInteger;
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double d) || Double.isFinite(d);
    }

    /** The number in decimal; a double by its shortest text (0.2 is 0.2), as {@code JsonNode.decimalValue}. */
    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return isInteger(n) ? BigDecimal.valueOf(n.longValue()) : BigDecimal.valueOf(n.doubleValue());
    }
}
