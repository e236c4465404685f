package org.sresim.workload;

/**
 * How a layer's signed inputs are fed to the crossbars bit-serially ({@code input.encoding}). A
 * layer whose inputs are never negative (a ReLU output, a pixel) is fed as it is under every
 * encoding, in one pass: the compiler knows its inputs are unsigned. For a signed layer:
 * <ul>
 *   <li>{@code offset}: every value is shifted by the map's minimum, so all are unsigned (a zero
 *       becomes non-zero; the bias times the weights is removed digitally); one pass. A biased form
 *       is how designs with unsigned inputs, such as ISAAC, keep crossbar values unsigned.</li>
 *   <li>{@code twos-complement}: the {@code input.bits}-bit two's-complement pattern is fed; the
 *       sign bit's step is subtracted in shift-and-add, so a negative value feeds its leading
 *       1-bits; one pass. Standard bit-serial signed arithmetic.</li>
 *   <li>{@code sign-magnitude}: the positive parts, then the negative parts' magnitudes, in two
 *       passes over the same windows; a value is non-zero in one pass only.</li>
 * </ul>
 * Fed values are what the counters read: bit-level skipping counts the 1-bits actually fed.
 */
public enum InputEncoding implements org.sresim.config.Choice {
    OFFSET,
    TWOS_COMPLEMENT,
    SIGN_MAGNITUDE;

    /** The largest magnitude of a signed value: {@code 2^(bits-1) - 1}, so every encoding can feed it. */
    static long maxSigned(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    /**
     * The values fed for one inference's map (each within ±{@link #maxSigned}) of a layer whose
     * inputs can ({@code signedLayer}) or cannot be negative: {@link #passes} maps of
     * {@code signed.length} unsigned values, one after the other. An unsigned layer's map is
     * returned as it is.
     */
    int[] feed(int[] signed, int bits, boolean signedLayer) {
        if (!signedLayer) {
            return signed;
        }
        int min = 0;
        for (int v : signed) {
            min = Math.min(min, v);
        }
        return switch (this) {
            case OFFSET -> min < 0 ? shifted(signed, min) : signed;
            case TWOS_COMPLEMENT -> min < 0 ? twosComplement(signed, bits) : signed;
            case SIGN_MAGNITUDE -> signMagnitude(signed);
        };
    }

    /** Passes per window for a layer whose inputs can ({@code signed}) or cannot be negative. */
    public int passes(boolean signed) {
        return signed && this == SIGN_MAGNITUDE ? 2 : 1;
    }

    private static int[] shifted(int[] signed, int min) {
        int[] fed = new int[signed.length];
        for (int i = 0; i < signed.length; i++) {
            fed[i] = signed[i] - min;
        }
        return fed;
    }

    private static int[] twosComplement(int[] signed, int bits) {
        long mask = (1L << bits) - 1;
        int[] fed = new int[signed.length];
        for (int i = 0; i < signed.length; i++) {
            fed[i] = (int) (signed[i] & mask);
        }
        return fed;
    }

    private static int[] signMagnitude(int[] signed) {
        int n = signed.length;
        int[] fed = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int v = signed[i];
            if (v > 0) {
                fed[i] = v;
            } else {
                fed[n + i] = -v;
            }
        }
        return fed;
    }
}
