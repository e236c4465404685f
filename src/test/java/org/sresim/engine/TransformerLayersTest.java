package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.hw.Action;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.Network;
import org.sresim.workload.Npy;
import org.sresim.workload.NpyWriter;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** Token-wise linear layers, digital attention and the input encodings (model section 3.5). */
class TransformerLayersTest {
    @TempDir
    Path dir;

    private static SimulationResult simulate(Network net, Map<String, Object> overrides) {
        Config c = ConfigLoader.defaults().with(overrides, "test");
        return new Simulator().simulate(c, net, WorkloadSource.synthetic(WorkloadSettings.from(c)));
    }

    /** A linear layer over T tokens of F features gives exactly the rows of a 1x1 conv over an F x 1 x T map. */
    @Property(tries = 25)
    void aLinearLayerOverTokensIsAOneByOneConvolution(@ForAll @IntRange(min = 1, max = 40) int tokens,
                                                      @ForAll @IntRange(min = 1, max = 300) int features,
                                                      @ForAll @IntRange(min = 1, max = 40) int out,
                                                      @ForAll @IntRange(min = 1, max = 16) int ouRows,
                                                      @ForAll("sparsity") double sparsity,
                                                      @ForAll @IntRange(min = 1, max = 1000) int seed) {
        Network linear = new Network("n", List.of(tokens, features), List.of(LayerSpec.linear("l", out),
                LayerSpec.linear("m", 7)));
        Network conv = new Network("n", List.of(features, 1, tokens), List.of(LayerSpec.conv("l", out, 1, 1, 0),
                LayerSpec.conv("m", 7, 1, 1, 0)));
        Map<String, Object> o = Map.of("ou.rows", ouRows, "seed", seed, "pruning.ratio", 0.5,
                "pruning.method", "unstructured", "activation.sparsity", sparsity, "activation.sparse-first-layer", true);
        SimulationResult a = simulate(linear, o);
        SimulationResult b = simulate(conv, o);
        assertThat(a.layerRows()).isEqualTo(b.layerRows());
        assertThat(a.networkRows()).isEqualTo(b.networkRows());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> sparsity() {
        return net.jqwik.api.Arbitraries.of(0.0, 0.3, 0.7);
    }

    /** The same holds for real data: a linear layer's [tokens, in] input is the conv's [in, 1, tokens] map. */
    @Test
    void importedTokensAreTheTransposedMap() throws java.io.IOException {
        int tokens = 5;
        int features = 20;
        SplittableRandom r = new SplittableRandom(9);
        long[] w = new long[3 * features];
        long[] tokenInput = new long[tokens * features];
        long[] mapInput = new long[tokens * features];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(-300, 300);
        }
        for (int t = 0; t < tokens; t++) {
            for (int f = 0; f < features; f++) {
                long v = r.nextBoolean() ? 0 : r.nextInt(1, 65536);
                tokenInput[t * features + f] = v;
                mapInput[f * tokens + t] = v;
            }
        }
        Path tokenDir = dir.resolve("tokens");
        Path mapDir = dir.resolve("map");
        java.nio.file.Files.createDirectories(tokenDir);
        java.nio.file.Files.createDirectories(mapDir);
        NpyWriter.write(tokenDir.resolve("l.weight.npy"), Npy.NpyArray.ofInts("<i4", new int[] {3, features}, w));
        NpyWriter.write(tokenDir.resolve("l.input.npy"), Npy.NpyArray.ofInts("<i4", new int[] {tokens, features},
                tokenInput));
        NpyWriter.write(mapDir.resolve("l.weight.npy"), Npy.NpyArray.ofInts("<i4", new int[] {3, features, 1, 1}, w));
        NpyWriter.write(mapDir.resolve("l.input.npy"), Npy.NpyArray.ofInts("<i4", new int[] {features, 1, tokens},
                mapInput));
        Config c = ConfigLoader.defaults();
        WorkloadSettings s = WorkloadSettings.from(c);
        SimulationResult a = new Simulator().simulate(c, new Network("n", List.of(tokens, features),
                List.of(LayerSpec.linear("l", 3))), WorkloadSource.imported(tokenDir, s));
        SimulationResult b = new Simulator().simulate(c, new Network("n", List.of(features, 1, tokens),
                List.of(LayerSpec.conv("l", 3, 1, 1, 0))), WorkloadSource.imported(mapDir, s));
        assertThat(a.layerRows()).isEqualTo(b.layerRows());
    }

    /**
     * One fc layer of 4 rows (weights all 1, one 8-column group, one OU of 9 rows), 4-bit inputs
     * [-1, 2, 0, -3]:
     * <ul>
     *   <li>offset: fed [2, 5, 3, 0]; bit 0 rows {1, 2}, bit 1 {0, 2}, bit 2 {1}, bit 3 none:
     *       act-bit 3, act-value 4 (3 rows in every step); ones 1 + 2 + 2 = 5 of 3 x 4 bits;</li>
     *   <li>twos-complement: fed 1111, 0010, 0000, 1101: bit 0 {0, 3}, bit 1 {0, 1}, bits 2 and 3
     *       {0, 3}: act-bit 4, act-value 4; ones 4 + 1 + 3 = 8 of 12;</li>
     *   <li>sign-magnitude: pass 1 [0, 2, 0, 0], pass 2 [1, 0, 0, 3]: two windows, dense 8, act-value
     *       4 + 4, act-bit 1 (bit 1 of pass 1) + 2 (bits 0 and 1 of pass 2) = 3; ones 1 + 1 + 2 = 4 of 12.</li>
     * </ul>
     */
    @Test
    void encodingsFeedTheHandDerivedBits() {
        long[] in = {-1, 2, 0, -3};
        NpyWriter.write(dir.resolve("f.weight.npy"), Npy.NpyArray.ofInts("<i4", new int[] {1, 4}, new long[] {1, 1, 1, 1}));
        NpyWriter.write(dir.resolve("f.input.npy"), Npy.NpyArray.ofInts("<i4", new int[] {4}, in));
        Network net = new Network("n", List.of(4), List.of(LayerSpec.fc("f", 1)));
        Map<String, long[]> expected = Map.of( // dense, act-value, act-bit
                "offset", new long[] {4, 4, 3}, "twos-complement", new long[] {4, 4, 4},
                "sign-magnitude", new long[] {8, 8, 3});
        Map<String, Double> oneBits = Map.of("offset", 5 / 12.0, "twos-complement", 8 / 12.0,
                "sign-magnitude", 4 / 12.0);
        for (String encoding : expected.keySet()) {
            Config c = ConfigLoader.defaults().with(Map.of("input.bits", 4, "input.encoding", encoding,
                    "activation.scale-bits", 2), "test");
            SimulationResult r = new Simulator().simulate(c, net, WorkloadSource.imported(dir, WorkloadSettings.from(c)));
            long[] e = expected.get(encoding);
            assertThat(r.layer(0, Scheme.DENSE).ouOps()).as(encoding + " dense").isEqualTo(e[0]);
            assertThat(r.layer(0, Scheme.ACT_VALUE).ouOps()).as(encoding + " act-value").isEqualTo(e[1]);
            assertThat(r.layer(0, Scheme.ACT_BIT).ouOps()).as(encoding + " act-bit").isEqualTo(e[2]);
            assertThat(r.layer(0, Scheme.SRE_BIT).ouOps()).as(encoding + " sre-bit").isEqualTo(e[2]);
            assertThat(r.layer(0, Scheme.DENSE).inputOneBitFraction()).as(encoding)
                    .isCloseTo(oneBits.get(encoding), within(1e-12));
            assertThat(r.layer(0, Scheme.DENSE).activationDensity()).as(encoding)
                    .isEqualTo(0.75); // 3 of 4 values non-zero
        }
    }

    /** A network of unsigned (ReLU) inputs is fed the same way under every encoding. */
    @Test
    void unsignedInputsIgnoreTheEncoding() {
        Network lenet = org.sresim.workload.Networks.builtin("lenet5");
        Map<String, Object> o = new HashMap<>(Map.of("activation.sparsity", 0.5, "pruning.ratio", 0.6));
        SimulationResult offset = simulate(lenet, o);
        for (String encoding : List.of("twos-complement", "sign-magnitude")) {
            o.put("input.encoding", encoding);
            SimulationResult r = simulate(lenet, o);
            assertThat(r.layerRows()).as(encoding).isEqualTo(offset.layerRows());
        }
    }

    /**
     * Attention over T = 4 tokens of d = 2 (fused Q/K/V of 6 features, 2 heads): 2 x 4 x 4 x 2 = 64
     * MACs on digital units, priced at energy.digital-mac-pj and timed at digital.macs-per-ns, in
     * every network row and no layer row.
     */
    @Test
    void attentionMacsAreCountedPricedAndTimedOnDigitalUnits() {
        Network withAttention = new Network("a", List.of(4, 8), List.of(LayerSpec.linear("qkv", 6),
                LayerSpec.attention("attn", 2), LayerSpec.linear("out", 8)));
        assertThat(withAttention.attentionMacs()).isEqualTo(64);
        assertThat(withAttention.matrixLayers()).extracting(m -> m.type()).containsExactly(LayerType.LINEAR,
                LayerType.LINEAR);
        assertThat(withAttention.matrixLayers().get(1).rows()).isEqualTo(2); // reads [4, d = 2]
        Map<String, Object> o = Map.of("energy.digital-mac-pj", 0.5, "digital.macs-per-ns", 8.0);
        SimulationResult r = simulate(withAttention, o);
        for (Scheme s : Scheme.values()) {
            Metrics net = r.network(s);
            assertThat(net.count(Action.DIGITAL_MAC)).isEqualTo(64);
            assertThat(net.energyPj(Action.DIGITAL_MAC)).isEqualTo(32.0);
            double crossbarNs = r.layer(0, s).latencyNs() + r.layer(1, s).latencyNs();
            assertThat(net.latencyNs()).isCloseTo(crossbarNs + 64 / 8.0, within(1e-9));
            assertThat(r.layer(0, s).count(Action.DIGITAL_MAC)).isZero();
            assertThat(r.layer(1, s).count(Action.DIGITAL_MAC)).isZero();
        }
    }

    /** BERT-base: 12 x 2 x 128 x 128 x 768 attention MACs and 12 x 4 linear layers of HuggingFace's shapes. */
    @Test
    void bertBaseHasItsPapersShapes() {
        Network bert = org.sresim.workload.Networks.builtin("bert-base");
        assertThat(bert.attentionMacs()).isEqualTo(12L * 2 * 128 * 128 * 768);
        assertThat(bert.matrixLayers()).hasSize(48);
        assertThat(bert.matrixLayers().get(0).name()).isEqualTo("encoder.layer.0.attention.self.qkv");
        assertThat(bert.matrixLayers().get(0).macs()).isEqualTo(128L * 768 * 2304);
        assertThat(bert.matrixLayers().stream().mapToLong(m -> (long) m.rows() * m.cols()).sum())
                .isEqualTo(12L * (768 * 2304 + 768 * 768 + 768 * 3072 + 3072 * 768)); // 84.9 M weights
        Network vit = org.sresim.workload.Networks.builtin("vit-b16");
        assertThat(vit.attentionLayers()).allSatisfy(a -> assertThat(a.tokens()).isEqualTo(197));
        assertThat(vit.matrixLayers().get(0).windows()).isEqualTo(196);
        assertThat(vit.matrixLayers().get(1).windows()).isEqualTo(197);
    }
}
