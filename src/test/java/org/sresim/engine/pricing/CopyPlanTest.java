package org.sresim.engine.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replicated copy plan on cases worked through by hand (model section 6). */
class CopyPlanTest {
    @Test
    void copiesGoToTheSlowestLayerPerCopyUntilTheChipIsFull() {
        // crossbars per copy {2, 1}, dense time {8, 3}, chip 7; start [1, 1] using 3.
        // 8/1 > 3/1: layer 0 -> [2, 1], 5 used; 8/2 = 4 > 3: layer 0 -> [3, 1], 7 used;
        // 8/3 < 3: layer 1, but 7 + 1 > 7: closed; layer 0: 7 + 2 > 7: closed.
        CopyPlan plan = CopyPlan.replicated(new int[] {2, 1}, new int[] {4, 10}, new long[] {8, 3}, 7);
        assertThat(plan.copies()).containsExactly(3, 1);
        assertThat(plan.fitsOnChip()).isTrue();
    }

    @Test
    void aLayerNeverGetsMoreCopiesThanWindows() {
        CopyPlan plan = CopyPlan.replicated(new int[] {1}, new int[] {2}, new long[] {10}, 100);
        assertThat(plan.copies()).containsExactly(2);
    }

    @Test
    void tiesGoToTheEarlierLayer() {
        // {6, 6} per copy, chip 3: layer 0 -> [2, 1] (3 used); 6/2 < 6: layer 1 does not fit; then layer 0 neither
        CopyPlan plan = CopyPlan.replicated(new int[] {1, 1}, new int[] {9, 9}, new long[] {6, 6}, 3);
        assertThat(plan.copies()).containsExactly(2, 1);
    }

    @Test
    void aNetworkThatDoesNotFitRunsWithOneCopyEach() {
        CopyPlan plan = CopyPlan.replicated(new int[] {5, 5}, new int[] {9, 9}, new long[] {6, 6}, 9);
        assertThat(plan.copies()).containsExactly(1, 1);
        assertThat(plan.fitsOnChip()).isFalse();
        assertThat(CopyPlan.parallelTiles(new int[] {5, 5}, 9).fitsOnChip()).isFalse();
        assertThat(CopyPlan.parallelTiles(new int[] {5, 4}, 9).copies()).containsExactly(1, 1);
        assertThat(CopyPlan.parallelTiles(new int[] {5, 4}, 9).fitsOnChip()).isTrue();
    }

    @Test
    void cyclesAreTheSlowestTileSplitOverTheCopies() {
        assertThat(CopyPlan.cycles(new long[] {7, 4}, 3)).isEqualTo(3); // max(ceil(7/3), ceil(4/3))
        assertThat(CopyPlan.cycles(new long[] {7, 4}, 1)).isEqualTo(7);
        assertThat(CopyPlan.cycles(new long[] {0}, 2)).isZero();
    }
}
