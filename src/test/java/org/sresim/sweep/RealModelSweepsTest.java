package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped sweeps over the real models load: every network and data file exists, and every
 * data location is paired only with its own network (the driver checks names and shapes of each
 * pair it meets, so a wrong pairing fails here).
 */
class RealModelSweepsTest {
    @Test
    void realModelsSweepPairsEachExportWithItsOwnNetwork() {
        SweepPlan plan = SweepFile.load(Path.of("sweeps/real-models.yaml"));
        Set<String> models = new TreeSet<>();
        for (String location : plan.dataLocations()) {
            String file = Path.of(location.substring(0, location.indexOf('#'))).getFileName().toString();
            models.add(file.replace(".npz", ""));
        }
        for (String m : models) {
            assertThat(plan.networks()).containsKeys("models/" + m + ".yaml", "models/twins/" + m + "-twin.yaml");
        }
        assertThat(models).isNotEmpty();
    }

    @Test
    void importedSweepReadsTheRealLenet() {
        SweepPlan plan = SweepFile.load(Path.of("sweeps/imported.yaml"));
        assertThat(plan.dataLocations()).singleElement().asString().contains("models/lenet5-han-fmnist.npz#sha256=");
    }
}
