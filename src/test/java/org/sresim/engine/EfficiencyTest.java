package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.pricing.AreaModel;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.Network;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** Area, power, throughput and efficiency per row (issue 11), against hand-worked values and ISAAC. */
class EfficiencyTest {
    /**
     * One 1x1 conv that fills an ISAAC chip exactly: K = 128 rows, N = 16 filters = 128 cell columns
     * (one crossbar per copy), 126 x 128 = 16128 windows, so the copy plan makes 16128 copies of one
     * window each.
     */
    static final Network FULL_CHIP = new Network("full-chip", List.of(128, 126, 128),
            List.of(LayerSpec.conv("c", 16, 1, 1, 0)));

    static Object column(Metrics m, String name) {
        return Metrics.COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow()
                .value().apply(m);
    }

    /**
     * ISAAC-CE (Shafiee et al., ISCA 2016): 85.4 mm² and 479 GOP/s/mm². From the table alone: the chip
     * is 85.4247 mm²; each crossbar does 128 x 16 MACs per window in 16 full reads of 100 ns, so one
     * inference of 16128 windows takes 1.6 us on 16128 copies: 2 x 128 x 16 x 16128 ops x 625000/s
     * = 41287.68 GOP/s, 483.3 GOP/s/mm² (+0.9 % of 479).
     */
    @Test
    void aFullyUsedChipRunningIdealReproducesIsaacCe() {
        Config c = ConfigLoader.defaults().with(Map.of(), "test");
        SimulationResult r = new Simulator().simulate(c, FULL_CHIP, WorkloadSource.synthetic(WorkloadSettings.from(c)));
        Metrics ideal = r.network(Scheme.IDEAL);
        assertThat(ideal.copies()).isEqualTo(16128);
        assertThat(ideal.crossbars()).isEqualTo(16128);
        assertThat(ideal.latencyNs()).isEqualTo(1600.0);
        Efficiency e = ideal.efficiency();
        assertThat(e.throughputIps()).isCloseTo(625_000.0, within(1e-6));
        assertThat(e.gops()).isCloseTo(2.0 * 128 * 16 * 16128 * 625_000 / 1e9, within(1e-6));
        assertThat(e.areaMm2()).isCloseTo(85.4, within(85.4 * 0.05));
        assertThat(e.areaMm2()).isCloseTo(85.42472, within(1e-9));
        assertThat(e.gopsPerMm2()).isCloseTo(479.0, within(479 * 0.05));
        assertThat(e.gopsPerMm2()).isCloseTo(41287.68 / 85.42472, within(1e-9));
        assertThat(e.areaUsedMm2()).isCloseTo(85.42472 - 22.88, within(1e-9)); // every tile, no links
        // power: the energy of one inference at 625000/s plus 16.75 W of static power; ISAAC: 65.8 W
        assertThat(e.staticPowerW()).isCloseTo(16.74872, within(1e-9));
        assertThat(e.powerW()).isCloseTo(ideal.energyPj() * 1e-12 * 625_000 + 16.74872, within(1e-9));
        assertThat(e.powerW()).isCloseTo(65.8, within(65.8 * 0.05));
        assertThat(e.gopsPerW()).isCloseTo(e.gops() / e.powerW(), within(1e-12));
    }

    /**
     * The two-layer net of {@link ChipCountTest} on two 2-crossbar chips: c1 gets 2 copies (4096
     * dense cycles), c2 one (8192). As a pipeline, c2 is the slowest stage: 8192 x 6.25 ns = 51.2 us,
     * so 19531.25 inferences/s; MACs per inference 16x16x16 + 16x32x16 = 12288.
     */
    @Test
    void aTwoLayerPipelineRunsAtItsSlowestLayer() {
        SimulationResult r = ChipCountTest.run("auto");
        Metrics net = r.network(Scheme.DENSE);
        Efficiency e = net.efficiency();
        assertThat(e.throughputIps()).isEqualTo(1e9 / 51200);
        assertThat(r.layer(0, Scheme.DENSE).efficiency().throughputIps()).isEqualTo(1e9 / 25600);
        assertThat(r.layer(1, Scheme.DENSE).efficiency().throughputIps()).isEqualTo(1e9 / 51200);
        assertThat(e.gops()).isCloseTo(2.0 * 12288 * 19531.25 / 1e9, within(1e-12));
        assertThat(r.layer(0, Scheme.DENSE).efficiency().gops()).isCloseTo(2.0 * 4096 * 39062.5 / 1e9, within(1e-12));
        // static power of 2 chips of 2 crossbars: 1 IMA, 1 tile, 1 router and the links each
        double staticMw = 2 * (1.24 + 0.23 + 7 + 0.52 + 0.05 + 0.4 + 1.68 + 42 + 10400);
        assertThat(e.staticPowerW()).isCloseTo(staticMw / 1e3, within(1e-9));
        assertThat(e.powerW()).isCloseTo(net.energyPj() * 1e-12 * 19531.25 + staticMw / 1e3, within(1e-9));
        Metrics c1 = r.layer(0, Scheme.DENSE);
        assertThat(c1.efficiency().powerW())
                .isCloseTo(c1.energyPj() / c1.latencyNs() * 1e-3 + staticMw / 1e3, within(1e-9));
        // the layers' occupied areas add up to the network's, and the chip area is the same on every row
        double used = r.layer(0, Scheme.DENSE).efficiency().areaUsedMm2() + r.layer(1, Scheme.DENSE).efficiency().areaUsedMm2();
        assertThat(e.areaUsedMm2()).isCloseTo(used, within(1e-12));
        assertThat(c1.efficiency().areaMm2()).isEqualTo(e.areaMm2());
        assertThat(e.gopsPerMm2()).isEqualTo(e.gops() / e.areaMm2());
    }

    /** The index of the compressed schemes is stored once per copy and priced per bit. */
    @Test
    void indexAreaCountsEveryCopy() {
        SimulationResult r = ChipCountTest.run("auto");
        Metrics c1 = r.layer(0, Scheme.SRE_BIT);
        assertThat(c1.copies()).isEqualTo(2);
        assertThat(c1.efficiency().indexAreaMm2()).isCloseTo(c1.indexBits() * 2 * 1.28e-7, within(1e-15));
        assertThat(r.network(Scheme.SRE_BIT).efficiency().indexAreaMm2()).isCloseTo(
                c1.efficiency().indexAreaMm2() + r.layer(1, Scheme.SRE_BIT).efficiency().indexAreaMm2(), within(1e-15));
        assertThat(r.network(Scheme.DENSE).efficiency().indexAreaMm2()).isZero();
    }

    /** Area and power keys only price the chip: such points share counts, and reuse changes no number. */
    @Test
    void areaAndPowerKeysDoNotRecountAPoint() {
        Config base = ConfigLoader.defaults().with(Map.of("pruning.ratio", 0.5, "activation.sparsity", 0.5,
                "chip.crossbars", 2), "t");
        Config priced = base.with(Map.of("area.adc-8bit-mm2", 0.002, "adc.area-model", "doubling",
                "power.static-scope", "used", "power.router-mw", 1.0, "chip.crossbars-per-ima", 1), "t");
        assertThat(Simulator.countingKey(priced)).isEqualTo(Simulator.countingKey(base));
        Simulator shared = new Simulator();
        for (Config c : List.of(base, priced)) {
            WorkloadSettings s = WorkloadSettings.from(c);
            SimulationResult memo = shared.simulate(c, ChipCountTest.TWO, WorkloadSource.synthetic(s), "two|" + s);
            SimulationResult fresh = new Simulator().simulate(c, ChipCountTest.TWO, WorkloadSource.synthetic(s));
            assertThat(memo.networkRows()).isEqualTo(fresh.networkRows());
            assertThat(memo.layerRows()).isEqualTo(fresh.layerRows());
        }
        double a = new Simulator().simulate(base, ChipCountTest.TWO, WorkloadSource.synthetic(WorkloadSettings.from(base)))
                .network(Scheme.DENSE).efficiency().areaMm2();
        double b = new Simulator().simulate(priced, ChipCountTest.TWO,
                WorkloadSource.synthetic(WorkloadSettings.from(priced))).network(Scheme.DENSE).efficiency().areaMm2();
        assertThat(b).isNotEqualTo(a);
    }

    /** A row with no time has no throughput, power or GOPs: NULL, never Infinity or NaN. */
    @Test
    void aZeroTimeRowIsNullNotInfinite() {
        SimulationResult r = ChipCountTest.run("auto");
        Metrics m = r.network(Scheme.DENSE);
        AreaModel model = AreaModel.from(r.config(), org.sresim.hw.Hardware.from(r.config()));
        Metrics zero = m.withEfficiency(Efficiency.of(model, m, 12288, 0, 0));
        for (String name : new String[] {"throughput_ips", "gops", "power_w", "gops_per_mm2", "gops_per_w"}) {
            assertThat(column(zero, name)).as(name).isNull();
        }
        assertThat((Double) column(zero, "area_mm2")).isPositive();
        assertThat((Double) column(zero, "static_power_w")).isPositive();
        for (Metrics row : r.networkRows()) {
            for (Metrics.Column c : Metrics.COLUMNS) {
                if (c.value().apply(row) instanceof Double d) {
                    assertThat(d).as(c.name()).isFinite();
                }
            }
        }
    }
}
