package org.sresim.hw;

import org.sresim.config.Choice;

/** How the chip's crossbars are provisioned for a network ({@code latency.model}, model section 6). */
public enum LatencyModel implements Choice {
    /**
     * Spare crossbars hold extra copies of the layers with the largest dense time per copy; a
     * layer's windows split over its copies.
     */
    REPLICATED,
    /** One copy of every layer, its tiles working in parallel. */
    PARALLEL_TILES;
}
