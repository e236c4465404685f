package org.sresim.config;

/**
 * What a configuration key changes ({@link Key#affects}). The simulator asks it which points can
 * share work: points differing only in keys that change neither counts nor accuracy tallies share
 * one counting pass. Declaring more than a key changes is safe (less sharing); declaring less is not.
 */
public enum Effect {
    /** The workload (weights, activations) or the OU operations and actions counted per layer. */
    COUNTS,
    /** The accuracy proxies' tallies (a resolution's clipping is read from them, so ADC bits are not this). */
    ACCURACY,
    /** Copies, chips and timing: latency and how many crossbars and chips a point uses. */
    PROVISIONING,
    /** What the counted actions cost: energy per action, area, static power. */
    PRICES
}
