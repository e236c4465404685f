package org.sresim.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LagrangianSearchTest {
    private static final List<Setting> SETTINGS = List.of(new Setting(2, 4, "auto"), new Setting(4, 4, "4"),
            new Setting(9, 8, "auto"), new Setting(16, 16, "6"), new Setting(32, 32, "8"));

    /** Layers with random (energy, latency) per setting: small integers, so ties happen. */
    private static List<List<LayerCost>> random(long seed, int layers, int settings) {
        Random r = new Random(seed);
        List<List<LayerCost>> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<LayerCost> options = new ArrayList<>();
            for (int s = 0; s < settings; s++) {
                options.add(new LayerCost(SETTINGS.get(s), r.nextInt(20), r.nextInt(20)));
            }
            out.add(options);
        }
        return out;
    }

    /** Total (energy, latency) of every combination, brute force. */
    private static List<double[]> allTotals(List<List<LayerCost>> options) {
        List<double[]> out = new ArrayList<>();
        out.add(new double[2]);
        for (List<LayerCost> layer : options) {
            List<double[]> next = new ArrayList<>();
            for (double[] t : out) {
                for (LayerCost c : layer) {
                    next.add(new double[] {t[0] + c.energyPj(), t[1] + c.latencyNs()});
                }
            }
            out = next;
        }
        return out;
    }

    private static double[] totals(List<List<LayerCost>> options, List<Setting> design) {
        double[] t = new double[2];
        for (int l = 0; l < design.size(); l++) {
            for (LayerCost c : options.get(l)) {
                if (c.setting().equals(design.get(l))) {
                    t[0] += c.energyPj();
                    t[1] += c.latencyNs();
                }
            }
        }
        return t;
    }

    @Property(tries = 200)
    void everyTracedDesignIsParetoOptimalAmongAllCombinations(@ForAll long seed,
                                                               @ForAll @IntRange(min = 1, max = 4) int layers,
                                                               @ForAll @IntRange(min = 1, max = 5) int settings) {
        List<List<LayerCost>> options = random(seed, layers, settings);
        List<double[]> all = allTotals(options);
        List<LagrangianSearch.Candidate> traced = LagrangianSearch.trace(options);
        assertThat(traced).isNotEmpty();
        double minEnergy = all.stream().mapToDouble(t -> t[0]).min().orElseThrow();
        double minLatency = all.stream().mapToDouble(t -> t[1]).min().orElseThrow();
        for (LagrangianSearch.Candidate c : traced) {
            double[] t = totals(options, c.settings());
            for (double[] o : all) {
                boolean dominated = o[0] <= t[0] && o[1] <= t[1] && (o[0] < t[0] || o[1] < t[1]);
                assertThat(dominated).as("design %s (%s) dominated by %s", c.settings(), t, o).isFalse();
            }
        }
        // lambda 0 and infinity reach the two ends of the front
        assertThat(totals(options, traced.get(0).settings())[0]).isEqualTo(minEnergy);
        assertThat(traced.stream().mapToDouble(c -> totals(options, c.settings())[1]).min().orElseThrow())
                .isEqualTo(minLatency);
        assertThat(traced.stream().map(LagrangianSearch.Candidate::settings).distinct()).hasSameSizeAs(traced);
    }

    @Test
    void aHandCaseTradesEnergyForLatencyLayerByLayer() {
        Setting small = SETTINGS.get(1);
        Setting big = SETTINGS.get(3);
        // layer 0: big saves 10 ns for 1 pJ (cheap speed); layer 1: big saves 1 ns for 10 pJ (dear speed)
        List<List<LayerCost>> options = List.of(
                List.of(new LayerCost(small, 10, 20), new LayerCost(big, 11, 10)),
                List.of(new LayerCost(small, 10, 20), new LayerCost(big, 20, 19)));
        List<List<Setting>> designs = LagrangianSearch.trace(options).stream()
                .map(LagrangianSearch.Candidate::settings).toList();
        assertThat(designs).containsExactly(List.of(small, small), List.of(big, small), List.of(big, big));
    }

    @Test
    void tiesGoToTheSmallerSettingWhateverTheOrderOfOptions() {
        Setting a = SETTINGS.get(0);
        Setting b = SETTINGS.get(2);
        List<List<LayerCost>> forward = List.of(List.of(new LayerCost(a, 5, 5), new LayerCost(b, 5, 5)));
        List<List<LayerCost>> backward = List.of(List.of(new LayerCost(b, 5, 5), new LayerCost(a, 5, 5)));
        assertThat(LagrangianSearch.trace(forward)).isEqualTo(LagrangianSearch.trace(backward));
        assertThat(LagrangianSearch.trace(forward).get(0).settings()).containsExactly(a);
    }
}
