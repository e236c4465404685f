package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** N:M pruning keeps the pattern in every group of every column. */
class NofMTest {

    @Property(tries = 200)
    void everyGroupKeepsItsNLargestMagnitudes(@ForAll @IntRange(min = 1, max = 7) int keep,
                                              @ForAll @IntRange(min = 1, max = 8) int extra,
                                              @ForAll @IntRange(min = 1, max = 50) int rows,
                                              @ForAll @IntRange(min = 1, max = 9) int cols,
                                              @ForAll long seed) {
        NofM pattern = new NofM(keep, keep + extra);
        SplittableRandom r = new SplittableRandom(seed);
        short[] before = new short[rows * cols];
        for (int i = 0; i < before.length; i++) {
            before[i] = (short) r.nextInt(-20, 21); // small values: many ties and zeros
        }
        short[] after = before.clone();
        pattern.prune(after, rows, cols);
        int m = pattern.group();
        for (int col = 0; col < cols; col++) {
            for (int first = 0; first < rows; first += m) {
                int length = Math.min(m, rows - first);
                int kept = 0;
                int smallestKept = Integer.MAX_VALUE;
                int largestPruned = -1;
                for (int i = first; i < first + length; i++) {
                    int b = before[i * cols + col];
                    int a = after[i * cols + col];
                    assertThat(a == 0 || a == b).isTrue(); // values are kept or zeroed, never changed
                    boolean zeroed = b != 0 && a == 0;
                    if (zeroed) {
                        largestPruned = Math.max(largestPruned, Math.abs(b));
                    } else if (b != 0) {
                        kept++;
                        smallestKept = Math.min(smallestKept, Math.abs(b));
                    }
                }
                assertThat(kept).isLessThanOrEqualTo(Math.min(keep, length));
                assertThat(largestPruned).isLessThanOrEqualTo(smallestKept == Integer.MAX_VALUE ? 0 : smallestKept);
                if (largestPruned >= 0) { // something was pruned: exactly N non-zero weights stay
                    assertThat(kept).isEqualTo(keep);
                }
            }
        }
    }

    /** Column [4, -1, 3, 3 | 2, 0, -5, 1 | 7, 6] at 2:4: ties go to the earlier row; the tail of 2 keeps both. */
    @Test
    void aHandCase() {
        short[] w = {4, -1, 3, 3, 2, 0, -5, 1, 7, 6};
        new NofM(2, 4).prune(w, 10, 1);
        assertThat(w).containsExactly((short) 4, (short) 0, (short) 3, (short) 0, (short) 2, (short) 0, (short) -5,
                (short) 0, (short) 7, (short) 6);
    }

    @Test
    void syntheticLayersAtTwoOfFourHaveHalfTheirWeights() {
        MatrixLayer layer = new Network("n", java.util.List.of(64), java.util.List.of(LayerSpec.fc("f", 32)))
                .matrixLayers().get(0);
        WorkloadSettings s = new WorkloadSettings(3, 0.5, PruningMethod.N_OF_M, new NofM(2, 4), true, 0, 12,
                ActivationDistribution.HALF_NORMAL, false, 16, 16, InputEncoding.OFFSET);
        LayerWorkload w = SyntheticWorkload.generate(layer, s);
        // Laplace weights at 16 bits are almost never 0: 2 of every 4 stay
        assertThat(w.weightDensity()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.01));
    }
}
