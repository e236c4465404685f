package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sresim.config.Config;

class SweepFileTest {
    @TempDir
    Path dir;

    private SweepPlan load(String yaml) throws Exception {
        return SweepYaml.load(dir, "s.yaml", yaml);
    }

    @Test
    void gridsZipsAndSeedsDecodeLikeNestedLoops() throws Exception {
        SweepPlan p = load("""
                name: t
                fixed: {latency.model: parallel-tiles}
                grid:
                  network: [lenet5, mlp-300-100]
                  pruning.ratio: {from: 0.0, to: 0.8, step: 0.2}
                zip:
                  - {ou.rows: [9, 16], ou.cols: [8, 16]}
                seeds: [1, 2, 3]
                """);
        assertThat(p.size()).isEqualTo(2 * 5 * 2 * 3);
        Config first = p.point(0);
        assertThat(first.text("network")).isEqualTo("lenet5");
        assertThat(first.doubleValue("pruning.ratio")).isEqualTo(0.0);
        assertThat(first.longValue("seed")).isEqualTo(1);
        assertThat(first.text("latency.model")).isEqualTo("parallel-tiles");
        Config last = p.point(p.size() - 1);
        assertThat(last.text("network")).isEqualTo("mlp-300-100");
        assertThat(last.doubleValue("pruning.ratio")).isEqualTo(0.8);
        assertThat(last.intValue("ou.rows")).isEqualTo(16);
        assertThat(last.intValue("ou.cols")).isEqualTo(16);
        assertThat(last.longValue("seed")).isEqualTo(3);
        // seed fastest, then the zip group, then the ratio: index 3*2*1 + 3*1 = 9 -> ratio 0.2, zip step 1, seed 1
        Config nine = p.point(9);
        assertThat(nine.doubleValue("pruning.ratio")).isEqualTo(0.2);
        assertThat(nine.intValue("ou.rows")).isEqualTo(16);
        assertThat(nine.longValue("seed")).isEqualTo(1);
        // exact decimal steps: 0.6, not 0.6000000000000001
        assertThat(p.point(3 * 2 * 3).doubleValue("pruning.ratio")).isEqualTo(0.6);
        assertThat(p.point(5).pointId()).isEqualTo(p.point(5).pointId()).isNotEqualTo(p.point(4).pointId());
    }

    @Test
    void aHugeGridPlansWithoutMaterialising() throws Exception {
        SweepPlan p = load("""
                name: huge
                grid:
                  pruning.ratio: {from: 0.0, to: 0.99, step: 0.00001}
                  activation.sparsity: {from: 0.0, to: 0.9, step: 0.1}
                seeds: {from: 1, to: 10, step: 1}
                """);
        assertThat(p.size()).isEqualTo(99_001L * 10 * 10);
        assertThat(p.point(p.size() - 1).doubleValue("pruning.ratio")).isEqualTo(0.99);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: t\\ngrdi: {ou.rows: [4]}|s.yaml: unknown key 'grdi'",
        "name: t\\ngrid: {ou.rowz: [4]}|grid axis 'ou.rowz': unknown key 'ou.rowz'",
        "name: t\\ngrid: {ou.rows: []}|grid axis 'ou.rows': empty axis",
        "name: t\\ngrid: {ou.rows: [4, abc]}|grid axis 'ou.rows': value 'abc' is not allowed: key 'ou.rows': 'abc' is not an integer",
        "name: t\\ngrid: {ou.rows: 4}|grid axis 'ou.rows': expected a list of values or {from, to, step}",
        "name: t\\ngrid: {pruning.ratio: [0.5, 1.0]}|grid axis 'pruning.ratio': value '1.0' is not allowed",
        "name: t\\ngrid: {network: [lenet5, lenet6]}|axis 'network': value 'lenet6': unknown network 'lenet6'",
        "name: t\\nzip: [{ou.rows: [9, 16], ou.cols: [8]}]|zip group 1: lists of unequal length (ou.rows has 2 values, ou.cols has 1)",
        "name: t\\ngrid: {ou.rows: [4]}\\nzip: [{ou.rows: [9], ou.cols: [8]}]|key 'ou.rows' is already swept",
        "name: t\\ngrid: {seed: [1, 2]}|seeds are listed under 'seeds:'",
        "name: t\\nseeds: [1, x]|seeds: 'x' is not an integer",
        "name: a/b|'name' must be a folder-safe word",
        "name: t\\nfixed: {ou.rows: 300}|ou.rows",
        "name: t\\ngrid: {crossbar.rows: [8, 128]}|grid axis 'crossbar.rows': value '8' is not allowed: key 'ou.rows': 9 is larger than crossbar.rows = 8",
        "name: t\\nfixed: {ou.rows: 4}\\ngrid: {crossbar.rows: [8, 128], ou.rows: [4, 16]}|point 1 (crossbar.rows=8, ou.rows=16) combines values that do not fit together: key 'ou.rows': 16 is larger than crossbar.rows = 8",
        "name: t\\ngrid: {pruning.ratio: {from: 0.5, to: 0.1, step: 0.1}}|a range needs step > 0 and from <= to",
    })
    void badSweepFilesAreOneLineErrorsNamingFileAxisAndValue(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
                .isInstanceOf(SweepException.class)
                .hasMessageContaining("s.yaml")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
