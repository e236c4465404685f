package org.sresim.engine;

import org.sresim.config.Config;

/**
 * What the data-dependent half of a point reads besides the hardware and the workload: the seed
 * of its samples, the windows counted and the accuracy proxies' device model and sample.
 *
 * @param simWindows windows per layer counted (0: every window; see {@link Simulator#windowSample})
 * @param sigma      relative standard deviation of a conducting cell's conductance
 * @param rRatio     gmax / gmin
 */
record CountSettings(long seed, int simWindows, double sigma, double rRatio, int accuracyWindows,
                     int accuracyTiles) {

    static CountSettings from(Config c) {
        return new CountSettings(c.seed(), c.intValue("sim.windows"), c.doubleValue("device.sigma"),
                c.doubleValue("device.r-ratio"), c.intValue("accuracy.windows"), c.intValue("accuracy.tiles"));
    }
}
