package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sresim.hw.Action;
import org.sresim.sweep.ResultSchema;
import org.sresim.workload.LayerHardware;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.Network;

/**
 * Layers with their own OU shape and ADC resolution (model section 9b): counted and priced at
 * their own settings, latencies and energies added up, ADCs provisioned for the largest resolution.
 */
class HeterogeneousDesignTest {
    private static final Map<String, Object> WORKLOAD = Map.of("pruning.ratio", 0.6, "activation.sparsity", 0.5,
            "accuracy.windows", 4, "accuracy.tiles", 2, "seed", 3);

    /** SMALL with layer i set to hardware[i] (null: the chip's). */
    private static Network design(LayerHardware... hardware) {
        List<LayerSpec> layers = new ArrayList<>();
        int m = 0;
        for (LayerSpec l : SimulatorTest.SMALL.layers()) {
            layers.add(l.type() == LayerType.POOL ? l : l.withHardware(hardware[m++]));
        }
        return new Network("small-design", SimulatorTest.SMALL.input(), layers);
    }

    private static Map<String, Object> with(Map<String, Object> a, Object... kv) {
        Map<String, Object> m = new HashMap<>(a);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Property(tries = 12)
    void everyLayerSettingTheSameEqualsTheUniformDesign(@ForAll @IntRange(min = 0, max = 3) int rows,
                                                        @ForAll @IntRange(min = 0, max = 2) int cols,
                                                        @ForAll @IntRange(min = 0, max = 2) int adc) {
        int r = new int[] {2, 4, 9, 16}[rows];
        int c = new int[] {4, 8, 16}[cols];
        Integer bits = new Integer[] {LayerHardware.AUTO, 3, 6}[adc];
        LayerHardware h = new LayerHardware(r, c, bits);
        // the chip is set to something else: no layer uses it
        SimulationResult design = SimulatorTest.run(design(h, h, h), with(WORKLOAD, "ou.rows", 9, "ou.cols", 8,
                "adc.bits", 5));
        SimulationResult uniform = SimulatorTest.run(design(null, null, null), with(WORKLOAD, "ou.rows", r,
                "ou.cols", c, "adc.bits", bits == LayerHardware.AUTO ? "auto" : bits));
        assertThat(metricValues(design.networkRows())).isEqualTo(metricValues(uniform.networkRows()));
        assertThat(metricValues(design.layerRows())).isEqualTo(metricValues(uniform.layerRows()));
    }

    @Test
    void aLayerSettingTheChipsOwnValuesChangesNothing() {
        Map<String, Object> chip = with(WORKLOAD, "ou.rows", 9, "ou.cols", 8);
        LayerHardware same = new LayerHardware(9, 8, LayerHardware.AUTO);
        assertThat(metricValues(SimulatorTest.run(design(null, same, null), chip).networkRows()))
                .isEqualTo(metricValues(SimulatorTest.run(design(null, null, null), chip).networkRows()));
    }

    @Test
    void eachLayerIsCountedAndPricedAtItsOwnSettingsAndTheNetworkAddsThemUp() {
        LayerHardware small = new LayerHardware(4, 8, 4);
        LayerHardware wide = new LayerHardware(16, 8, LayerHardware.AUTO); // lossless: 6 bits
        Map<String, Object> chip = with(WORKLOAD, "ou.rows", 9, "ou.cols", 8); // c2 keeps 9x8, 5 bits
        SimulationResult mixed = SimulatorTest.run(design(small, null, wide), chip);
        SimulationResult[] uniform = {
            SimulatorTest.run(design(null, null, null), with(chip, "ou.rows", 4, "adc.bits", 4)),
            SimulatorTest.run(design(null, null, null), chip),
            SimulatorTest.run(design(null, null, null), with(chip, "ou.rows", 16)),
        };
        int[] bits = {4, 5, 6};
        for (Scheme s : Scheme.values()) {
            double latency = 0;
            double energy = 0;
            long ops = 0;
            for (int l = 0; l < 3; l++) {
                Metrics got = mixed.layer(l, s);
                Metrics alone = uniform[l].layer(l, s);
                // counts and energy are the layer's own; cycles may differ (one copy plan for the whole design)
                assertThat(got.ouOps()).isEqualTo(alone.ouOps());
                for (Action a : Action.values()) {
                    assertThat(got.count(a)).isEqualTo(alone.count(a));
                    assertThat(got.energyPj(a)).isEqualTo(alone.energyPj(a));
                }
                assertThat(got.adcBits()).isEqualTo(s == Scheme.IDEAL ? 8 : bits[l]);
                assertThat(got.adcClipRate()).isEqualTo(alone.adcClipRate());
                assertThat(got.readErrorRate()).isEqualTo(alone.readErrorRate());
                latency += got.latencyNs();
                energy += got.energyPj();
                ops += got.ouOps();
            }
            Metrics net = mixed.network(s);
            assertThat(net.ouOps()).isEqualTo(ops);
            if (s != Scheme.IDEAL) {
                assertThat(net.latencyNs()).isEqualTo(latency);
                assertThat(net.energyPj()).isCloseTo(energy, org.assertj.core.api.Assertions.within(1e-9 * energy));
                assertThat(net.adcBits()).as("provisioned for the largest resolution").isEqualTo(6);
            }
        }
    }

    @Test
    void theChipsAdcsAreProvisionedForTheLargestResolution() {
        Map<String, Object> chip = with(WORKLOAD, "ou.rows", 9, "ou.cols", 8, "adc.bits", 4);
        SimulationResult mixed = SimulatorTest.run(design(null, new LayerHardware(null, null, 7), null), chip);
        SimulationResult at7 = SimulatorTest.run(design(null, null, null), with(chip, "adc.bits", 7));
        SimulationResult at4 = SimulatorTest.run(design(null, null, null), chip);
        Metrics m = mixed.network(Scheme.SRE_BIT);
        assertThat(m.efficiency().areaMm2()).isEqualTo(at7.network(Scheme.SRE_BIT).efficiency().areaMm2())
                .isGreaterThan(at4.network(Scheme.SRE_BIT).efficiency().areaMm2());
        // conversions of the 4-bit layers are priced at 4 bits
        assertThat(mixed.layer(0, Scheme.SRE_BIT).energyPj(Action.ADC))
                .isEqualTo(at4.layer(0, Scheme.SRE_BIT).energyPj(Action.ADC));
    }

    @Test
    void layerRowsShowTheLayersOwnOuAndAdc() {
        SimulationResult r = SimulatorTest.run(design(new LayerHardware(4, 16, null), null, null),
                with(WORKLOAD, "ou.rows", 9, "ou.cols", 8));
        List<Object[]> rows = ResultSchema.layerRows("s", 0, r, 0);
        int rowsCol = ResultSchema.index(ResultSchema.LAYERS, "ou_rows");
        int colsCol = ResultSchema.index(ResultSchema.LAYERS, "ou_cols");
        int adcCol = ResultSchema.index(ResultSchema.LAYERS, "adc_bits");
        int layerCol = ResultSchema.index(ResultSchema.LAYERS, "layer");
        for (Object[] row : rows) {
            boolean own = row[layerCol].equals("c1");
            assertThat(row[rowsCol]).isEqualTo(own ? 4 : 9);
            assertThat(row[colsCol]).isEqualTo(own ? 16 : 8);
            assertThat(row[adcCol]).isEqualTo(own ? "4" : "auto"); // 4 rows of 2-bit cells: lossless 4 bits
        }
        int pointRows = ResultSchema.index(ResultSchema.POINTS, "ou_rows");
        assertThat(ResultSchema.pointRows("s", 0, r, 0)).allSatisfy(row -> assertThat(row[pointRows]).isEqualTo(9));
    }

    /** Every metric column of every row, in order (config columns left out). */
    private static List<List<Object>> metricValues(List<Metrics> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Metrics m : rows) {
            List<Object> v = new ArrayList<>();
            v.add(m.layer());
            v.add(m.scheme());
            for (Metrics.Column c : Metrics.COLUMNS) {
                v.add(c.value().apply(m));
            }
            out.add(v);
        }
        return out;
    }
}
