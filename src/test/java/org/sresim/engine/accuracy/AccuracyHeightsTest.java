package org.sresim.engine.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.sresim.engine.Scheme;
import org.sresim.engine.counting.RandomLayers;
import org.sresim.hw.Hardware;

/** One accuracy sample for several OU heights gives each height exactly its own proxy's tallies. */
class AccuracyHeightsTest {

    @Property(tries = 200)
    void proxiesForSeveralOuHeightsEqualOneProxyPerHeight(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] heights = new int[1 + r.nextInt(4)];
        for (int h = 0; h < heights.length; h++) {
            heights[h] = 1 + r.nextInt(c.hw.crossbarRows());
        }
        double sigma = r.nextBoolean() ? 0.02 : 0.3;
        boolean rowByRow = r.nextInt(4) == 0;
        AccuracyProxy together = new AccuracyProxy(c.hw, heights, sigma, 17, 3, 2, !rowByRow);
        List<Map<Scheme, Accuracy>> each = together.estimateEach(c.workload, seed);
        assertThat(each).hasSize(heights.length);
        for (int h = 0; h < heights.length; h++) {
            Hardware alone = RandomLayers.withOuRows(c.hw, heights[h]);
            AccuracyProxy single = new AccuracyProxy(alone, new int[] {heights[h]}, sigma, 17, 3, 2, !rowByRow);
            Map<Scheme, Accuracy> expected = single.estimate(c.workload, seed);
            for (Scheme s : Scheme.values()) {
                String what = s.id() + " at height " + heights[h];
                Accuracy got = each.get(h).get(s);
                assertThat(got.conversions()).as(what).isEqualTo(expected.get(s).conversions());
                for (int bits = 1; bits <= 12; bits++) {
                    assertThat(got.clipped(bits)).as(what + ", " + bits + " bits").isEqualTo(expected.get(s).clipped(bits));
                }
                // bit-for-bit: the same conversions summed in the same order
                assertThat(got.misreadProbabilitySum()).as(what).isEqualTo(expected.get(s).misreadProbabilitySum());
            }
        }
    }

    @Property(tries = 50)
    void aSecondLayerStartsFromEmptyTallies(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        int[] heights = {1, c.hw.crossbarRows()};
        AccuracyProxy reused = new AccuracyProxy(c.hw, heights, 0.05, 17, 3, 2);
        reused.estimateEach(c.workload, seed);
        List<Map<Scheme, Accuracy>> second = reused.estimateEach(c.workload, seed);
        List<Map<Scheme, Accuracy>> fresh = new AccuracyProxy(c.hw, heights, 0.05, 17, 3, 2)
                .estimateEach(c.workload, seed);
        for (int h = 0; h < heights.length; h++) {
            for (Scheme s : Scheme.values()) {
                assertThat(second.get(h).get(s).conversions()).isEqualTo(fresh.get(h).get(s).conversions());
                assertThat(second.get(h).get(s).misreadProbabilitySum()).isEqualTo(fresh.get(h).get(s).misreadProbabilitySum());
            }
        }
    }
}
