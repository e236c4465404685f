package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Network files with tokens, linear and attention layers, and synthetic signed activations. */
class TokenNetworkFileTest {

    private static Network parse(String text) {
        return NetworkFile.parse("t.yaml", "t", text);
    }

    @Test
    void aTransformerBlockReadsBack() {
        Network n = parse("""
                input: [3, 8, 8]
                layers:
                  - {name: patch, type: conv, out: 12, kernel: 4, stride: 4}
                  - {name: cls, type: tokens, class-tokens: 1}
                  - {name: qkv, type: linear, out: 36, activation: {distribution: normal}}
                  - {name: attn, type: attention, heads: 3}
                  - {name: proj, type: linear, out: 12, activation.distribution: gelu}
                """);
        assertThat(n.matrixLayers()).extracting(MatrixLayer::windows).containsExactly(4, 5, 5);
        assertThat(n.attentionLayers()).containsExactly(new AttentionLayer("attn", 5, 12, 3));
        assertThat(n.attentionMacs()).isEqualTo(2L * 5 * 5 * 12);
        assertThat(n.matrixLayers().get(2).activationDraw().distribution()).isEqualTo(ActivationDistribution.GELU);
        assertThat(parse(NetworkWriter.yaml(n, List.of()))).isEqualTo(n);
        for (String builtin : List.of("bert-base", "vit-b16")) {
            Network b = Networks.builtin(builtin);
            assertThat(parse(NetworkWriter.yaml(b, List.of()))).as(builtin).isEqualTo(b);
        }
    }

    @Test
    void badTokenLayersAreOneLineErrors() {
        String head = "input: [4, 6]\nlayers:\n";
        assertThatThrownBy(() -> parse(head + "  - {name: a, type: attention, heads: 4}\n"))
                .hasMessage("t.yaml: layer 'a': 4 heads do not divide the model width d = 2 (the token input [4, 6])");
        assertThatThrownBy(() -> parse(head + "  - {name: a, type: attention}\n"))
                .hasMessage("t.yaml: layer 'a': an attention layer needs 'heads'");
        assertThatThrownBy(() -> parse(head + "  - {name: l, type: linear, out: 2, kernel: 1}\n"))
                .hasMessage("t.yaml: layer 'l': a linear layer takes no 'kernel' (it takes out)");
        assertThatThrownBy(() -> parse("input: [2, 4, 4]\nlayers:\n  - {name: l, type: linear, out: 2}\n"))
                .hasMessage("t.yaml: layer 'l': a linear layer needs a [tokens, features] input but reads the network"
                        + " input [2, 4, 4] (put a tokens layer before it)");
        assertThatThrownBy(() -> parse(head + "  - {name: c, type: conv, out: 2, kernel: 1}\n"))
                .hasMessageContaining("a conv layer needs a [channels, height, width] input but reads the token input");
        assertThatThrownBy(() -> parse(head + "  - {name: l, type: linear, out: 2, activation.distribution: laplace}\n"))
                .hasMessage("t.yaml: layer 'l': 'activation.distribution' must be one of half-normal, normal, gelu,"
                        + " got 'laplace'");
        assertThatThrownBy(() -> parse(head + "  - {name: l, type: linear, out: 2, activation: {distribution: normal,"
                + " draw: stratified}}\n"))
                .hasMessageContaining("t.yaml: layer 'l': 'activation.draw: stratified' draws half-normal quantiles");
        assertThatThrownBy(() -> parse(head + "  - {name: l, type: linear, out: 3}\n  - {name: a, type: attention,"
                + " heads: 1, pruning.ratio: 0.5}\n"))
                .hasMessageContaining("an attention layer has no weights or crossbar inputs");
    }

    /**
     * Synthetic signed activations: normal and GELU draws are signed, GELU's no lower than
     * -0.17 x 2^scale; offset feeding shifts zeros to non-zero, so activation sparsity is lost.
     */
    @Test
    void signedDrawsAndTheirFeeding() {
        Network n = new Network("n", List.of(64, 64), List.of(LayerSpec.linear("l", 4)));
        MatrixLayer l = n.matrixLayers().get(0);
        for (ActivationDistribution d : ActivationDistribution.values()) {
            for (InputEncoding e : InputEncoding.values()) {
                WorkloadSettings s = new WorkloadSettings(5, 0, PruningMethod.STRUCTURED, null, true, 0.4, 8, d, true,
                        16, 16, e);
                LayerWorkload w = SyntheticWorkload.generate(l, s);
                String as = d.configName() + " " + e.configName();
                double density = w.activationDensity();
                if (!d.signed() || e != InputEncoding.OFFSET) {
                    assertThat(density).as(as).isCloseTo(0.6, within(0.04)); // sparsity 0.4 survives
                } else {
                    assertThat(density).as(as).isGreaterThan(0.99); // the offset makes zeros non-zero
                }
                assertThat(w.passes()).as(as).isEqualTo(d.signed() && e == InputEncoding.SIGN_MAGNITUDE ? 2 : 1);
                for (int v : w.inputs()) {
                    assertThat(v).as(as).isBetween(0, 65535);
                }
            }
        }
        WorkloadSettings gelu = new WorkloadSettings(5, 0, PruningMethod.STRUCTURED, null, true, 0, 8,
                ActivationDistribution.GELU, true, 16, 16, InputEncoding.SIGN_MAGNITUDE);
        int[] fed = SyntheticWorkload.generate(l, gelu).inputs();
        int negatives = 0;
        for (int i = l.windows() * 64; i < fed.length; i++) { // the second pass: the negative parts
            assertThat(fed[i]).isLessThanOrEqualTo((int) Math.round(0.17 * 256) + 1);
            negatives += fed[i] > 0 ? 1 : 0;
        }
        assertThat(negatives).isBetween(4096 * 4 / 10, 4096 * 6 / 10); // about half of a GELU's inputs are < 0
    }
}
