package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line on stderr naming the culprit, non-zero exit, no stack trace, nothing on stdout. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliRunner r, String... fragments) {
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").startsWith("error: ");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    @Test
    void unknownKey() {
        assertOneLineError(CliRunner.run("simulate", "--set", "ou.rowz=4"), "unknown key 'ou.rowz'");
    }

    @Test
    void impossibleValue() {
        assertOneLineError(CliRunner.run("simulate", "--set", "ou.rows=129"), "ou.rows", "crossbar.rows");
    }

    @Test
    void unknownNetwork() {
        assertOneLineError(CliRunner.run("simulate", "--network", "lenet6"), "unknown network 'lenet6'", "vgg16");
    }

    @Test
    void badNetworkFile() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: bad\ninput: [1, 4, 4]\nlayers:\n  - {name: c1, type: conv, out: 2, kernel: 5}\n");
        assertOneLineError(CliRunner.run("simulate", "--network", f.toString()), "bad.yaml", "'c1'");
    }

    @Test
    void missingDataDirectory() {
        assertOneLineError(CliRunner.run("simulate", "--data", dir.resolve("none").toString()), "no such folder or .npz file");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRunner r = CliRunner.run("simulate", "--set", "ou.rows=129", "--verbose");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void tableOutputEndsWithTheSummary() {
        CliRunner r = CliRunner.run("simulate", "--network", "mlp-300-100", "--set", "activation.sparsity=0.5");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("(network)").contains("summary: sre-value").contains("sre-bit");
    }

    @Test
    void aBadSweepFileStopsBeforeSparkAndWritesNothing() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: bad\ngrid: {ou.rows: [4, 9]}\nzip: [{adc.bits: [4, 5], ou.cols: [8]}]\n");
        Path out = dir.resolve("results");
        assertOneLineError(CliRunner.run("sweep", f.toString(), "--out", out.toString()),
                "bad.yaml", "zip group 1: lists of unequal length");
        assertThat(out).doesNotExist();
    }

    @Test
    void dryRunPrintsTheGridWithoutSpark() throws Exception {
        CliRunner r = CliRunner.run("sweep", "sweeps/quickstart.yaml", "--dry-run", "--out", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("sweep 'quickstart': 216 points").contains("point 0: network=lenet5");
        assertThat(dir.resolve("quickstart")).doesNotExist();
    }
}
