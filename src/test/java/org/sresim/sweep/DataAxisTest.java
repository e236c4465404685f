package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.workload.ModelData;
import org.sresim.workload.ModelFixtures;

class DataAxisTest {
    @TempDir
    Path dir;
    Path net;

    @BeforeEach
    void model() throws IOException {
        net = ModelFixtures.writeNetwork(dir.resolve("tiny.yaml"));
        ModelFixtures.writeFolder(dir.resolve("models/a"), 1, 1);
        ModelFixtures.writeFolder(dir.resolve("models/b"), 2, 3);
    }

    Path sweep(String body) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), "name: s\nfixed: {network: " + net + "}\n" + body);
    }

    @Test
    void relativeLocationsResolveAgainstTheSweepFileAndCarryTheirContentHash() throws IOException {
        SweepPlan plan = SweepFile.load(sweep("grid:\n  data: [models/a, models/b]\n  ou.rows: [4, 8]\n"));
        assertThat(plan.size()).isEqualTo(4);
        String a = plan.point(0).text("data");
        assertThat(ModelData.pathOf(a)).isEqualTo(dir.resolve("models/a").toString());
        assertThat(a).matches(".*#sha256=[0-9a-f]{16}");
        assertThat(plan.dataLocations()).containsExactly(a, plan.point(2).text("data"));
        Set<String> ids = new HashSet<>();
        for (long i = 0; i < plan.size(); i++) {
            ids.add(plan.point(i).pointId());
        }
        assertThat(ids).hasSize(4);
    }

    @Test
    void changedFilesChangeThePointIdAtTheSameLocation() throws IOException {
        Path s = sweep("grid:\n  data: [models/a]\n");
        String before = SweepFile.load(s).point(0).pointId();
        ModelFixtures.writeFolder(dir.resolve("models/a"), 1, 2);
        assertThat(SweepFile.load(s).point(0).pointId()).isNotEqualTo(before);
    }

    @Test
    void aMissingLocationIsNamed() throws IOException {
        Path s = sweep("grid:\n  data: [models/none]\n");
        assertThatThrownBy(() -> SweepFile.load(s)).isInstanceOf(SweepException.class)
                .hasMessageContaining("grid axis 'data': value 'models/none'")
                .hasMessageContaining(dir.resolve("models/none") + ": no such file or folder");
    }

    @Test
    void dataThatDoesNotMatchTheNetworkNamesTheFileAndTheLayer() throws IOException {
        Files.delete(dir.resolve("models/b/fc2.weight.npy"));
        Path s = sweep("grid:\n  data: [models/a, models/b]\n");
        assertThatThrownBy(() -> SweepFile.load(s)).isInstanceOf(SweepException.class)
                .hasMessageContaining(dir.resolve("models/b/fc2.weight.npy") + ": missing (layer 'fc2'");
    }
}
