package org.sresim.engine.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.PruningMethod;
import org.sresim.workload.SyntheticWorkload;
import org.sresim.workload.WorkloadSettings;

/**
 * A row block's compressed-row masks, built from the non-zero mask and single weights, equal
 * masks read cell by cell ({@link LayerMapping#level}) for synthetic layers of every pruning
 * method (drawn on demand or materialised) and the same weights given as an array, over cell
 * widths 1 to 8, weight widths 2 to 16 and OU column groups of slices, whole weights or both.
 */
class BlockMasksTest {

    @Property(tries = 300)
    void masksEqualTheCellsReadOneByOne(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MatrixLayer layer = RandomLayers.draw(seed).workload.layer();
        int weightBits = 2 + r.nextInt(15);
        int cellBits = 1 + r.nextInt(Math.min(8, weightBits));
        int xbRows = 1 + r.nextInt(150);
        int xbCols = 1 + r.nextInt(40);
        int ouCols = 1 + r.nextInt(xbCols);
        Hardware hw = new Hardware(xbRows, xbCols, cellBits, weightBits, 4, 1, 1, ouCols,
                Hardware.losslessAdcBits(1, cellBits, 1), 6.25, 100, 8, 1_000_000, 1);
        PruningMethod method = PruningMethod.values()[r.nextInt(PruningMethod.values().length)];
        WorkloadSettings s = new WorkloadSettings(r.nextLong(), r.nextDouble() * 0.9, method, r.nextBoolean(),
                0.5, 2, true, weightBits, 4);
        LayerWorkload drawn = SyntheticWorkload.generate(layer, s);
        LayerWorkload array = new LayerWorkload(layer, SyntheticWorkload.generate(layer, s).weights(), drawn.inputs());
        LayerMapping m = new LayerMapping(layer, hw);
        for (int rb = 0; rb < m.rowBlocks; rb++) {
            assertMasks(BlockMasks.of(drawn, m, hw, rb), array, m, rb, "drawn, " + method);
            assertMasks(BlockMasks.of(array, m, hw, rb), array, m, rb, "array, " + method);
        }
    }

    private static void assertMasks(BlockMasks masks, LayerWorkload w, LayerMapping m, int rb, String what) {
        int words = masks.words();
        int first = m.firstRow(rb);
        for (int cb = 0; cb < m.colBlocks; cb++) {
            for (int g = 0; g < m.groups(cb); g++) {
                long[] expected = new long[words];
                for (int row = 0; row < m.rowsIn(rb); row++) {
                    for (int c = 0; c < m.groupWidth(cb, g); c++) {
                        if (m.level(w, first + row, m.groupStart(cb, g) + c) != 0) {
                            expected[row >>> 6] |= 1L << row;
                        }
                    }
                }
                int id = masks.maskOfGroup()[cb][g];
                long[] actual = Arrays.copyOfRange(masks.masks(), id * words, (id + 1) * words);
                assertThat(actual).as("%s: row block %d, column block %d, group %d", what, rb, cb, g)
                        .isEqualTo(expected);
            }
        }
    }
}
