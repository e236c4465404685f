package org.sresim.hw;

import org.sresim.config.Config;

/**
 * The digital units that multiply two activations (attention's Q·Kᵀ and softmax·V), which no
 * crossbar can hold: one rate, the single rule for how long their MACs take. Pricing, the
 * pipeline-stage model and {@code simulate}'s summary all time attention through it.
 *
 * @param macsPerNs multiply-accumulates per nanosecond ({@code digital.macs-per-ns})
 */
public record DigitalUnits(double macsPerNs) {

    public static DigitalUnits from(Config c) {
        return new DigitalUnits(c.doubleValue("digital.macs-per-ns"));
    }

    /** The time of {@code macs} multiply-accumulates, 0 for none. */
    public double ns(long macs) {
        return macs == 0 ? 0 : macs / macsPerNs;
    }
}
