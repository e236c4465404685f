package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.counting.BitsetCounter;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.engine.counting.OuCounter;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** Points that differ only in OU height, ADC or provisioning share one counting pass and change no number. */
class SharedCountingTest {

    /** Counts the counting passes of the wrapped counter. */
    private static final class CountingPasses implements OuCounter {
        final AtomicInteger passes = new AtomicInteger();
        final BitsetCounter inner = new BitsetCounter();

        @Override
        public LayerCounts count(LayerWorkload w, Hardware hw) {
            return count(w, hw, null);
        }

        @Override
        public LayerCounts count(LayerWorkload w, Hardware hw, int[] sample) {
            passes.incrementAndGet();
            return inner.count(w, hw, sample);
        }

        @Override
        public LayerCounts[] count(LayerWorkload w, Hardware hw, int[] sample, int[] heights) {
            passes.incrementAndGet();
            return inner.count(w, hw, sample, heights);
        }
    }

    @Test
    void announcedOuHeightsAreCountedInOnePassWithTheNumbersOfSeparateRuns() {
        Network net = Networks.resolve("lenet5");
        Config base = ConfigLoader.defaults().with(Map.of("network", "lenet5", "pruning.ratio", 0.6,
                "activation.sparsity", 0.5), "t");
        List<Config> points = new ArrayList<>();
        for (int simWindows : new int[] {0, 7}) {
            for (int rows : new int[] {1, 4, 9, 16, 128}) {
                for (Object bits : List.of("auto", 3)) {
                    points.add(base.with(Map.of("ou.rows", rows, "adc.bits", bits, "sim.windows", simWindows), "t"));
                }
            }
        }
        CountingPasses counter = new CountingPasses();
        Simulator shared = new Simulator(counter);
        shared.expect(points);
        for (Config c : points) {
            WorkloadSettings s = WorkloadSettings.from(c);
            SimulationResult memo = shared.simulate(c, net, WorkloadSource.synthetic(s), "lenet5|" + s);
            SimulationResult fresh = new Simulator().simulate(c, net, WorkloadSource.synthetic(s));
            assertThat(memo.networkRows()).as(c.text("ou.rows") + " " + c.text("adc.bits")).isEqualTo(fresh.networkRows());
            assertThat(memo.layerRows()).isEqualTo(fresh.layerRows());
        }
        // two counting keys (sim.windows 0 and 7), one pass per layer each, for all 5 heights x 2 ADCs
        assertThat(counter.passes.get()).isEqualTo(2 * net.matrixLayers().size());
    }

    @Test
    void withoutAnnouncementEachHeightIsCountedWhenFirstAskedFor() {
        Network net = Networks.resolve("lenet5");
        Config base = ConfigLoader.defaults().with(Map.of("network", "lenet5"), "t");
        CountingPasses counter = new CountingPasses();
        Simulator shared = new Simulator(counter);
        for (int rows : new int[] {4, 8, 4}) {
            Config c = base.with(Map.of("ou.rows", rows), "t");
            WorkloadSettings s = WorkloadSettings.from(c);
            assertThat(shared.simulate(c, net, WorkloadSource.synthetic(s), "k").networkRows())
                    .isEqualTo(new Simulator().simulate(c, net, WorkloadSource.synthetic(s)).networkRows());
        }
        // heights 4 and 8 each counted once; the second 4 reuses the first pass
        assertThat(counter.passes.get()).isEqualTo(2 * net.matrixLayers().size());
    }
}
