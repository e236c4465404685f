package org.sresim.engine.accuracy;

import java.util.function.DoubleUnaryOperator;

/**
 * Memoises P(misread) by the exact bits of its argument in an open-addressing table of primitive
 * longs: the proxies evaluate millions of conversions but only thousands to tens of thousands of
 * distinct sums of squared conductances (a ResNet-18 point at OU height 32: over 32,000), and erfc is costly while boxing would dominate the hot loop. A key and
 * its value sit side by side (slots 2i and 2i + 1), so a lookup touches one cache line: the table
 * of a large layer outgrows the core's cache, and two arrays cost two misses per conversion.
 */
final class MisreadMemo {
    private static final long EMPTY = Long.MIN_VALUE; // bits of no positive double
    private final DoubleUnaryOperator function;
    private long[] slots = emptySlots(1024);
    private int size;

    MisreadMemo(DoubleUnaryOperator function) {
        this.function = function;
    }

    double apply(double x) {
        long key = Double.doubleToRawLongBits(x);
        long[] t = slots;
        int mask = (t.length >>> 1) - 1;
        int i = (int) (mix(key) & mask);
        while (t[2 * i] != EMPTY) {
            if (t[2 * i] == key) {
                return Double.longBitsToDouble(t[2 * i + 1]);
            }
            i = (i + 1) & mask;
        }
        double v = function.applyAsDouble(x);
        t[2 * i] = key;
        t[2 * i + 1] = Double.doubleToRawLongBits(v);
        if (++size * 2 > (t.length >>> 1)) {
            grow();
        }
        return v;
    }

    private void grow() {
        long[] old = slots;
        long[] t = emptySlots(old.length); // twice the entries
        int mask = (t.length >>> 1) - 1;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j] != EMPTY) {
                int i = (int) (mix(old[j]) & mask);
                while (t[2 * i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                t[2 * i] = old[j];
                t[2 * i + 1] = old[j + 1];
            }
        }
        slots = t;
    }

    /** Room for {@code entries} keys and values, every key empty. */
    private static long[] emptySlots(int entries) {
        long[] t = new long[2 * entries];
        for (int i = 0; i < t.length; i += 2) {
            t[i] = EMPTY;
        }
        return t;
    }

    /** MurmurHash3's finaliser: doubles that differ only in low mantissa bits must not cluster. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
