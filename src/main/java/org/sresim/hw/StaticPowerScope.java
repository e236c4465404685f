package org.sresim.hw;

import org.sresim.config.Choice;

/** What draws static power ({@code power.static-scope}). */
public enum StaticPowerScope implements Choice {
    /** Every component of the chips the point runs on. */
    CHIP("chip"),
    /** Only the share the mapping occupies, plus the chips' links. */
    USED("used");

    private final String configName;

    StaticPowerScope(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
