package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.engine.Simulator;

/** Execution positions: a bijection onto the grid in which each workload's hardware variants are consecutive. */
class ExecutionOrderTest {
    @TempDir
    Path dir;

    private SweepPlan load(String yaml) throws Exception {
        return SweepYaml.load(dir, "s.yaml", yaml);
    }

    @Test
    void hardwareAxesVaryFastestThenTheSeedThenTheWorkloadAxes() throws Exception {
        SweepPlan p = load("""
                name: order
                grid:
                  network: [lenet5, cifar10-quick]
                  ou.rows: [4, 8]
                  pruning.ratio: [0.0, 0.5]
                  adc.bits: [auto, 6]
                seeds: [1, 2]
                """);
        assertThat(p.size()).isEqualTo(32);
        assertThat(p.variantsPerGroup()).isEqualTo(4); // ou.rows x adc.bits
        assertThat(p.workloadGroups()).isEqualTo(8); // network x pruning.ratio x seeds
        // grid index = (((network * 2 + ou.rows) * 2 + pruning) * 2 + adc) * 2 + seed, by hand:
        assertThat(p.indexAt(0)).isEqualTo(0);
        assertThat(p.indexAt(1)).isEqualTo(2); // adc.bits 6
        assertThat(p.indexAt(2)).isEqualTo(8); // ou.rows 8
        assertThat(p.indexAt(3)).isEqualTo(10); // ou.rows 8, adc.bits 6
        assertThat(p.indexAt(4)).isEqualTo(1); // seed 2
        assertThat(p.indexAt(8)).isEqualTo(4); // pruning 0.5
        assertThat(p.indexAt(16)).isEqualTo(16); // cifar10-quick
        assertThat(p.indexAt(31)).isEqualTo(31);
        Set<Long> seen = new HashSet<>();
        for (long pos = 0; pos < p.size(); pos++) {
            assertThat(seen.add(p.indexAt(pos))).isTrue();
            Config point = p.point(p.indexAt(pos));
            Config first = p.point(p.indexAt(pos - pos % 4));
            // a group's points share everything counting reads: network, pruning, seed, counting key
            assertThat(Simulator.countingKey(point)).isEqualTo(Simulator.countingKey(first));
            assertThat(point.text("network")).isEqualTo(first.text("network"));
            assertThat(point.longValue("seed")).isEqualTo(first.longValue("seed"));
        }
        assertThat(seen).hasSize(32);
    }

    @Test
    void aZippedAxisWithACountedKeyIsNotAHardwareAxis() throws Exception {
        SweepPlan p = load("""
                name: zipped
                grid:
                  network: [lenet5]
                  latency.model: [replicated, parallel-tiles]
                zip:
                  - {ou.rows: [4, 8], ou.cols: [4, 8]}
                seeds: [1, 2, 3]
                """);
        // ou.cols changes the counts, so the zip is a workload axis; latency.model is the only hardware axis
        assertThat(p.variantsPerGroup()).isEqualTo(2);
        assertThat(p.workloadGroups()).isEqualTo(6);
        assertThat(p.point(p.indexAt(1)).text("latency.model")).isEqualTo("parallel-tiles");
        assertThat(p.point(p.indexAt(1)).longValue("seed")).isEqualTo(1);
        assertThat(p.point(p.indexAt(2)).longValue("seed")).isEqualTo(2);
    }

    @Test
    void withoutHardwareAxesPositionsAreGridIndices() throws Exception {
        SweepPlan p = load("""
                name: plain
                grid:
                  network: [lenet5, cifar10-quick]
                  pruning.ratio: [0.0, 0.5, 0.7]
                seeds: [1, 2]
                """);
        assertThat(p.variantsPerGroup()).isEqualTo(1);
        for (long pos = 0; pos < p.size(); pos++) {
            assertThat(p.indexAt(pos)).isEqualTo(pos);
        }
    }
}
