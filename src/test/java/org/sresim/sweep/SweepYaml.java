package org.sresim.sweep;

import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep definitions written inline by tests: the text goes to {@code dir/name} and is loaded as a user's file. */
final class SweepYaml {
    private SweepYaml() {
    }

    static SweepPlan load(Path dir, String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return SweepFile.load(f);
    }
}
