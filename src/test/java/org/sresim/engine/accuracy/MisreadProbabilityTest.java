package org.sresim.engine.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.Scheme;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;

/** The misread probability of model section 8 on a one-cell layer, computed by hand. */
class MisreadProbabilityTest {
    @Test
    void oneConductingCellAtFullLevel() {
        // weight.bits 3: ceil(3 / 2) = 2 cells per weight; magnitude 3 puts level 3 in the low cell and
        // level 0 in the high one. input.bits 1: one step, digit 1, so each cell is one conversion.
        // r-ratio 4: gmin = 0.25, step = (1 - 0.25) / 3 = 0.25. The low cell conducts gmin + 3 step = 1:
        // P = 2 (1 - Phi(0.5 * 0.25 / (0.1 * 1))) = 2 (1 - Phi(1.25)) = 0.2112995473;
        // the high cell conducts gmin = 0.25: P = 2 (1 - Phi(0.125 / 0.025)) = 2 (1 - Phi(5)) = 5.733031e-7.
        // Rate per conversion: (0.2112995473 + 0.0000005733) / 2 = 0.1056500603.
        Config c = ConfigLoader.defaults().with(Map.of("weight.bits", 3, "input.bits", 1, "cell.bits", 2,
                "device.r-ratio", 4.0, "device.sigma", 0.1, "activation.scale-bits", 1), "test");
        Hardware hw = Hardware.from(c);
        MatrixLayer layer = new Network("m", List.of(1), List.of(
                new LayerSpec("fc", LayerType.FC, 1, 1, 1, 0, null, null, null))).matrixLayers().get(0);
        LayerWorkload w = new LayerWorkload(layer, new short[] {3}, new int[] {1});
        Map<Scheme, Accuracy> t = new AccuracyProxy(hw, 0.1, 4.0, 8, 8).estimate(w, 1);
        for (Scheme s : List.of(Scheme.DENSE, Scheme.ACT_BIT, Scheme.SRE_BIT)) {
            assertThat(t.get(s).conversions()).as(s.id()).isEqualTo(2);
            assertThat(t.get(s).readErrorRate()).as(s.id()).isCloseTo(0.1056500603, within(1e-9));
        }
    }

    @Test
    void aLowerLevelConductsLessSoItsDeviationMisreadsLessOften() {
        // level 1: g = 0.25 + 0.25 = 0.5, so P = 2 (1 - Phi(0.5 * 0.25 / (0.1 * 0.5))) = 2 (1 - Phi(2.5))
        // = 0.0124193307; with the level-0 cell as above: (0.0124193307 + 0.0000005733) / 2 = 0.0062099520.
        Config c = ConfigLoader.defaults().with(Map.of("weight.bits", 3, "input.bits", 1, "cell.bits", 2,
                "device.r-ratio", 4.0, "device.sigma", 0.1, "activation.scale-bits", 1), "test");
        MatrixLayer layer = new Network("m", List.of(1), List.of(
                new LayerSpec("fc", LayerType.FC, 1, 1, 1, 0, null, null, null))).matrixLayers().get(0);
        LayerWorkload w = new LayerWorkload(layer, new short[] {1}, new int[] {1});
        Accuracy t = new AccuracyProxy(Hardware.from(c), 0.1, 4.0, 8, 8).estimate(w, 1).get(Scheme.DENSE);
        assertThat(t.readErrorRate()).isCloseTo(0.0062099520, within(1e-9));
    }
}
