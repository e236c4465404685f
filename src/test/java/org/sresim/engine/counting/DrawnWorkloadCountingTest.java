package org.sresim.engine.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.PruningMethod;
import org.sresim.workload.ReusedWorkloads;
import org.sresim.workload.SyntheticWorkload;
import org.sresim.workload.WorkloadSettings;

/**
 * Synthetic layers are counted from the non-zero mask made while drawing (OU groups of whole
 * weights) or from it and their non-zero weights drawn one by one (groups of slices): both must
 * equal the reference counter and the counter on the same weights given as an array, for every
 * pruning method.
 */
class DrawnWorkloadCountingTest {

    @Property(tries = 200)
    void drawnLayersCountAsTheirMaterialisedWeights(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RandomLayers random = RandomLayers.draw(seed);
        Hardware hw = wholeWeightGroupsHalfTheTime(random.hw, r);
        MatrixLayer layer = random.workload.layer();
        PruningMethod method = PruningMethod.values()[r.nextInt(PruningMethod.values().length)];
        WorkloadSettings s = new WorkloadSettings(r.nextLong(), r.nextDouble() * 0.9, method, true, r.nextDouble(),
                Math.min(4, hw.inputBits()), true, hw.weightBits(), hw.inputBits());
        LayerWorkload drawn = SyntheticWorkload.generate(layer, s);
        LayerCounts fast = new BitsetCounter().count(drawn, hw);
        LayerWorkload array = new LayerWorkload(layer, SyntheticWorkload.generate(layer, s).weights(), drawn.inputs());
        assertThat(fast).isEqualTo(new BitsetCounter().count(array, hw)).isEqualTo(new ReferenceCounter().count(array, hw));
    }

    @Property(tries = 40)
    void layersKeptForReuseCountAsFreshOnes(@ForAll long seed) {
        // a kept layer reads the magnitudes it made once instead of drawing each weight again
        SplittableRandom r = new SplittableRandom(seed);
        Hardware hw = wholeWeightGroupsHalfTheTime(RandomLayers.draw(seed).hw, r);
        Network lenet = Networks.builtin("lenet5");
        PruningMethod method = PruningMethod.values()[r.nextInt(PruningMethod.values().length)];
        WorkloadSettings s = new WorkloadSettings(r.nextLong(), 0.1 + r.nextDouble() * 0.8, method, true,
                r.nextDouble(), Math.min(4, hw.inputBits()), true, hw.weightBits(), hw.inputBits());
        ReusedWorkloads reuse = new ReusedWorkloads(Long.MAX_VALUE, Long.MAX_VALUE);
        for (MatrixLayer layer : lenet.matrixLayers()) {
            LayerWorkload kept = reuse.source(lenet, s).load(layer);
            assertThat(new BitsetCounter().count(kept, hw)).as(layer.name())
                    .isEqualTo(new BitsetCounter().count(SyntheticWorkload.generate(layer, s), hw));
            // made when groups split weights, unless magnitude pruning materialised the matrix
            assertThat(kept.magnitudesIfMade() != null).as("magnitudes made")
                    .isEqualTo(!new LayerMapping(layer, hw).wholeWeightGroups() && method != PruningMethod.UNSTRUCTURED
                            && method != PruningMethod.N_OF_M);
        }
    }

    /** The random chip, or half the time one whose OU column groups hold whole weights. */
    private static Hardware wholeWeightGroupsHalfTheTime(Hardware hw, SplittableRandom r) {
        if (r.nextBoolean()) {
            return hw;
        }
        int cpw = hw.cellsPerWeight();
        int ouCols = cpw * (1 + r.nextInt(2));
        int xbCols = ouCols * (1 + r.nextInt(4)) + cpw * r.nextInt(2);
        Hardware whole = new Hardware(hw.crossbarRows(), xbCols, hw.cellBits(), hw.weightBits(), hw.inputBits(),
                hw.dacBits(), hw.ouRows(), ouCols, Hardware.losslessAdcBits(hw.ouRows(), hw.cellBits(), hw.dacBits()),
                6.25, 100, 8, 1_000_000, 1);
        assertThat(whole.ouCols() % cpw == 0 && whole.crossbarCols() % cpw == 0).isTrue(); // the mask path
        return whole;
    }
}
