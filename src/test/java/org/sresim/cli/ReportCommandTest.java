package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report's errors: one line, exit 2, nothing written, all before Spark starts. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliRunner r, String... fragments) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").startsWith("error: ");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    private Path sweep(Path results, String name) throws Exception {
        Path s = Files.createDirectories(results.resolve(name));
        Files.writeString(s.resolve("sweep.json"), "{\"name\": \"" + name + "\", \"grid_size\": 1}\n");
        return s;
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path none = dir.resolve("none");
        assertOneLineError(CliRunner.run("report", none.toString()), none + ": no such directory");
    }

    @Test
    void aDirectoryWithoutSweepsSaysWhatItExpected() {
        assertOneLineError(CliRunner.run("report", dir.toString()), "no sweep results here", "sweep.json");
    }

    @Test
    void anUnknownSweepNamesTheChoices() throws Exception {
        sweep(dir, "alpha");
        sweep(dir, "beta");
        Path out = dir.resolve("rep");
        assertOneLineError(CliRunner.run("report", dir.toString(), "--sweep", "gamma", "--out", out.toString()),
                "--sweep gamma: no such sweep", "(choices: alpha, beta)");
        assertThat(out).doesNotExist();
    }

    @Test
    void severalSweepsNeedAChoice() throws Exception {
        sweep(dir, "alpha");
        sweep(dir, "beta");
        assertOneLineError(CliRunner.run("report", dir.toString()), "holds 2 sweeps (alpha, beta)", "--sweep NAME");
    }
}
