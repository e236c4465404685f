package org.sresim.engine;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Memoises P(misread) by the exact bits of its argument in an open-addressing table of primitive
 * longs and doubles: the proxies evaluate millions of conversions but only a few hundred distinct
 * sums of squared conductances, and erfc is costly while boxing would dominate the hot loop.
 */
final class MisreadMemo {
    private static final long EMPTY = Long.MIN_VALUE; // bits of no positive double
    private final DoubleUnaryOperator function;
    private long[] keys = new long[1024];
    private double[] values = new double[1024];
    private int size;

    MisreadMemo(DoubleUnaryOperator function) {
        this.function = function;
        Arrays.fill(keys, EMPTY);
    }

    double apply(double x) {
        long key = Double.doubleToRawLongBits(x);
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        double v = function.applyAsDouble(x);
        keys[i] = key;
        values[i] = v;
        if (++size * 2 > keys.length) {
            grow();
        }
        return v;
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new double[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = (int) (mix(oldKeys[j]) & mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** MurmurHash3's finaliser: doubles that differ only in low mantissa bits must not cluster. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
