package org.sresim.config;

import java.util.List;

/** How a configuration value is written and parsed. */
public enum KeyType {
    INT, LONG, DOUBLE, BOOL, CHOICE, TEXT,
    /** An integer or the word {@code auto}. */
    INT_OR_AUTO,
    /** A number or the word {@code auto}. */
    DOUBLE_OR_AUTO;

    static final String AUTO = "auto";
    /** A choice that also accepts every N:M pattern ({@code 2:4}, {@code 4:8}, ...), 1 <= N < M <= 64. */
    public static final String N_OF_M = "N:M";

    /** {@code {N, M}} of a text such as {@code 2:4}, or null when it is no N:M pattern within the bounds. */
    public static int[] nOfM(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,2}):([0-9]{1,2})").matcher(text);
        if (!m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        int of = Integer.parseInt(m.group(2));
        return n >= 1 && n < of && of <= 64 ? new int[] {n, of} : null;
    }

    /**
     * Converts a YAML scalar (Integer, Long, Double, Boolean, String) or a {@code --set} string into
     * the canonical Java value for this type: Integer, Long, Double, Boolean or String.
     */
    Object coerce(String key, Object raw, List<String> choices) {
        if (raw == null) {
            throw new ConfigException("key '" + key + "' has no value (expected " + describe(choices) + ")");
        }
        boolean fromText = raw instanceof String;
        String text = raw.toString().trim();
        try {
            return switch (this) {
                case INT -> Math.toIntExact(integral(raw, text));
                case LONG -> integral(raw, text);
                case DOUBLE -> real(raw, text);
                case BOOL -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    if (fromText && (text.equals("true") || text.equals("false"))) {
                        yield Boolean.parseBoolean(text);
                    }
                    throw new IllegalArgumentException();
                }
                case CHOICE -> {
                    if (N_OF_M.equals(text) || !choices.contains(text) && !(choices.contains(N_OF_M) && nOfM(text) != null)) {
                        throw new IllegalArgumentException();
                    }
                    yield text;
                }
                case TEXT -> text;
                case INT_OR_AUTO -> AUTO.equals(text) ? AUTO : (Object) Math.toIntExact(integral(raw, text));
                case DOUBLE_OR_AUTO -> AUTO.equals(text) ? AUTO : (Object) real(raw, text);
            };
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new ConfigException("key '" + key + "': '" + text + "' is not " + describe(choices));
        }
    }

    String describe(List<String> choices) {
        return switch (this) {
            case INT, LONG -> "an integer";
            case DOUBLE -> "a number";
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices)
                    + (choices.contains(N_OF_M) ? " (N:M is a pattern such as 2:4 or 4:8, 1 <= N < M <= 64)" : "");
            case TEXT -> "a text";
            case INT_OR_AUTO -> "an integer or auto";
            case DOUBLE_OR_AUTO -> "a number or auto";
        };
    }

    private static long integral(Object raw, String text) {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String) {
            return Long.parseLong(text);
        }
        throw new IllegalArgumentException();
    }

    private static double real(Object raw, String text) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String) {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException();
            }
            return d;
        }
        throw new IllegalArgumentException();
    }
}
