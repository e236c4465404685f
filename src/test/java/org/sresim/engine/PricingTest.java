package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sresim.engine.accuracy.Accuracy;
import org.sresim.engine.accuracy.AccuracyFixture;
import org.sresim.engine.counting.CountsFixture;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.hw.Action;
import org.sresim.hw.AdcModel;
import org.sresim.hw.EnergyTable;
import org.sresim.hw.Hardware;
import org.sresim.hw.LatencyModel;
import org.sresim.workload.LayerType;
import org.sresim.workload.MatrixLayer;

/**
 * The pricing step on two hand-counted layers. Prices (linear ADC model, 8 pJ at 8 bits, prices
 * quoted for a 10 ns cycle): OU design (3-bit ADC, 10 ns) ADC 3, DAC 1, cell read 0.5,
 * sample-and-hold 0.25, shift-add 2 pJ; ideal design (6-bit ADC, 40 ns read) ADC 6, DAC 4,
 * cell read 2, sample-and-hold 1, shift-add 2 pJ.
 */
class PricingTest {
    // 2x2 OUs, 2-bit cells, 1-bit DAC: every operation drives 2 rows and converts 2 columns
    private static final EnergyTable ENERGY = new EnergyTable(AdcModel.LINEAR, 8, Map.of(), 10, 1, 0.5, 0.25, 2,
            4, 0.5, 0.125, 3);
    // conv 2x3x3 -> 3 filters of 2x2: 8 x 3 matrix, 4 windows, 24 weights, 18 inputs
    private static final MatrixLayer CONV0 = new MatrixLayer(0, "conv0", LayerType.CONV, 2, 3, 3, 2, 1, 0, 3, 2, 2,
            null, null, null);
    // conv 1x2x2 -> 2 filters of 1x1: 1 x 2 matrix, 4 windows, 2 weights, 4 inputs
    private static final MatrixLayer CONV1 = new MatrixLayer(1, "conv1", LayerType.CONV, 1, 2, 2, 1, 1, 0, 2, 2, 2,
            null, null, null);

    private static Hardware hw(long chipCrossbars, int chipCount) {
        return new Hardware(8, 8, 2, 4, 4, 1, 2, 2, 3, 10, 40, 6, chipCrossbars, chipCount);
    }

    /** Dense and every other scheme: tile ops {6, 4} and {3}; SRE-bit {2, 1} and {1}, index 16 and 2 bits. */
    private static List<LayerStatistics> layers() {
        return List.of(
                statistics(CONV0, new long[] {6, 4}, new long[] {2, 1}, 16, tally(1, 2, 9, 10), 0.5, 12, 0.5, 9, 18),
                statistics(CONV1, new long[] {3}, new long[] {1}, 2, tally(1), 1.0, 2, 0.25, 1, 4));
    }

    private static LayerStatistics statistics(MatrixLayer layer, long[] denseOps, long[] sreOps, long indexBits,
                                              Accuracy tally, double wd, long nzWeights, double ad,
                                              long nzInputs, long ones) {
        LayerCounts counts = CountsFixture.counts(denseOps, sreOps, indexBits);
        Map<Scheme, Accuracy> accuracy = new EnumMap<>(Scheme.class);
        for (Scheme s : Scheme.values()) {
            accuracy.put(s, tally);
        }
        return new LayerStatistics(layer, counts, accuracy, wd, nzWeights, ad, nzInputs, ones);
    }

    private static Accuracy tally(long... idealValues) {
        return AccuracyFixture.tally(idealValues);
    }

    private static SimulationResult price(Hardware hw, LatencyModel model) {
        return new Pricing(hw, ENERGY, model, 1).price(null, "two-layers", layers());
    }

    @Test
    void aLayerRowIsItsCountsTimesThePrices() {
        Metrics dense = price(hw(100, 1), LatencyModel.PARALLEL_TILES).layer(0, Scheme.DENSE);
        // 10 ops: 20 DAC drives, 40 cell reads, 20 conversions, sample-and-holds and shift-adds
        assertThat(dense.ouOps()).isEqualTo(10);
        assertThat(dense.count(Action.DAC)).isEqualTo(20);
        assertThat(dense.count(Action.CELL_READ)).isEqualTo(40);
        assertThat(dense.count(Action.ADC)).isEqualTo(20);
        assertThat(dense.energyPj(Action.ADC)).isEqualTo(60.0);
        assertThat(dense.energyPj(Action.CELL_READ)).isEqualTo(20.0);
        assertThat(dense.energyPj()).isEqualTo(20 + 20 + 60 + 5 + 40.0);
        // one copy: the slower tile's 6 operations of 10 ns
        assertThat(dense.cycles()).isEqualTo(6);
        assertThat(dense.latencyNs()).isEqualTo(60.0);
        assertThat(dense.indexBits()).isZero();
        assertThat(dense.adcBits()).isEqualTo(3);
        assertThat(dense.operationNs()).isEqualTo(10.0);
        // values 9 and 10 exceed a 3-bit ADC's largest code 7
        assertThat(dense.adcClipRate()).isEqualTo(0.5);
        assertThat(dense.inputOneBitFraction()).isEqualTo(18.0 / (9 * 4));
        assertThat(dense.ouOpsStderr()).isZero();
    }

    @Test
    void theIdealSchemeConvertsAtItsOwnResolutionAndReadTime() {
        Metrics ideal = price(hw(100, 1), LatencyModel.PARALLEL_TILES).layer(0, Scheme.IDEAL);
        assertThat(ideal.adcBits()).isEqualTo(6);
        assertThat(ideal.operationNs()).isEqualTo(40.0);
        assertThat(ideal.latencyNs()).isEqualTo(6 * 40.0);
        assertThat(ideal.adcClipRate()).isZero();
        assertThat(ideal.energyPj()).isEqualTo(20 * 4 + 40 * 2 + 20 * 6 + 20 * 1 + 20 * 2.0);
    }

    @Test
    void speedupsCompareWithTheDenseRowOfTheSameLayer() {
        Metrics sre = price(hw(100, 1), LatencyModel.PARALLEL_TILES).layer(0, Scheme.SRE_BIT);
        // 3 ops, 2 cycles; energy 6 + 6 + 18 + 1.5 + 12 = 43.5 pJ against dense 145 pJ
        assertThat(sre.indexBits()).isEqualTo(16);
        assertThat(sre.speedup()).isEqualTo(3.0);
        assertThat(sre.opsSpeedup()).isEqualTo(10.0 / 3);
        assertThat(sre.energySaving()).isCloseTo(1 - 43.5 / 145, within(1e-15));
    }

    @Test
    void networkRowsAddTheLayersAndWeightRatesByConversions() {
        SimulationResult r = price(hw(100, 1), LatencyModel.PARALLEL_TILES);
        Metrics net = r.network(Scheme.DENSE);
        assertThat(net.layerIndex()).isEqualTo(-1);
        assertThat(net.layer()).isNull();
        assertThat(net.ouOps()).isEqualTo(13);
        assertThat(net.cycles()).isEqualTo(6 + 3);
        assertThat(net.latencyNs()).isEqualTo(90.0);
        assertThat(net.energyPj()).isEqualTo(145 + 43.5);
        assertThat(net.crossbars()).isEqualTo(3);
        assertThat(net.copies()).isEqualTo(2);
        // layer 0 clips half of its 20 conversions, layer 1 none of its 6
        assertThat(net.adcClipRate()).isEqualTo(0.5 * 20 / 26);
        assertThat(net.weightDensity()).isEqualTo(14.0 / 26);
        assertThat(net.activationDensity()).isEqualTo(10.0 / 22);
        assertThat(net.inputOneBitFraction()).isEqualTo(22.0 / (10 * 4));
        assertThat(r.network(Scheme.SRE_BIT).indexBits()).isEqualTo(18);
        assertThat(r.network(Scheme.SRE_BIT).speedup()).isEqualTo(90.0 / 30);
    }

    @Test
    void replicatedCopiesSplitTheWindowsOfTheSlowestLayer() {
        // tiles {2, 1}, dense times {6, 3}, 7 crossbars: copies {3, 1} (as in CopyPlanTest)
        SimulationResult r = price(hw(7, 1), LatencyModel.REPLICATED);
        Metrics dense0 = r.layer(0, Scheme.DENSE);
        assertThat(dense0.copies()).isEqualTo(3);
        assertThat(dense0.crossbars()).isEqualTo(6);
        assertThat(dense0.cycles()).isEqualTo(2); // max(ceil(6 / 3), ceil(4 / 3))
        assertThat(r.network(Scheme.DENSE).crossbars()).isEqualTo(7);
        assertThat(r.network(Scheme.DENSE).fitsOnChip()).isTrue();
        assertThat(price(hw(7, 1), LatencyModel.PARALLEL_TILES).layer(0, Scheme.DENSE).copies()).isEqualTo(1);
    }

    @Test
    void autoChipsHoldOneCopyOfEveryLayer() {
        // 3 crossbars at one copy each on chips of 2: 2 chips, 4 crossbars for the copy plan
        SimulationResult r = price(hw(2, Hardware.AUTO_CHIPS), LatencyModel.REPLICATED);
        assertThat(r.network(Scheme.DENSE).chips()).isEqualTo(2);
        assertThat(r.layer(0, Scheme.DENSE).copies()).isEqualTo(1);
        // layer 0 is slower, but its second copy (2 crossbars) does not fit; layer 1's (1) does
        assertThat(r.layer(1, Scheme.DENSE).copies()).isEqualTo(2);
    }

    /**
     * For any prices, latency model and chip: every row's energy is its counts times the prices,
     * network rows are the sums of their layer rows, and the copy plan respects the chips.
     */
    @Property(tries = 200)
    void everyVariantPricesTheSameCounts(@ForAll @DoubleRange(min = 0.01, max = 100) double adc8bitPj,
                                         @ForAll @DoubleRange(min = 0, max = 10) double dacPj,
                                         @ForAll @DoubleRange(min = 0, max = 10) double cellReadPj,
                                         @ForAll @DoubleRange(min = 0.1, max = 100) double cycleNs,
                                         @ForAll boolean linear, @ForAll boolean replicated,
                                         @ForAll @IntRange(min = 3, max = 12) int chipCrossbars,
                                         @ForAll @IntRange(min = 0, max = 3) int chipCount) {
        Hardware hw = new Hardware(8, 8, 2, 4, 4, 1, 2, 2, 3, cycleNs, 4 * cycleNs, 6, chipCrossbars, chipCount);
        EnergyTable energy = new EnergyTable(linear ? AdcModel.LINEAR : AdcModel.ISAAC_SCALED, adc8bitPj, Map.of(),
                10, dacPj, cellReadPj, 0.25, 2, 4, 0.5, 0.125, 3);
        Pricing pricing = new Pricing(hw, energy, replicated ? LatencyModel.REPLICATED : LatencyModel.PARALLEL_TILES,
                1);
        SimulationResult r = pricing.price(null, "two-layers", layers());
        for (Scheme s : Scheme.values()) {
            Map<Action, Double> prices = s == Scheme.IDEAL ? energy.prices(6, 4 * cycleNs) : energy.prices(3, cycleNs);
            Metrics net = r.network(s);
            long crossbars = 0;
            for (int l = 0; l < 2; l++) {
                crossbars += r.layer(l, s).crossbars();
            }
            assertThat(net.crossbars()).isEqualTo(crossbars);
            if (net.fitsOnChip()) {
                assertThat(crossbars).isLessThanOrEqualTo(net.chips() * chipCrossbars);
            }
            for (Action a : Action.values()) {
                assertThat(net.count(a)).isEqualTo(r.layer(0, s).count(a) + r.layer(1, s).count(a));
            }
            assertThat(net.ouOps()).isEqualTo(r.layer(0, s).ouOps() + r.layer(1, s).ouOps());
            assertThat(net.cycles()).isEqualTo(r.layer(0, s).cycles() + r.layer(1, s).cycles());
            for (Metrics m : List.of(net, r.layer(0, s), r.layer(1, s))) {
                double total = 0;
                for (Action a : Action.values()) {
                    assertThat(m.energyPj(a)).isEqualTo(m.count(a) * prices.get(a));
                    total += m.energyPj(a);
                }
                assertThat(m.energyPj()).isEqualTo(total);
                assertThat(m.latencyNs()).isEqualTo(m.cycles() * m.operationNs());
            }
        }
        assertThat(r.network(Scheme.DENSE).speedup()).isEqualTo(1.0);
    }
}
