package org.sresim.engine.counting;

import java.util.EnumMap;
import java.util.Map;
import org.sresim.engine.Scheme;
import org.sresim.hw.Action;
import org.sresim.hw.Hardware;

/**
 * The counts of every scheme for one layer, plus what the layer's mapping costs in storage. Public
 * so that {@link Counter}'s results can be held and compared outside the engine, with read-only
 * accessors for pricing; only counting fills it.
 */
public final class LayerCounts {
    final int tiles;
    final Map<Scheme, SchemeCounts> schemes = new EnumMap<>(Scheme.class);
    /** Index table bits stored for the compressed schemes: sum over tiles and groups of |S| * index width. */
    long indexStorageBits;
    /** Per-window totals when the data-dependent schemes were estimated from a window sample; null when exact. */
    WindowStats windowStats;

    LayerCounts(int tiles) {
        this.tiles = tiles;
        for (Scheme s : Scheme.values()) {
            schemes.put(s, new SchemeCounts(tiles));
        }
    }

    public SchemeCounts of(Scheme s) {
        return schemes.get(s);
    }

    /** Crossbars one copy of the layer occupies. */
    public int tiles() {
        return tiles;
    }

    /** See {@link #indexStorageBits}. */
    public long indexStorageBits() {
        return indexStorageBits;
    }

    /** See {@link #windowStats}. */
    public WindowStats windowStats() {
        return windowStats;
    }

    /**
     * Adds the per-window work every scheme shares: inputs read from the eDRAM buffer
     * (ceil(K * inputBits / 256) accesses) and outputs written back (ceil(N * inputBits / 256)).
     */
    void addBufferAccesses(int rows, int cols, int windows, Hardware hw) {
        long perWindow = LayerMapping.ceilDiv((long) rows * hw.inputBits(), 256)
                + LayerMapping.ceilDiv((long) cols * hw.inputBits(), 256);
        for (SchemeCounts c : schemes.values()) {
            c.add(Action.EDRAM, perWindow * windows);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerCounts c && tiles == c.tiles && indexStorageBits == c.indexStorageBits
                && schemes.equals(c.schemes);
    }

    @Override
    public int hashCode() {
        return schemes.hashCode();
    }

    @Override
    public String toString() {
        return "LayerCounts{index=" + indexStorageBits + ", " + schemes + "}";
    }
}
