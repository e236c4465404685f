package org.sresim.workload;

import java.util.SplittableRandom;

/**
 * Every random draw of a design point comes from a {@link SplittableRandom} seeded by
 * (point seed, layer index, purpose), so a number never depends on the order layers are
 * processed, on threads or on Spark tasks.
 */
public final class Seeds {
    /** What a stream is used for; each purpose has its own independent stream per layer. */
    public enum Purpose { WEIGHTS, PRUNE_ROWS, PRUNE_COLUMNS, ACTIVATIONS, ACCURACY_SAMPLE, WINDOW_SAMPLE }

    private Seeds() {
    }

    public static SplittableRandom stream(long seed, int layerIndex, Purpose purpose) {
        return new SplittableRandom(derive(seed, layerIndex, purpose));
    }

    static long derive(long seed, int layerIndex, Purpose purpose) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h + 0x9E3779B97F4A7C15L * (layerIndex + 1L));
        return mix(h + 0xBF58476D1CE4E5B9L * (purpose.ordinal() + 1L));
    }

    /** MurmurHash3's 64-bit finaliser: a bijective avalanche mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** A uniform double in the open interval (0, 1): never 0, so logarithms stay finite. */
    static double openUnit(SplittableRandom r) {
        return ((r.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }
}
