package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit plan and its longest-first order, on hand-made inputs. */
class UnitsTest {
    @TempDir
    Path dir;

    /** Groups of one point: each point costs its count plus a variant share, 1.01 x its count cost. */
    private static Units.Costs singles(java.util.function.LongToDoubleFunction count) {
        return new Units.Costs(1, count);
    }

    @Test
    void unitsTileTheMissingRangesLongestFirstWithinTheCaps() {
        // points 0-9 cost 10.1 each, 10-19 cost 1.01 each: total 111.1; 1 core -> target 111.1 / 16 = 6.94
        List<long[]> missing = List.of(new long[] {0, 20});
        List<Units.Unit> units = Units.plan(missing, singles(i -> i < 10 ? 10 : 1), 1, 256);
        // each expensive point exceeds the target alone; the cheap ones group by 7 (7.07 >= 6.94), then the rest
        assertThat(units).hasSize(10 + 2);
        assertThat(units.subList(0, 10)).allMatch(u -> u.points() == 1 && u.cost() == 10.1);
        assertThat(units.get(0).start()).isZero(); // ties keep index order
        assertThat(units.get(10).start()).isEqualTo(10);
        assertThat(units.get(10).end()).isEqualTo(17);
        assertThat(units.get(10).cost()).isCloseTo(7.07, within(1e-9));
        assertThat(units.get(11).start()).isEqualTo(17);
        assertThat(units.get(11).end()).isEqualTo(20);
        // the point cap (target 40.4 / 16 = 2.5 points) and the gaps between missing ranges: units never span a gap
        List<Units.Unit> capped = Units.plan(List.of(new long[] {0, 35}, new long[] {40, 45}), singles(i -> 1), 1, 2);
        assertThat(capped).hasSize(18 + 3).allMatch(u -> u.points() <= 2);
        assertThat(capped.stream().mapToLong(Units.Unit::points).sum()).isEqualTo(40);
        assertThat(capped).extracting(u -> u.start() + "-" + u.end()).contains("34-35", "44-45");
        assertThat(capped).noneMatch(u -> u.start() < 40 && u.end() > 35);
    }

    @Test
    void unitsHoldWholeWorkloadGroupsAndBatchTinyOnes() {
        // 4 groups of 10 variants: counting costs 100, 100, 1, 1; a group costs count x (1 + 0.01 x 10) = 1.1 count
        Units.Costs costs = new Units.Costs(10, p -> p < 20 ? 100 : 1);
        // total 222.2; 2 cores: core share 111.1 (no group exceeds it), unit target 6.94
        List<Units.Unit> two = Units.plan(List.<long[]>of(new long[] {0, 40}), costs, 2, 256);
        assertThat(two).extracting(u -> u.start() + "-" + u.end()).containsExactly("0-10", "10-20", "20-40");
        assertThat(two.get(0).cost()).isCloseTo(110, within(1e-9));
        assertThat(two.get(2).cost()).isCloseTo(2.2, within(1e-9));
        // a resumed run missing [5, 25) on 1 core: the partial groups are pieces of their own
        List<Units.Unit> resumed = Units.plan(List.<long[]>of(new long[] {5, 25}), costs, 1, 256);
        assertThat(resumed).extracting(u -> u.start() + "-" + u.end()).containsExactlyInAnyOrder("5-10", "10-20", "20-25");
    }

    @Test
    void aGroupIsSplitByVariantRangeOnlyWhenItAloneExceedsACoresShareAndPaysForCountingAgain() {
        // 4 groups of 400 variants: counting costs 100, 100, 1, 1; a group costs count x (1 + 0.01 x 400) = 5 count
        Units.Costs costs = new Units.Costs(400, p -> p < 800 ? 100 : 1);
        List<long[]> all = List.<long[]>of(new long[] {0, 1600});
        // total 1010; 2 cores: core share 505, no group exceeds it; the tiny groups share a unit
        assertThat(Units.plan(all, costs, 2, 1000)).extracting(u -> u.start() + "-" + u.end())
                .containsExactly("0-400", "400-800", "800-1600");
        // 8 cores: core share 126, each big group (500) is cut into ceil(500 / 126) = 4 ranges of 100 variants,
        // each counting its workload again: 100 + 100 x 1
        List<Units.Unit> eight = Units.plan(all, costs, 8, 1000);
        assertThat(eight).extracting(u -> u.start() + "-" + u.end()).containsExactlyInAnyOrder(
                "0-100", "100-200", "200-300", "300-400", "400-500", "500-600", "600-700", "700-800", "800-1600");
        assertThat(eight.get(0).cost()).isCloseTo(200, within(1e-9));
        // 64 cores: core share 15.8 would ask for 32 pieces, but a piece keeps >= 100 variants (1 / 0.01): still 4;
        // the unit target (1010 / 64 / 16 = 0.99) now keeps the two tiny groups apart
        assertThat(Units.plan(all, costs, 64, 1000)).extracting(Units.Unit::points)
                .containsExactly(100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 400L, 400L);
        // a group of 10 variants is never split for cores: counting it again would cost more than its variants
        assertThat(Units.plan(List.<long[]>of(new long[] {0, 10}), new Units.Costs(10, p -> 100), 8, 1000)).hasSize(1);
        // the point cap splits whatever the cost: 400 variants, at most 150 a task -> 3 near-equal ranges
        assertThat(Units.plan(List.<long[]>of(new long[] {0, 400}), costs, 1, 150))
                .extracting(u -> u.start() + "-" + u.end()).containsExactlyInAnyOrder("0-133", "133-266", "266-400");
    }

    @Test
    void narrowOuColumnGroupsAreEstimatedDearerAndGoFirst() throws Exception {
        Path sweep = dir.resolve("ou.yaml");
        Files.writeString(sweep, "name: ou\nfixed: {network: lenet5}\nzip:\n  - {ou.rows: [16, 2, 4], ou.cols: [16, 2, 4]}\n");
        org.sresim.sweep.SweepPlan plan = org.sresim.sweep.SweepFile.load(sweep);
        Units.Costs costs = Units.estimatedCost(plan);
        double free = Units.networkCost(plan.networks().get("lenet5"));
        // 1 + 12 / ou.cols times the network's cost, whatever the grid order
        double[] expected = new double[3];
        org.sresim.sweep.ExecutionOrder order = plan.executionOrder();
        for (int p = 0; p < 3; p++) {
            expected[p] = free * (1 + 12.0 / plan.point(order.indexAt(p)).intValue("ou.cols"));
            assertThat(costs.countCost().applyAsDouble(p)).isCloseTo(expected[p], within(1e-6 * free));
        }
        assertThat(java.util.Arrays.stream(expected).sorted().toArray()).containsExactly(free * 1.75, free * 4, free * 7);
        // one core: each point its own unit, dearest (2x2) first
        List<Units.Unit> units = Units.plan(List.<long[]>of(new long[] {0, 3}), costs, 1, 256);
        assertThat(plan.point(order.indexAt(units.get(0).start())).intValue("ou.cols")).isEqualTo(2);
    }

    @Test
    void missingRangesAreTheComplementOfCommittedOnes() {
        List<long[]> gaps = Units.missing(List.of(new long[] {0, 5}, new long[] {10, 15}), 20);
        assertThat(gaps).hasSize(2);
        assertThat(Arrays.toString(gaps.get(0))).isEqualTo("[5, 10]");
        assertThat(Arrays.toString(gaps.get(1))).isEqualTo("[15, 20]");
        assertThat(Units.missing(List.of(), 3).get(0)).containsExactly(0, 3);
        assertThat(Units.missing(List.of(new long[] {0, 3}), 3)).isEmpty();
    }
}
