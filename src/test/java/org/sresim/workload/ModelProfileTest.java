package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sresim.config.ConfigLoader;
import org.sresim.workload.Npy.NpyArray;

/** Measuring a real model (model section 3.6) and its synthetic twin. */
class ModelProfileTest {
    private static final WorkloadSettings DEFAULTS = WorkloadSettings.from(ConfigLoader.defaults());

    @TempDir
    Path dir;

    private Network network() throws IOException {
        return Networks.load(Files.writeString(dir.resolve("known.yaml"), ModelFixtures.KNOWN_NETWORK));
    }

    @Test
    void aModelWithKnownFractionsProfilesExactly() throws IOException {
        ModelData data = ModelData.open(ModelFixtures.writeKnownModel(dir.resolve("m")).toString(), FileOpener.LOCAL);
        List<ModelProfile.LayerStats> p = ModelProfile.measure(data, network(), DEFAULTS);

        ModelProfile.LayerStats c1 = p.get(0);
        assertThat(c1.layer()).isEqualTo("c1");
        assertThat(c1.filter()).isEqualTo(1.0 / 4);
        assertThat(c1.shape()).isEqualTo(2.0 / 18);
        assertThat(c1.element()).isEqualTo(27.0 / 72);
        assertThat(c1.activationDensity()).isEqualTo(108.0 / 144);
        assertThat(c1.oneBitFraction()).isEqualTo(36.0 * (1 + 2 + 16) / (108 * 16));

        ModelProfile.LayerStats f1 = p.get(1);
        assertThat(f1.filter()).isEqualTo(0.0);
        assertThat(f1.shape()).isEqualTo(4.0 / 16);
        assertThat(f1.element()).isEqualTo(20.0 / 80);
        assertThat(f1.activationDensity()).isEqualTo(30.0 / 32);
        assertThat(f1.oneBitFraction()).isEqualTo(2.0 / 16);
    }

    @Test
    void theTwinCarriesTheMeasuredFractionsAndReadsBackFromItsFile() throws IOException {
        ModelData data = ModelData.open(ModelFixtures.writeKnownModel(dir.resolve("m")).toString(), FileOpener.LOCAL);
        Network net = network();
        List<ModelProfile.LayerStats> p = ModelProfile.measure(data, net, DEFAULTS);
        ModelProfile.Twin twin = ModelProfile.twin(net, p, DEFAULTS);

        LayerSpec c1 = twin.network().layers().get(0);
        assertThat(twin.network().name()).isEqualTo("known-twin");
        assertThat(c1.pruningProfile()).isEqualTo(new PruningProfile(0.25, 0.111111, 0.375));
        assertThat(c1.activationSparsity()).isEqualTo(0.25);
        assertThat(c1.activationDraw().stratified()).isTrue();
        assertThat(twin.network().layers().get(1).type()).isEqualTo(LayerType.POOL);

        String yaml = NetworkWriter.yaml(twin.network(), List.of("a twin"));
        Network back = Networks.load(Files.writeString(dir.resolve("twin.yaml"), yaml));
        assertThat(back).isEqualTo(twin.network());
    }

    @Test
    void aTwinRealisesTheMeasuredDensitiesAndOneBitFractionsOnAGeneratedModel() throws IOException {
        ModelData data = ModelData.open(ModelFixtures.writeKnownModel(dir.resolve("m")).toString(), FileOpener.LOCAL);
        assertTwinMatches(data, network());
    }

    /** The shipped real models (models/NAME.npz with models/NAME.yaml); none yet is no failure. */
    static List<String> shippedModels() throws IOException {
        Path models = Path.of("models");
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(models)) {
            try (Stream<Path> s = Files.list(models)) {
                s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".npz")).sorted()
                        .forEach(f -> names.add(f.substring(0, f.length() - 4)));
            }
        }
        return names;
    }

    @Test
    void everyShippedModelOpensAndMatchesItsNetworkFile() throws IOException {
        for (String name : shippedModels()) {
            Path yaml = Path.of("models", name + ".yaml");
            assertThat(yaml).as("network file of models/%s.npz", name).isRegularFile();
            Network net = Networks.load(yaml);
            ModelData data = ModelData.open("models/" + name + ".npz", FileOpener.LOCAL);
            int samples = ImportedWorkload.check(data, net); // names and shapes, both ways
            assertThat(samples).as(name).isGreaterThanOrEqualTo(1);
            List<String> layers = net.matrixLayers().stream().map(MatrixLayer::name).toList();
            for (String layer : layers) {
                assertThat(data.has(layer + ".weight")).as("%s: %s.weight", name, layer).isTrue();
                assertThat(data.has(layer + ".input")).as("%s: %s.input", name, layer).isTrue();
            }
            assertThat(data.entries()).hasSize(2 * layers.size());
        }
    }

    @Test
    void everyShippedModelsTwinRealisesItsMeasuredStatistics() throws IOException {
        for (String name : shippedModels()) {
            assertTwinMatches(ModelData.open("models/" + name + ".npz", FileOpener.LOCAL),
                    Networks.load(Path.of("models", name + ".yaml")));
        }
    }

    /** Weight and activation densities within 0.005 and one-bit fractions within 0.02, at three seeds. */
    static void assertTwinMatches(ModelData data, Network net) {
        List<ModelProfile.LayerStats> measured = ModelProfile.measure(data, net, DEFAULTS);
        ModelProfile.Twin twin = ModelProfile.twin(net, measured, DEFAULTS);
        for (long seed : new long[] {1, 2, 3}) {
            WorkloadSettings s = new WorkloadSettings(seed, DEFAULTS.pruningRatio(), DEFAULTS.pruningMethod(),
                    DEFAULTS.pruneFirstLayer(), DEFAULTS.activationSparsity(), DEFAULTS.activationScaleBits(),
                    DEFAULTS.sparseFirstLayer(), DEFAULTS.weightBits(), DEFAULTS.inputBits());
            List<ModelProfile.LayerStats> realised = ModelProfile.realise(twin.network(), s);
            for (int i = 0; i < measured.size(); i++) {
                ModelProfile.LayerStats m = measured.get(i);
                ModelProfile.LayerStats t = realised.get(i);
                String what = data.location() + " layer " + m.layer() + " seed " + seed;
                assertThat(t.weightDensity()).as(what + " weight density").isCloseTo(m.weightDensity(), within(0.005));
                assertThat(t.activationDensity()).as(what + " activation density")
                        .isCloseTo(m.activationDensity(), within(0.005));
                assertThat(t.oneBitFraction()).as(what + " one-bit fraction")
                        .isCloseTo(m.oneBitFraction(), within(0.02));
            }
        }
    }

    @Test
    void theFirstLayersOwnSparsityOverridesTheDenseNetworkInput() {
        // activation.sparse-first-layer is false by default: the per-layer sparsity still applies
        Network net = new Network("n", List.of(1, 10, 10), List.of(
                LayerSpec.conv("c1", 2, 3, 1, 0).withActivationSparsity(0.3)
                        .withActivationDraw(new ActivationDraw(10.0, true))));
        assertThat(DEFAULTS.sparseFirstLayer()).isFalse();
        LayerWorkload w = SyntheticWorkload.generate(net.matrixLayers().get(0), DEFAULTS);
        assertThat(w.nonZeroInputs()).isEqualTo(70);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.07, 0.2, 0.3, 0.375, 0.41, 0.5, 0.6, 0.8})
    void theFitReachesAOneBitFraction(double target) {
        for (int m : new int[] {40, 500, 5000}) {
            OneBitFit.Fit fit = OneBitFit.fit(target, m, 16, 65535);
            assertThat(fit.fraction()).as("m = %d", m).isCloseTo(target, within(0.005));
            assertThat(OneBitFit.fraction(HalfNormalQuantiles.of(m), fit.scaleBits(), 16, 65535))
                    .isEqualTo(fit.fraction());
        }
    }

    @Test
    void stratifiedValuesFollowTheHalfNormal() {
        double[] q = HalfNormalQuantiles.of(4);
        // |N| quantiles at 1/8, 3/8, 5/8, 7/8: Phi^-1(0.5625), Phi^-1(0.6875), Phi^-1(0.8125), Phi^-1(0.9375)
        assertThat(q[0]).isCloseTo(0.157311, within(1e-6));
        assertThat(q[1]).isCloseTo(0.488776, within(1e-6));
        assertThat(q[2]).isCloseTo(0.887147, within(1e-6));
        assertThat(q[3]).isCloseTo(1.534121, within(1e-6));
        assertThat(HalfNormalQuantiles.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(HalfNormalQuantiles.normalQuantile(0.001)).isCloseTo(-3.090232, within(1e-6));
    }

    @Test
    void aDeadLayerHasNoTwinAndSaysWhich() throws IOException {
        Path m = ModelFixtures.writeKnownModel(dir.resolve("m"));
        NpyWriter.write(m.resolve("f1.input.npy"), NpyArray.ofInts("<u2", new int[] {2, 16}, new long[32]));
        ModelData data = ModelData.open(m.toString(), FileOpener.LOCAL);
        Network net = network();
        List<ModelProfile.LayerStats> p = ModelProfile.measure(data, net, DEFAULTS);
        assertThat(p.get(1).activationDensity()).isEqualTo(0.0);
        assertThat(p.get(1).oneBitFraction()).isNull();
        WorkloadException e = catchThrowableOfType(WorkloadException.class, () -> ModelProfile.twin(net, p, DEFAULTS));
        assertThat(e.getMessage()).contains("layer 'f1'").doesNotContain("\n");
    }
}
