package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pareto's option errors: one line, exit 2, nothing written, all before Spark starts. */
class ParetoCommandTest {
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

    private Path sweep(String name) throws Exception {
        Path s = Files.createDirectories(dir.resolve(name));
        Files.writeString(s.resolve("sweep.json"), "{\"name\": \"" + name + "\", \"grid_size\": 1}\n");
        return s;
    }

    @Test
    void anUnknownObjectiveNamesTheNumericColumns() {
        assertOneLineError(CliRunner.run("pareto", dir.toString(), "--minimize", "latency_ns,enrgy_pj"),
                "--minimize enrgy_pj: no such column in points", "numeric columns: ", "energy_pj");
    }

    @Test
    void aTextColumnIsNotAnObjective() {
        assertOneLineError(CliRunner.run("pareto", dir.toString(), "--maximize", "adc_bits"),
                "--maximize adc_bits: not numeric");
    }

    @Test
    void aMetricIsNotAGroup() {
        assertOneLineError(CliRunner.run("pareto", dir.toString(), "--by", "network,speedup"),
                "--by speedup: not a config column or scheme", "allowed: ", "ou_rows");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path none = dir.resolve("none");
        assertOneLineError(CliRunner.run("pareto", none.toString()), none + ": no such directory");
    }

    @Test
    void anUnknownSweepNamesTheChoices() throws Exception {
        sweep("alpha");
        sweep("beta");
        assertOneLineError(CliRunner.run("pareto", dir.toString(), "--sweep", "gamma"),
                "--sweep gamma: no such sweep", "(choices: alpha, beta)");
        assertThat(dir.resolve("alpha/pareto")).doesNotExist();
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRunner r = CliRunner.run("pareto", dir.toString(), "--by", "seed", "--verbose");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("\tat ").contains("--by seed: not allowed");
    }
}
