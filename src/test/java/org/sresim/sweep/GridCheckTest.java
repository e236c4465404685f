package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;

/** Every combination of the non-seed axes is validated on the driver, however large the grid. */
class GridCheckTest {
    @TempDir
    Path dir;

    private SweepPlan load(String yaml) throws Exception {
        return SweepYaml.load(dir, "big.yaml", yaml);
    }

    @Test
    void aGridInvalidOnlyAtItsLastPointIsRefusedNamingThatPoint() {
        // one zip axis of 400,000 (crossbar.rows, ou.rows) pairs, only the very last one invalid (crossbar
        // 8 rows, OU 16 rows): the old check stopped at 200,000 points. Built directly: a YAML file this
        // size exceeds the YAML reader's document limit.
        int n = 400_000;
        List<Object> rows = new ArrayList<>(Collections.nCopies(n - 1, (Object) 128));
        rows.add(8);
        List<Object> ous = new ArrayList<>(Collections.nCopies(n - 1, (Object) 4));
        ous.add(16);
        Config base = ConfigLoader.defaults().with(Map.of("ou.rows", 4), "test");
        SweepPlan plan = new SweepPlan("big", base, List.of(new Axis(List.of("crossbar.rows", "ou.rows"),
                List.of(rows, ous))), List.of(1L), Map.of(), "h");
        assertThat(plan.size()).isEqualTo(n);
        assertThatThrownBy(() -> GridCheck.check(plan, "big.yaml")).isInstanceOf(SweepException.class)
                .hasMessage("big.yaml: point 399999 (crossbar.rows=8, ou.rows=16) combines values that do not fit "
                        + "together: key 'ou.rows': 16 is larger than crossbar.rows = 8 (allowed: 1..8)");
    }

    @Test
    void theFailingPointIndexCountsSeedsAndTheSameGridWithoutTheBadValueLoads() throws Exception {
        String bad = """
                name: seeded
                fixed: {ou.rows: 4}
                grid:
                  crossbar.rows: [128, 8]
                  ou.rows: [4, 16]
                seeds: [1, 2, 3]
                """;
        // combination 3 of 4, seed index 0: point 9
        assertThatThrownBy(() -> load(bad)).hasMessageContaining("point 9 (crossbar.rows=8, ou.rows=16)");
        SweepPlan ok = load(bad.replace("[128, 8]", "[128, 64]"));
        assertThat(ok.size()).isEqualTo(12);
    }
}
