package org.sresim.hw;

import org.sresim.config.Choice;

/** What draws static power ({@code power.static-scope}). */
public enum StaticPowerScope implements Choice {
    /** Every component of the chips the point runs on. */
    CHIP,
    /** Only the share the mapping occupies, plus the chips' links. */
    USED;
}
