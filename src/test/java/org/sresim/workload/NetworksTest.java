package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in networks, checked against shapes derived by hand from the papers. */
class NetworksTest {

    private static Map<String, MatrixLayer> byName(String network) {
        return Networks.builtin(network).matrixLayers().stream()
                .collect(Collectors.toMap(MatrixLayer::name, Function.identity()));
    }

    /** Sum of rows*cols*windows, written out without {@link MatrixLayer#macs()}. */
    private static long macs(List<MatrixLayer> layers) {
        long sum = 0;
        for (MatrixLayer l : layers) {
            sum += (long) l.rows() * l.cols() * l.windows();
        }
        return sum;
    }

    private static void assertShape(MatrixLayer l, int inC, int inH, int inW, int outC, int outH, int outW) {
        assertThat(List.of(l.inChannels(), l.inHeight(), l.inWidth(), l.outChannels(), l.outHeight(), l.outWidth()))
                .as(l.name())
                .containsExactly(inC, inH, inW, outC, outH, outW);
    }

    @Test
    void builtinNamesAreSorted() {
        assertThat(Networks.builtinNames())
                .containsExactly("alexnet", "alexnet-han", "bert-base", "cifar10-quick", "cifar10-ssl", "lenet5",
                        "lenet5-han", "mlp-300-100", "resnet18", "vgg16", "vgg16-ssl", "vit-b16");
    }

    @Test
    void everyBuiltinIsNamedAfterItsKeyAndIndexesItsMatrixLayers() {
        for (String name : Networks.builtinNames()) {
            Network n = Networks.builtin(name);
            assertThat(n.name()).isEqualTo(name);
            List<MatrixLayer> ms = n.matrixLayers();
            for (int i = 0; i < ms.size(); i++) {
                assertThat(ms.get(i).index()).isEqualTo(i);
                assertThat(ms.get(i).type()).isIn(LayerType.CONV, LayerType.FC, LayerType.LINEAR);
            }
            long specs = n.layers().stream().filter(l -> l.type().isMatrix()).count();
            assertThat(ms).hasSize((int) specs);
            assertThat(ms).extracting(MatrixLayer::name)
                    .containsExactlyElementsOf(n.layers().stream().filter(l -> l.type().isMatrix())
                            .map(LayerSpec::name).toList());
        }
    }

    @Test
    void lenet5() {
        List<MatrixLayer> ms = Networks.builtin("lenet5").matrixLayers();
        assertThat(ms).extracting(MatrixLayer::name).containsExactly("c1", "c3", "c5", "f6", "f7");
        Map<String, MatrixLayer> m = byName("lenet5");
        assertShape(m.get("c1"), 1, 32, 32, 6, 28, 28);
        assertThat(m.get("c1").rows()).isEqualTo(25);              // 1*5*5
        assertThat(m.get("c1").windows()).isEqualTo(784);          // 28*28
        assertShape(m.get("c3"), 6, 14, 14, 16, 10, 10);           // after s2: 28/2
        assertThat(m.get("c3").rows()).isEqualTo(150);             // 6*5*5
        assertShape(m.get("c5"), 16, 5, 5, 120, 1, 1);             // after s4: 10/2; 5-5+1 = 1
        assertThat(m.get("c5").rows()).isEqualTo(400);
        assertThat(m.get("c5").windows()).isEqualTo(1);
        assertThat(m.get("f6").rows()).isEqualTo(120);
        assertThat(m.get("f6").cols()).isEqualTo(84);
        assertThat(m.get("f7").rows()).isEqualTo(84);
        assertThat(m.get("f7").cols()).isEqualTo(10);
        // 25*6*784 + 150*16*100 + 400*120 + 120*84 + 84*10
        assertThat(macs(ms)).isEqualTo(117_600L + 240_000 + 48_000 + 10_080 + 840);
    }

    @Test
    void mlp300100() {
        Network n = Networks.builtin("mlp-300-100");
        assertThat(n.input()).containsExactly(784);
        List<MatrixLayer> ms = n.matrixLayers();
        assertThat(ms).hasSize(3);
        assertThat(ms).extracting(MatrixLayer::rows).containsExactly(784, 300, 100);
        assertThat(ms).extracting(MatrixLayer::cols).containsExactly(300, 100, 10);
        assertThat(ms).extracting(MatrixLayer::windows).containsExactly(1, 1, 1);
        assertThat(ms).allSatisfy(l -> {
            assertThat(l.type()).isEqualTo(LayerType.FC);
            assertShape(l, l.rows(), 1, 1, l.cols(), 1, 1);
            assertThat(List.of(l.kernel(), l.stride(), l.padding())).containsExactly(1, 1, 0);
        });
        assertThat(macs(ms)).isEqualTo(784L * 300 + 300 * 100 + 100 * 10);
    }

    @Test
    void cifar10Quick() {
        List<MatrixLayer> ms = Networks.builtin("cifar10-quick").matrixLayers();
        assertThat(ms).extracting(MatrixLayer::name).containsExactly("conv1", "conv2", "conv3", "ip1", "ip2");
        Map<String, MatrixLayer> m = byName("cifar10-quick");
        assertShape(m.get("conv1"), 3, 32, 32, 32, 32, 32);
        assertThat(m.get("conv1").rows()).isEqualTo(75);           // 3*5*5
        assertShape(m.get("conv2"), 32, 16, 16, 32, 16, 16);       // floor((32+2-3)/2)+1 = 16
        assertThat(m.get("conv2").rows()).isEqualTo(800);          // 32*5*5
        assertShape(m.get("conv3"), 32, 8, 8, 64, 8, 8);
        assertThat(m.get("ip1").rows()).isEqualTo(1024);           // 64*4*4
        assertThat(m.get("ip1").cols()).isEqualTo(64);
        assertThat(m.get("ip2").rows()).isEqualTo(64);
        assertThat(m.get("ip2").cols()).isEqualTo(10);
    }

    @Test
    void alexnet() {
        List<MatrixLayer> ms = Networks.builtin("alexnet").matrixLayers();
        assertThat(ms).extracting(MatrixLayer::name)
                .containsExactly("conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8");
        Map<String, MatrixLayer> m = byName("alexnet");
        assertShape(m.get("conv1"), 3, 227, 227, 96, 55, 55);      // (227-11)/4+1 = 55
        assertThat(m.get("conv1").rows()).isEqualTo(363);          // 3*11*11
        assertThat(m.get("conv1").windows()).isEqualTo(3025);
        assertShape(m.get("conv2"), 96, 27, 27, 256, 27, 27);      // (55-3)/2+1 = 27
        assertThat(m.get("conv2").rows()).isEqualTo(2400);         // 96*5*5, no grouping
        assertShape(m.get("conv3"), 256, 13, 13, 384, 13, 13);     // (27-3)/2+1 = 13
        assertThat(m.get("conv4").rows()).isEqualTo(3456);         // 384*3*3
        assertShape(m.get("conv5"), 384, 13, 13, 256, 13, 13);
        assertThat(m.get("fc6").rows()).isEqualTo(9216);           // 256*6*6
        assertThat(m.get("fc6").inputElements()).isEqualTo(9216);
        assertThat(m.get("fc7").rows()).isEqualTo(4096);
        assertThat(m.get("fc8").cols()).isEqualTo(1000);
        // 363*96*3025 + 2400*256*729 + 2304*384*169 + 3456*384*169 + 3456*256*169 + 9216*4096 + 4096*4096
        // + 4096*1000 (ungrouped AlexNet: about 1.14 GMAC)
        assertThat(macs(ms)).isEqualTo(1_135_256_096L);
    }

    @Test
    void vgg16() {
        List<MatrixLayer> ms = Networks.builtin("vgg16").matrixLayers();
        assertThat(ms).hasSize(16);
        assertThat(ms).filteredOn(l -> l.type() == LayerType.CONV).hasSize(13);
        Map<String, MatrixLayer> m = byName("vgg16");
        assertShape(m.get("conv1_1"), 3, 224, 224, 64, 224, 224);
        assertThat(m.get("conv1_1").rows()).isEqualTo(27);
        assertThat(m.get("conv1_1").windows()).isEqualTo(50176);   // 224*224
        assertShape(m.get("conv2_1"), 64, 112, 112, 128, 112, 112);
        assertShape(m.get("conv3_3"), 256, 56, 56, 256, 56, 56);
        assertShape(m.get("conv4_1"), 256, 28, 28, 512, 28, 28);
        assertShape(m.get("conv5_3"), 512, 14, 14, 512, 14, 14);
        assertThat(m.get("conv5_3").rows()).isEqualTo(4608);       // 512*3*3
        assertThat(m.get("fc6").rows()).isEqualTo(25088);          // 512*7*7
        assertThat(m.get("fc7").rows()).isEqualTo(4096);
        assertThat(m.get("fc8").cols()).isEqualTo(1000);
    }

    @Test
    void vgg16Macs() {
        // By formula: a 3x3 conv at size s from cin to cout channels is cin*9*cout*s*s MACs.
        int[][] convs = { // cin, cout, size
            {3, 64, 224}, {64, 64, 224},
            {64, 128, 112}, {128, 128, 112},
            {128, 256, 56}, {256, 256, 56}, {256, 256, 56},
            {256, 512, 28}, {512, 512, 28}, {512, 512, 28},
            {512, 512, 14}, {512, 512, 14}, {512, 512, 14}};
        long conv = 0;
        for (int[] c : convs) {
            conv += (long) c[0] * 9 * c[1] * c[2] * c[2];
        }
        long fc = 25088L * 4096 + 4096L * 4096 + 4096L * 1000;
        assertThat(conv).isEqualTo(15_346_630_656L);
        assertThat(fc).isEqualTo(123_633_664L);

        List<MatrixLayer> ms = Networks.builtin("vgg16").matrixLayers();
        // 15,346,630,656 is the sum over the 13 conv layers only; the 3 fc layers add 123,633,664, giving
        // the usual "15.47 GMAC" of VGG-16.
        assertThat(macs(ms.stream().filter(l -> l.type() == LayerType.CONV).toList())).isEqualTo(15_346_630_656L);
        assertThat(macs(ms)).isEqualTo(conv + fc).isEqualTo(15_470_264_320L);
        assertThat(ms.stream().mapToLong(MatrixLayer::macs).sum()).isEqualTo(15_470_264_320L);
    }

    @Test
    void resnet18() {
        Network n = Networks.builtin("resnet18");
        List<MatrixLayer> ms = n.matrixLayers();
        // conv1 + 4 stages * 2 blocks * 2 convs = 17 convs, + 3 downsample convs, + fc = 21
        assertThat(ms).hasSize(21);
        assertThat(ms).filteredOn(l -> l.type() == LayerType.CONV).hasSize(20);
        assertThat(ms).filteredOn(l -> l.name().endsWith(".downsample")).extracting(MatrixLayer::name)
                .containsExactly("layer2.0.downsample", "layer3.0.downsample", "layer4.0.downsample");
        assertThat(ms).extracting(MatrixLayer::name).startsWith("conv1", "layer1.0.conv1", "layer1.0.conv2",
                "layer1.1.conv1", "layer1.1.conv2", "layer2.0.conv1", "layer2.0.conv2", "layer2.0.downsample",
                "layer2.1.conv1");
        assertThat(n.layers()).filteredOn(l -> l.from() != null)
                .extracting(LayerSpec::name, LayerSpec::from)
                .containsExactly(
                        tuple("layer2.0.downsample", "layer1.1.conv2"),
                        tuple("layer3.0.downsample", "layer2.1.conv2"),
                        tuple("layer4.0.downsample", "layer3.1.conv2"));

        Map<String, MatrixLayer> m = byName("resnet18");
        assertShape(m.get("conv1"), 3, 224, 224, 64, 112, 112);    // (224+6-7)/2+1 = 112
        assertThat(m.get("conv1").rows()).isEqualTo(147);          // 3*7*7
        assertShape(m.get("layer1.0.conv1"), 64, 56, 56, 64, 56, 56); // pool (112+2-3)/2+1 = 56
        assertShape(m.get("layer2.0.conv1"), 64, 56, 56, 128, 28, 28); // (56+2-3)/2+1 = 28
        assertShape(m.get("layer2.0.downsample"), 64, 56, 56, 128, 28, 28); // (56-1)/2+1 = 28
        assertThat(m.get("layer2.0.downsample").rows()).isEqualTo(64);
        assertThat(m.get("layer2.0.downsample").kernel()).isEqualTo(1);
        assertShape(m.get("layer2.1.conv1"), 128, 28, 28, 128, 28, 28);
        assertShape(m.get("layer3.0.downsample"), 128, 28, 28, 256, 14, 14);
        assertShape(m.get("layer4.0.conv1"), 256, 14, 14, 512, 7, 7);
        assertShape(m.get("layer4.1.conv2"), 512, 7, 7, 512, 7, 7);
        assertThat(m.get("layer4.1.conv2").rows()).isEqualTo(4608);
        assertThat(m.get("fc").rows()).isEqualTo(512);             // avgpool 7x7 -> 512x1x1
        assertThat(m.get("fc").cols()).isEqualTo(1000);
        assertThat(macs(ms)).isEqualTo(1_814_073_344L);            // the usual "1.8 GMAC" of ResNet-18
    }

    @Test
    void unknownBuiltinListsTheNames() {
        assertThatThrownBy(() -> Networks.builtin("vgg19"))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("unknown built-in network 'vgg19' (built-in: alexnet, alexnet-han, bert-base,"
                        + " cifar10-quick, cifar10-ssl, lenet5, lenet5-han, mlp-300-100, resnet18, vgg16, vgg16-ssl,"
                        + " vit-b16)");
    }

    @Test
    void resolveTakesABuiltinOrAFile(@TempDir Path dir) throws Exception {
        assertThat(Networks.resolve("alexnet")).isSameAs(Networks.builtin("alexnet"));
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, "input: [10]\nlayers:\n  - {name: a, type: fc, out: 5}\n");
        Network n = Networks.resolve(file.toString());
        assertThat(n.name()).isEqualTo("two");
        assertThat(n.matrixLayers()).singleElement().extracting(MatrixLayer::rows).isEqualTo(10);
    }

    @Test
    void resolveRejectsAnUnknownName(@TempDir Path dir) {
        assertThatThrownBy(() -> Networks.resolve("resnet50"))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("unknown network 'resnet50' (built-in: alexnet, alexnet-han, bert-base,"
                        + " cifar10-quick, cifar10-ssl, lenet5, lenet5-han, mlp-300-100, resnet18, vgg16, vgg16-ssl,"
                        + " vit-b16; or a path to a network file)");
        String missing = dir.resolve("missing.yaml").toString();
        assertThatThrownBy(() -> Networks.resolve(missing))
                .isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("unknown network '" + missing + "' (built-in: alexnet");
        assertThatThrownBy(() -> Networks.resolve(dir.toString()))
                .isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("unknown network '");
    }

    @Test
    void builtinsAreImmutable() {
        Network n = Networks.builtin("lenet5");
        assertThatThrownBy(() -> n.layers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> n.input().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> n.matrixLayers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Networks.builtinNames().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** The profile stand-ins of the real models are the published profiles under the real models' layer names. */
    @Test
    void shippedProfileStandInsAreThePublishedProfiles() {
        Network lenet = Networks.load(Path.of("models/profiles/lenet5-han-fmnist-profile.yaml"));
        Network han = Networks.builtin("lenet5-han");
        assertThat(lenet.input()).isEqualTo(han.input());
        assertThat(lenet.layers()).isEqualTo(han.layers());
        assertThat(lenet.matrixLayers()).isEqualTo(han.matrixLayers());

        Network cifar = Networks.load(Path.of("models/profiles/cifarnet-ssl-fmnist-profile.yaml"));
        Network ssl = Networks.builtin("cifar10-ssl");
        assertThat(cifar.input()).isEqualTo(java.util.List.of(1, 32, 32));
        assertThat(cifar.layers()).isEqualTo(ssl.layers()); // only the network input's channels differ
        for (int i = 1; i < ssl.matrixLayers().size(); i++) {
            assertThat(cifar.matrixLayers().get(i)).isEqualTo(ssl.matrixLayers().get(i));
        }
    }
}
