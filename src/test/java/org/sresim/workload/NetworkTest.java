package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records on their own: validation when built in code, immutability and the matrix formulas. */
class NetworkTest {

    @Test
    void layerTypesHaveFileNames() {
        assertThat(LayerType.CONV.yamlName()).isEqualTo("conv");
        assertThat(LayerType.FC.yamlName()).isEqualTo("fc");
        assertThat(LayerType.POOL.yamlName()).isEqualTo("pool");
        assertThat(LayerType.fromYamlName("Pool")).contains(LayerType.POOL);
        assertThat(LayerType.fromYamlName("relu")).isEmpty();
        assertThat(LayerType.fromYamlName(null)).isEmpty();
        assertThat(LayerType.CONV.isMatrix()).isTrue();
        assertThat(LayerType.FC.isMatrix()).isTrue();
        assertThat(LayerType.POOL.isMatrix()).isFalse();
    }

    @Test
    void layerSpecFactories() {
        assertThat(LayerSpec.conv("c", 8, 3, 1, 1))
                .isEqualTo(new LayerSpec("c", LayerType.CONV, 8, 3, 1, 1, null, null, null));
        assertThat(LayerSpec.pool("p", 2, 2, 0))
                .isEqualTo(new LayerSpec("p", LayerType.POOL, 0, 2, 2, 0, null, null, null));
        assertThat(LayerSpec.fc("f", 10)).isEqualTo(new LayerSpec("f", LayerType.FC, 10, 0, 0, 0, null, null, null));
        // the neutral kernel 1 / stride 1 are accepted for fc and stored as 0
        assertThat(new LayerSpec("f", LayerType.FC, 10, 0, 1, 0, null, null, null)).isEqualTo(LayerSpec.fc("f", 10));
        assertThat(new LayerSpec("f", LayerType.FC, 10, 1, 1, 0, null, null, null).kernel()).isZero();
        LayerSpec s = LayerSpec.fc("f", 10).withFrom("x").withPruningRatio(0.5).withActivationSparsity(0.0);
        assertThat(s).isEqualTo(new LayerSpec("f", LayerType.FC, 10, 0, 0, 0, "x", 0.5, 0.0));
    }

    @Test
    void layerSpecRejectsBadFields() {
        assertThatThrownBy(() -> LayerSpec.conv(" ", 1, 1, 1, 0)).isInstanceOf(WorkloadException.class)
                .hasMessage("a layer has no name");
        assertThatThrownBy(() -> new LayerSpec("c", null, 1, 1, 1, 0, null, null, null))
                .hasMessage("layer 'c': missing 'type' (allowed: conv, fc, linear, pool, attention, tokens)");
        assertThatThrownBy(() -> LayerSpec.conv("c", 0, 1, 1, 0)).hasMessage("layer 'c': 'out' must be >= 1, got 0");
        assertThatThrownBy(() -> LayerSpec.conv("c", 1, 0, 1, 0)).hasMessage("layer 'c': 'kernel' must be >= 1, got 0");
        assertThatThrownBy(() -> LayerSpec.pool("p", 2, 0, 0)).hasMessage("layer 'p': 'stride' must be >= 1, got 0");
        assertThatThrownBy(() -> LayerSpec.pool("p", 2, 1, -1))
                .hasMessage("layer 'p': 'padding' must be >= 0, got -1");
        assertThatThrownBy(() -> new LayerSpec("p", LayerType.POOL, 3, 2, 2, 0, null, null, null))
                .hasMessageContaining("layer 'p': a pool layer keeps its input channels");
        assertThatThrownBy(() -> new LayerSpec("f", LayerType.FC, 3, 3, 1, 0, null, null, null))
                .hasMessageContaining("layer 'f': an fc layer takes no kernel, stride or padding");
        assertThatThrownBy(() -> new LayerSpec("f", LayerType.FC, 3, 0, 1, 1, null, null, null))
                .hasMessageContaining("layer 'f': an fc layer takes no kernel, stride or padding");
        assertThatThrownBy(() -> LayerSpec.fc("f", 3).withFrom("f"))
                .hasMessageContaining("layer 'f': 'from' refers to the layer itself");
        assertThatThrownBy(() -> LayerSpec.fc("f", 3).withFrom(""))
                .hasMessageContaining("layer 'f': 'from' must name an earlier layer");
        assertThatThrownBy(() -> LayerSpec.fc("f", 3).withPruningRatio(1.0))
                .hasMessage("layer 'f': 'pruning.ratio' must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> LayerSpec.fc("f", 3).withActivationSparsity(Double.NaN))
                .hasMessage("layer 'f': 'activation.sparsity' must be in [0, 1), got NaN");
        assertThatThrownBy(() -> LayerSpec.fc("f", 3).withActivationSparsity(-0.01))
                .isInstanceOf(WorkloadException.class);
    }

    @Test
    void networkCopiesItsLists() {
        List<Integer> input = new ArrayList<>(List.of(2, 4, 4));
        List<LayerSpec> layers = new ArrayList<>(List.of(LayerSpec.conv("c", 3, 3, 1, 1), LayerSpec.fc("f", 5)));
        Network n = new Network("n", input, layers);
        input.set(0, 99);
        layers.clear();
        assertThat(n.input()).containsExactly(2, 4, 4);
        assertThat(n.layers()).hasSize(2);
        assertThatThrownBy(() -> n.layers().add(LayerSpec.fc("g", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(n.matrixLayers()).extracting(MatrixLayer::rows).containsExactly(18, 48);
        assertThat(n).isEqualTo(new Network("n", List.of(2, 4, 4),
                List.of(LayerSpec.conv("c", 3, 3, 1, 1), LayerSpec.fc("f", 5))));
    }

    @Test
    void networkRejectsBadStructureNamingTheNetworkAndLayer() {
        List<Integer> in = List.of(1, 4, 4);
        assertThatThrownBy(() -> new Network(null, in, List.of(LayerSpec.fc("f", 1))))
                .isInstanceOf(WorkloadException.class).hasMessage("a network has no name");
        assertThatThrownBy(() -> new Network("n", List.of(1, 4, 4, 4), List.of(LayerSpec.fc("f", 1))))
                .hasMessage("network 'n': 'input' must be [channels, height, width], [tokens, features] or [features],"
                        + " got [1, 4, 4, 4]");
        assertThatThrownBy(() -> new Network("n", Arrays.asList(1, null, 4), List.of(LayerSpec.fc("f", 1))))
                .hasMessageStartingWith("network 'n': 'input' must be");
        assertThatThrownBy(() -> new Network("n", List.of(-1), List.of(LayerSpec.fc("f", 1))))
                .hasMessage("network 'n': 'input' sizes must be >= 1, got [-1]");
        assertThatThrownBy(() -> new Network("n", in, List.of()))
                .hasMessage("network 'n': the network has no layers");
        assertThatThrownBy(() -> new Network("n", in, Arrays.asList(LayerSpec.fc("f", 1), null)))
                .hasMessage("network 'n': layer #2 is empty");
        assertThatThrownBy(() -> new Network("n", in, List.of(LayerSpec.pool("p", 2, 2, 0))))
                .hasMessage("network 'n': the network has no conv, fc or linear layer (layers: p)");
        assertThatThrownBy(() -> new Network("n", in, List.of(LayerSpec.fc("f", 1), LayerSpec.fc("f", 1))))
                .hasMessage("network 'n': layer 'f': duplicate layer name (layers #1 and #2)");
        assertThatThrownBy(() -> new Network("n", in, List.of(LayerSpec.fc("f", 1).withFrom("g"), LayerSpec.fc("g", 1))))
                .hasMessage("network 'n': layer 'f': 'from' refers to the later layer 'g'; it must name an earlier layer");
        assertThatThrownBy(() -> new Network("n", in, List.of(LayerSpec.conv("c", 1, 7, 1, 1))))
                .hasMessage("network 'n': layer 'c': kernel 7 is larger than the padded input 6x6");
    }

    @Test
    void largeShapesAreRejectedRatherThanOverflowing() {
        assertThatThrownBy(() -> new Network("big", List.of(65536, 65536, 1), List.of(LayerSpec.fc("f", 1))))
                .isInstanceOf(WorkloadException.class).hasMessageContaining("network 'big': 'input'")
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> new Network("big", List.of(100_000, 1, 1), List.of(LayerSpec.conv("c", 1, 201, 1, 100))))
                .hasMessage("network 'big': layer 'c': the weight matrix of 100000*201*201 rows is too large");
    }

    @Test
    void fromRereadsAnEarlierOutput() {
        // c1: 2x8x8 -> 4x8x8; p: 4x4x4; c2 reads c1 again (4x8x8) with stride 2 -> 4x4x4; f reads c2: 64
        Network n = new Network("skip", List.of(2, 8, 8), List.of(
                LayerSpec.conv("c1", 4, 3, 1, 1),
                LayerSpec.pool("p", 2, 2, 0),
                LayerSpec.conv("c2", 4, 1, 2, 0).withFrom("c1"),
                LayerSpec.fc("f", 3)));
        List<MatrixLayer> ms = n.matrixLayers();
        assertThat(ms).extracting(MatrixLayer::name).containsExactly("c1", "c2", "f");
        MatrixLayer c2 = ms.get(1);
        assertThat(List.of(c2.inChannels(), c2.inHeight(), c2.inWidth(), c2.outHeight(), c2.outWidth()))
                .containsExactly(4, 8, 8, 4, 4);
        assertThat(ms.get(2).rows()).isEqualTo(64);
    }

    @Test
    void matrixLayerFormulas() {
        MatrixLayer conv = new MatrixLayer(0, "c", LayerType.CONV, 3, 10, 12, 3, 2, 1, 16, 5, 6, 0.5, null);
        assertThat(conv.rows()).isEqualTo(27);
        assertThat(conv.cols()).isEqualTo(16);
        assertThat(conv.windows()).isEqualTo(30);
        assertThat(conv.inputElements()).isEqualTo(360);
        assertThat(conv.macs()).isEqualTo(27L * 16 * 30);
        MatrixLayer fc = new MatrixLayer(1, "f", LayerType.FC, 4096, 1, 1, 1, 1, 0, 1000, 1, 1, null, 0.2);
        assertThat(fc.rows()).isEqualTo(4096);
        assertThat(fc.windows()).isEqualTo(1);
        assertThat(fc.inputElements()).isEqualTo(4096);
        assertThatThrownBy(() -> new MatrixLayer(0, "p", LayerType.POOL, 1, 1, 1, 1, 1, 0, 1, 1, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MatrixLayer(0, "f", LayerType.FC, 8, 2, 2, 1, 1, 0, 1, 1, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MatrixLayer(0, "c", LayerType.CONV, 100_000, 1, 1, 201, 1, 100, 1, 1, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
    }
}
