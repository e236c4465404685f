package org.sresim.engine;

/**
 * The seven execution schemes (model section 5). Every design point computes all of them, so
 * each point row carries its own baseline and speedups are ratios within one point.
 */
public enum Scheme {
    /** Every OU of every row, no sparsity exploited: the paper's OU-based baseline. */
    DENSE("dense", false, false, false),
    /** Row-wise weight compression only: all-zero rows of a column group are removed offline. */
    WEIGHT("weight", true, false, false),
    /** Dynamic wordline activation only, skipping rows whose activation is zero. */
    ACT_VALUE("act-value", false, true, false),
    /** Dynamic wordline activation only, skipping rows whose current input bit is zero. */
    ACT_BIT("act-bit", false, true, true),
    /** The Sparse ReRAM Engine: compression and dynamic activation, value granularity. */
    SRE_VALUE("sre-value", true, true, false),
    /** The Sparse ReRAM Engine: compression and dynamic activation, bit granularity. */
    SRE_BIT("sre-bit", true, true, true),
    /** The over-idealised ISAAC design: one full-crossbar read per tile, window and step. */
    IDEAL("ideal", false, false, false);

    private final String id;
    private final boolean compressesWeights;
    private final boolean skipsActivations;
    private final boolean bitGranularity;

    Scheme(String id, boolean compressesWeights, boolean skipsActivations, boolean bitGranularity) {
        this.id = id;
        this.compressesWeights = compressesWeights;
        this.skipsActivations = skipsActivations;
        this.bitGranularity = bitGranularity;
    }

    /** The name used on the command line, in JSON and in the {@code scheme} column. */
    public String id() {
        return id;
    }

    /** Reads a compressed-row index and runs the prefix-sum logic (weight, sre-*). */
    public boolean compressesWeights() {
        return compressesWeights;
    }

    /** Skips rows whose activation (act-*, sre-*) or input bit (*-bit) is zero. */
    public boolean skipsActivations() {
        return skipsActivations;
    }

    /** Skips at the granularity of input bits rather than values (act-bit, sre-bit). */
    public boolean bitGranularity() {
        return bitGranularity;
    }

    public static Scheme of(String id) {
        for (Scheme s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scheme '" + id + "'");
    }
}
