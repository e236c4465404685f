package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.workload.ModelFixtures;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;

/** {@code sre profile}: the table, the twin file, the committed twins, and one-line errors. */
class ProfileCommandTest {
    @TempDir
    Path dir;

    private Path network() throws IOException {
        return Files.writeString(dir.resolve("known.yaml"), ModelFixtures.KNOWN_NETWORK);
    }

    @Test
    void printsMeasuredBesideTwinAndWritesTheTwin() throws IOException {
        Path data = ModelFixtures.writeKnownModel(dir.resolve("m"));
        Path twin = dir.resolve("t.yaml");
        CliRunner r = CliRunner.run("profile", data.toString(), "--network", network().toString(), "--out",
                twin.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // c1: filter 1/4, shape 2/18, element 27/72, density 0.75, one-bit 684/1728; the twin realises them
        assertThat(r.out()).contains("c1", "18x4", "0.2500/0.2500", "0.1111/0.1111",
                "0.3750/0.3750", "0.7500/0.7500", "0.3958/0.3958");
        assertThat(r.out()).contains("twin written to " + twin);
        Network t = Networks.load(twin);
        assertThat(t.name()).isEqualTo("known-twin");
        assertThat(Files.readString(twin)).startsWith("# Synthetic twin of network 'known'")
                .contains("activation: {sparsity: 0.25, scale-bits: ");
    }

    @Test
    void dashWritesTheTwinToStandardOutput() throws IOException {
        Path data = ModelFixtures.writeKnownModel(dir.resolve("m"));
        CliRunner r = CliRunner.run("profile", data.toString(), "--network", network().toString(), "--out", "-");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# Synthetic twin").contains("name: known-twin");
        assertThat(r.err()).contains("filter real/twin");
    }

    @Test
    void badInputIsOneLineNamingTheFileOrLayer() throws IOException {
        CliRunner missing = CliRunner.run("profile", dir.resolve("nope.npz").toString(), "--network", "lenet5");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("error: ").contains("nope.npz").doesNotContain("\n");

        Path data = ModelFixtures.writeKnownModel(dir.resolve("m"));
        CliRunner wrong = CliRunner.run("profile", data.toString(), "--network", "lenet5", "--out",
                dir.resolve("x.yaml").toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).contains("c1.weight.npy").contains("layer 'c1'").doesNotContain("\n");
        assertThat(dir.resolve("x.yaml")).doesNotExist();

        Files.writeString(dir.resolve("m").resolve("f1.weight.npy"), "not an npy file");
        CliRunner broken = CliRunner.run("profile", data.toString(), "--network", network().toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err().strip()).contains("f1.weight.npy").doesNotContain("\n");
    }

    /** Committed twins (models/twins/NAME-twin.yaml) are what profile writes now for models/NAME.npz. */
    @Test
    void committedTwinsAreWhatProfileWritesNow() throws IOException {
        Path twins = Path.of("models", "twins");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(twins)) {
            try (Stream<Path> s = Files.list(twins)) {
                s.filter(f -> f.getFileName().toString().endsWith("-twin.yaml")).sorted().forEach(files::add);
            }
        }
        for (Path committed : files) {
            String name = committed.getFileName().toString().replace("-twin.yaml", "");
            Path fresh = dir.resolve(name + "-twin.yaml");
            CliRunner r = CliRunner.run("profile", "models/" + name + ".npz", "--network", "models/" + name + ".yaml",
                    "--out", fresh.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(Files.readString(committed)).as("%s: rerun sre profile (docs/real-models.md)", committed)
                    .isEqualTo(Files.readString(fresh));
        }
    }
}
