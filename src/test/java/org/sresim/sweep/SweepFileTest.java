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

    /**
     * Exact one-line messages naming the file, the key and what is allowed. The first are shapes
     * Jackson refuses while binding, worded without its words; the rest are found when the bound
     * file is checked against the config and itself.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [1, 2] | expected a map with name, grid, ... at the top level
            "" | expected a map with name, grid, ... at the top level
            name: t\\ngrdi: 1 | unknown key 'grdi' (allowed: name, description, base, fixed, grid, zip, seeds)
            name: [a] | 'name' must be a folder-safe word (letters, digits, . _ -), got ''
            name: t\\nbase: [x] | 'base' must be a file path, got ["x"]
            name: t\\ndescription: [a] | 'description' must be a text, got ["a"]
            name: t\\nfixed: 3 | 'fixed' must be a map of key: values
            # a section written without a value is a mistake, not a section left out
            name: t\\nfixed: | 'fixed' must be a map of key: values
            name: t\\nfixed: {ou.rows: [4, 9]} | fixed: value of 'ou.rows' must be a single value, got [4,9]
            name: t\\nfixed: {ou.rows: null} | fixed: value of 'ou.rows' must be a single value, got null
            name: t\\ngrid: [ou.rows] | 'grid' must be a map of key: values
            name: t\\ngrid: {ou.rows: null} | grid axis 'ou.rows': expected a list of values or {from, to, step}, got 'null'
            name: t\\ngrid: {ou.rows: [4, [9]]} | grid axis 'ou.rows': value of 'ou.rows' must be a single value, got [9]
            name: t\\ngrid: {pruning.ratio: {from: 0.0, to: 0.8, step: 0.2, by: 1}} | grid axis 'pruning.ratio': a range needs exactly from, to and step, got [by, from, step, to]
            name: t\\ngrid: {pruning.ratio: {to: 0.8}} | grid axis 'pruning.ratio': a range needs exactly from, to and step, got [to]
            name: t\\ngrid: {pruning.ratio: {from: '0.1', to: 0.8, step: 0.2}} | grid axis 'pruning.ratio': 'from' must be a number
            name: t\\ngrid: {pruning.ratio: {from: null, to: 0.8, step: 0.2}} | grid axis 'pruning.ratio': 'from' must be a number
            name: t\\nzip: {ou.rows: [9]} | 'zip' must be a list of maps, e.g. zip: [{ou.rows: [9, 16], ou.cols: [8, 16]}]
            name: t\\nzip: [{ou.rows: [9]}, 5] | 'zip group 2' must be a map of key: values
            name: t\\nzip: [{ou.rows: 9}] | zip group 1 axis 'ou.rows': expected a list of values or {from, to, step}, got '9'
            name: t\\nseeds: one | seeds: expected a non-empty list of integers, e.g. seeds: [1, 2, 3]
            name: t\\nseeds: | seeds: expected a non-empty list of integers, e.g. seeds: [1, 2, 3]
            name: t\\nseeds: [1, '2'] | seeds: '2' is not an integer
            name: t\\nseeds: [1, 1.5] | seeds: '1.5' is not an integer
            name: t\\nseeds: [1, true] | seeds: 'true' is not an integer
            # too large for a long: refused, not truncated to another seed
            name: t\\nseeds: [99999999999999999999] | seeds: '99999999999999999999' is not an integer
            name: t\\nseeds: {from: 1, to: 3, step: 1, by: 1} | seeds: a range needs exactly from, to and step, got [by, from, step, to]
            # found when checking
            name: t\\nseeds: [1, 1] | seeds: a seed is listed twice
            name: t\\nseeds: [] | seeds: expected a non-empty list of integers, e.g. seeds: [1, 2, 3]
            name: t\\nseeds: {from: 1, to: 3, step: 0.5} | seeds: a seed range needs integer from, to and step
            name: t\\nzip: [{}] | zip group 1 is empty
            name: t\\nfixed: {seed: 4} | fixed: seeds are listed under 'seeds:', not as an axis
            name: t\\nfixed: {ou.rows: 99999999999999999999999} | fixed: key 'ou.rows': '99999999999999999999999' is not an integer
            name: t\\ngrid: {ou.rows: {from: 4.0, to: 16, step: 4}} | grid axis 'ou.rows': value '4.0' is not allowed: key 'ou.rows': '4.0' is not an integer
            name: t\\ngrid: {ou.rows: {from: 0, to: 2000000, step: 1}} | grid axis 'ou.rows': range has more than 10^6 values
            # YAML reads 1e400 as Infinity
            name: t\\ngrid: {pruning.ratio: {from: 0, to: 1e400, step: 1}} | grid axis 'pruning.ratio': 'to' must be a finite number
            """)
    void mistakesAreExactOneLineErrors(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
                .isInstanceOf(SweepException.class)
                .hasMessage(dir.resolve("s.yaml") + ": " + message);
    }

    @Test
    void aNullBaseOrDescriptionIsLikeLeavingThemOut() throws Exception {
        SweepPlan plain = load("name: t\ngrid: {ou.rows: [4]}\n");
        SweepPlan nulls = load("name: t\nbase: null\ndescription:\ngrid: {ou.rows: [4]}\n");
        assertThat(nulls.base()).isEqualTo(plain.base());
        assertThat(nulls.axes()).isEqualTo(plain.axes());
    }

    /** Ranges written in integers give longs, which an int key takes as ints (decimal ranges: see the first test). */
    @Test
    void integralRangesStayIntegers() throws Exception {
        SweepPlan p = load("name: t\ngrid: {chip.crossbars: {from: 16000, to: 16128, step: 64}, ou.rows: {from: 4, to: 16.5, step: 4}}\n");
        assertThat(p.axes().get(0).values().get(0)).containsExactly(16000L, 16064L, 16128L);
        assertThat(p.axes().get(1).values().get(0)).containsExactly(4, 8, 12, 16);
    }

    /** The definition hash is of the file's tree, so re-laying out a sweep file keeps its identity for resuming. */
    @Test
    void theDefinitionHashIgnoresLayoutAndCommentsButNotContent() throws Exception {
        String flow = load("name: t\ngrid: {ou.rows: [4, 9], pruning.ratio: {from: 0.0, to: 0.4, step: 0.2}}\n").definitionHash();
        String block = load("""
                # the same sweep, laid out differently
                name: t
                grid:
                  ou.rows:
                    - 4
                    - 9   # two heights
                  pruning.ratio: {from: 0.0, to: 0.4, step: 0.2}
                """).definitionHash();
        String other = load("name: t\ngrid: {ou.rows: [4, 16], pruning.ratio: {from: 0.0, to: 0.4, step: 0.2}}\n").definitionHash();
        assertThat(block).isEqualTo(flow);
        assertThat(other).isNotEqualTo(flow);
    }
}
