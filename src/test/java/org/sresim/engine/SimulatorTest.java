package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.hw.Action;
import org.sresim.hw.EnergyTable;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.Network;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

class SimulatorTest {
    static final Network SMALL = new Network("small", List.of(4, 10, 10), List.of(
            new LayerSpec("c1", LayerType.CONV, 8, 3, 1, 1, null, null, null),
            new LayerSpec("p1", LayerType.POOL, 0, 2, 2, 0, null, null, null),
            new LayerSpec("c2", LayerType.CONV, 16, 3, 1, 0, null, null, null),
            new LayerSpec("f1", LayerType.FC, 10, 0, 1, 0, null, null, null)));

    static SimulationResult run(Network net, Map<String, ?> overrides) {
        Config c = ConfigLoader.defaults().with(overrides, "test");
        return new Simulator().simulate(c, net, WorkloadSource.synthetic(WorkloadSettings.from(c)));
    }

    @Test
    void aFullDefaultTileCosts3840OperationsPerWindow() {
        // one fc layer of 128 inputs x 16 outputs = exactly one 128 x 128 crossbar, one window
        Network one = new Network("one", List.of(128),
                List.of(new LayerSpec("f", LayerType.FC, 16, 0, 1, 0, null, null, null)));
        SimulationResult r = run(one, Map.of());
        assertThat(r.layer(0, Scheme.DENSE).ouOps()).isEqualTo(16L * 16 * 15);
        assertThat(r.layer(0, Scheme.DENSE).cycles()).isEqualTo(3840);
        assertThat(r.layer(0, Scheme.DENSE).latencyNs()).isEqualTo(3840 * 6.25);
        assertThat(r.layer(0, Scheme.IDEAL).ouOps()).isEqualTo(16);
        assertThat(r.layer(0, Scheme.IDEAL).latencyNs()).isEqualTo(1600.0);
    }

    @Test
    void energyIsExactlyCountTimesPricePerAction() {
        Config c = ConfigLoader.defaults().with(Map.of("pruning.ratio", 0.5, "activation.sparsity", 0.4), "test");
        SimulationResult r = new Simulator().simulate(c, SMALL, WorkloadSource.synthetic(WorkloadSettings.from(c)));
        Hardware hw = Hardware.from(c);
        EnergyTable table = EnergyTable.from(c);
        for (Metrics m : concat(r.networkRows(), r.layerRows())) {
            Map<Action, Double> prices = m.scheme() == Scheme.IDEAL
                    ? table.prices(hw.idealAdcBits(), hw.idealReadNs()) : table.prices(hw.adcBits(), hw.ouCycleNs());
            double total = 0;
            for (Action a : Action.values()) {
                assertThat(m.energyPj(a)).isEqualTo(m.count(a) * prices.get(a));
                total += m.energyPj(a);
            }
            assertThat(m.energyPj()).isEqualTo(total);
        }
        // the 5-bit ADC price of the isaac-scaled model (model section 7)
        assertThat(table.adcConversionPj(5)).isCloseTo(0.29297, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(table.adcConversionPj(6)).isCloseTo(0.50223, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void denseSpeedupIsOneAndResultsAreDeterministic() {
        Map<String, Object> o = Map.of("pruning.ratio", 0.6, "activation.sparsity", 0.5, "seed", 7L);
        SimulationResult a = run(SMALL, o);
        SimulationResult b = run(SMALL, o);
        assertThat(a.networkRows()).isEqualTo(b.networkRows());
        assertThat(a.layerRows()).isEqualTo(b.layerRows());
        assertThat(a.network(Scheme.DENSE).speedup()).isEqualTo(1.0);
        assertThat(a.network(Scheme.DENSE).energySaving()).isEqualTo(0.0);
        assertThat(a.network(Scheme.SRE_BIT).speedup()).isGreaterThan(a.network(Scheme.SRE_VALUE).speedup());
        long layerSum = a.layerRows().stream().filter(m -> m.scheme() == Scheme.SRE_BIT).mapToLong(Metrics::cycles).sum();
        assertThat(a.network(Scheme.SRE_BIT).cycles()).isEqualTo(layerSum);
    }

    @Test
    void aDifferentSeedGivesDifferentData() {
        SimulationResult a = run(SMALL, Map.of("activation.sparsity", 0.5, "seed", 1L));
        SimulationResult b = run(SMALL, Map.of("activation.sparsity", 0.5, "seed", 2L));
        assertThat(a.network(Scheme.SRE_BIT).ouOps()).isNotEqualTo(b.network(Scheme.SRE_BIT).ouOps());
    }

    @Property(tries = 40)
    void lowerPruningNeverLowersOperations(@ForAll @DoubleRange(min = 0, max = 0.95) double low,
                                           @ForAll @DoubleRange(min = 0, max = 0.95) double high,
                                           @ForAll @IntRange(min = 0, max = 4) int method,
                                           @ForAll @IntRange(min = 1, max = 1000) int seed) {
        String m = List.of("structured", "unstructured", "filter", "channel", "shape").get(method);
        double lo = Math.min(low, high);
        double hi = Math.max(low, high);
        SimulationResult a = run(SMALL, Map.of("pruning.ratio", lo, "pruning.method", m, "seed", (long) seed,
                "pruning.prune-first-layer", true, "activation.sparsity", 0.3));
        SimulationResult b = run(SMALL, Map.of("pruning.ratio", hi, "pruning.method", m, "seed", (long) seed,
                "pruning.prune-first-layer", true, "activation.sparsity", 0.3));
        for (Scheme s : Scheme.values()) {
            assertThat(a.network(s).ouOps()).as(s.id()).isGreaterThanOrEqualTo(b.network(s).ouOps());
        }
        assertThat(a.network(Scheme.DENSE).weightDensity()).isGreaterThanOrEqualTo(b.network(Scheme.DENSE).weightDensity());
    }

    @Test
    void pruningLowersTheWeightSchemesOperations() {
        // the property above would hold if pruning did nothing; here it must bite
        for (String m : List.of("structured", "unstructured", "filter", "channel", "shape")) {
            SimulationResult none = run(SMALL, Map.of("pruning.ratio", 0.0, "pruning.method", m,
                    "pruning.prune-first-layer", true));
            SimulationResult half = run(SMALL, Map.of("pruning.ratio", 0.5, "pruning.method", m,
                    "pruning.prune-first-layer", true));
            assertThat(half.network(Scheme.WEIGHT).ouOps()).as(m).isLessThan(none.network(Scheme.WEIGHT).ouOps());
            assertThat(half.network(Scheme.DENSE).ouOps()).as(m).isEqualTo(none.network(Scheme.DENSE).ouOps());
            assertThat(half.network(Scheme.DENSE).weightDensity()).as(m).isCloseTo(0.5, within(0.02));
        }
    }

    @Test
    void replicationSplitsWindowsAcrossCopies() {
        // parallel-tiles: no copies; replicated: the chip is big enough to give layers copies
        SimulationResult flat = run(SMALL, Map.of("latency.model", "parallel-tiles"));
        SimulationResult rep = run(SMALL, Map.of("latency.model", "replicated"));
        assertThat(flat.layer(0, Scheme.DENSE).copies()).isEqualTo(1);
        assertThat(rep.layer(0, Scheme.DENSE).copies()).isGreaterThan(1);
        assertThat(rep.network(Scheme.DENSE).cycles()).isLessThan(flat.network(Scheme.DENSE).cycles());
        assertThat(rep.network(Scheme.DENSE).ouOps()).isEqualTo(flat.network(Scheme.DENSE).ouOps());
        // copies never exceed a layer's windows: the fc layer has one window
        assertThat(rep.layer(2, Scheme.DENSE).copies()).isEqualTo(1);
    }

    @Test
    void aTinyChipDoesNotFit() {
        SimulationResult r = run(SMALL, Map.of("chip.crossbars", 2L));
        assertThat(r.network(Scheme.DENSE).fitsOnChip()).isFalse();
        assertThat(r.network(Scheme.DENSE).copies()).isEqualTo(3);
    }

    private static List<Metrics> concat(List<Metrics> a, List<Metrics> b) {
        List<Metrics> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
