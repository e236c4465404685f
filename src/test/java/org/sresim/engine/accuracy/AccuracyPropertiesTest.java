package org.sresim.engine.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.sresim.engine.Scheme;
import org.sresim.engine.counting.BitsetCounter;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.engine.counting.RandomLayers;

/** The accuracy proxies over random small layers: the fast path equals the literal one and sees every count. */
class AccuracyPropertiesTest {
    @Property(tries = 150)
    void bitSetAccuracyProxiesEqualTheRowByRowOnes(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        AccuracyProxy fast = new AccuracyProxy(c.hw, 0.02, 17, 3, 2);
        AccuracyProxy slow = new AccuracyProxy(c.hw, new int[] {c.hw.ouRows()}, 0.02, 17, 3, 2, false);
        java.util.Map<Scheme, Accuracy> a = fast.estimate(c.workload, seed);
        java.util.Map<Scheme, Accuracy> b = slow.estimate(c.workload, seed);
        for (Scheme s : Scheme.values()) {
            assertThat(a.get(s).conversions()).as(s.id()).isEqualTo(b.get(s).conversions());
            for (int bits = 1; bits <= 12; bits++) {
                assertThat(a.get(s).clipped(bits)).as(s.id() + " " + bits + " bits").isEqualTo(b.get(s).clipped(bits));
            }
            assertThat(a.get(s).misreadProbabilitySum()).as(s.id()).isEqualTo(b.get(s).misreadProbabilitySum());
        }
    }

    @Property(tries = 100)
    void operationCountsEqualTheConversionsTheProxiesSee(@ForAll long seed) {
        // with every window and tile sampled, the proxies convert exactly the counted columns
        RandomLayers c = RandomLayers.draw(seed);
        AccuracyProxy all = new AccuracyProxy(c.hw, 0.02, 17, Integer.MAX_VALUE, Integer.MAX_VALUE);
        java.util.Map<Scheme, Accuracy> tallies = all.estimate(c.workload, seed);
        LayerCounts counts = new BitsetCounter().count(c.workload, c.hw);
        for (Scheme s : Scheme.values()) {
            assertThat(tallies.get(s).conversions()).as(s.id()).isEqualTo(counts.of(s).actions()[org.sresim.hw.Action.ADC.ordinal()]);
        }
    }
}
