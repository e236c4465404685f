package org.sresim.workload;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The built-in networks, and loading of network files. */
public final class Networks {

    private static final SortedMap<String, Network> BUILTIN;

    static {
        SortedMap<String, Network> m = new TreeMap<>();
        for (Network n : List.of(lenet5(), mlp300100(), cifar10Quick(), alexnet(), vgg16(), resnet18(),
                vgg16Ssl(), cifar10Ssl(), alexnetHan(), lenet5Han(), bertBase(), vitB16())) {
            m.put(n.name(), n);
        }
        BUILTIN = Collections.unmodifiableSortedMap(m);
    }

    private Networks() {
    }

    /** The names of the built-in networks, sorted. */
    public static Set<String> builtinNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(BUILTIN.keySet()));
    }

    /** The built-in network with this name; a {@link WorkloadException} lists the allowed names otherwise. */
    public static Network builtin(String name) {
        Network n = name == null ? null : BUILTIN.get(name);
        if (n == null) {
            throw new WorkloadException("unknown built-in network '" + name + "' (built-in: " + builtinList() + ")");
        }
        return n;
    }

    /** Reads a network file: YAML, or JSON (which is YAML). Errors name the file and the layer. */
    public static Network load(Path file) {
        return NetworkFile.load(file);
    }

    /** A built-in network name, else a path to an existing network file. */
    public static Network resolve(String nameOrPath) {
        if (nameOrPath != null) {
            Network n = BUILTIN.get(nameOrPath);
            if (n != null) {
                return n;
            }
            if (!nameOrPath.isBlank()) {
                try {
                    Path path = Path.of(nameOrPath);
                    if (Files.isRegularFile(path)) {
                        return load(path);
                    }
                } catch (InvalidPathException e) {
                    // not a usable path: fall through to the "unknown network" message
                }
            }
        }
        throw new WorkloadException("unknown network '" + nameOrPath + "' (built-in: " + builtinList()
                + "; or a path to a network file)");
    }

    private static String builtinList() {
        return String.join(", ", BUILTIN.keySet());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Built-in networks. Shapes are those of the original papers; the comments give the expected sizes.

    /**
     * LeNet-5: Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document
     * recognition", Proc. IEEE 86(11), 1998. 32x32 input; C5 reduces the 5x5 maps to 1x1. C3 is written fully
     * connected to S2 (the paper connects each C3 map to a subset of the S2 maps).
     */
    private static Network lenet5() {
        return new Builder("lenet5", 1, 32, 32)
                .conv("c1", 6, 5, 1, 0)       // 6x28x28
                .pool("s2", 2, 2, 0)          // 6x14x14
                .conv("c3", 16, 5, 1, 0)      // 16x10x10
                .pool("s4", 2, 2, 0)          // 16x5x5
                .conv("c5", 120, 5, 1, 0)     // 120x1x1
                .fc("f6", 84)
                .fc("f7", 10)                 // the paper's 10 RBF output units, written as an fc
                .build();
    }

    /**
     * The 784-300-100-10 MNIST multilayer perceptron of LeCun et al., "Gradient-based learning applied to
     * document recognition", Proc. IEEE 86(11), 1998 (the "2-layer NN, 300+100 hidden units" of its Fig. 9).
     */
    private static Network mlp300100() {
        return new Builder("mlp-300-100", 784)
                .fc("fc1", 300)
                .fc("fc2", 100)
                .fc("fc3", 10)
                .build();
    }

    /**
     * cifar10_quick: the Caffe CIFAR-10 example (Y. Jia et al., "Caffe: Convolutional Architecture for Fast
     * Feature Embedding", 2014; examples/cifar10/cifar10_quick_train_test.prototxt). Caffe computes pooling
     * outputs with ceil((h - k) / s) + 1 and no padding (32 -> 16 -> 8 -> 4); with our floor formula,
     * padding 1 gives the same sizes: floor((32 + 2 - 3) / 2) + 1 = 16, then 8, then 4.
     */
    private static Network cifar10Quick() {
        return new Builder("cifar10-quick", 3, 32, 32)
                .conv("conv1", 32, 5, 1, 2)   // 32x32x32
                .pool("pool1", 3, 2, 1)       // 32x16x16
                .conv("conv2", 32, 5, 1, 2)   // 32x16x16
                .pool("pool2", 3, 2, 1)       // 32x8x8
                .conv("conv3", 64, 5, 1, 2)   // 64x8x8
                .pool("pool3", 3, 2, 1)       // 64x4x4
                .fc("ip1", 64)                // 1024 inputs
                .fc("ip2", 10)
                .build();
    }

    /**
     * AlexNet: A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet Classification with Deep Convolutional
     * Neural Networks", NIPS 2012, in its CaffeNet form (227x227 input) and without the two-GPU grouping of
     * conv2, conv4 and conv5 (groups = 1, i.e. every filter sees all input channels).
     */
    private static Network alexnet() {
        return new Builder("alexnet", 3, 227, 227)
                .conv("conv1", 96, 11, 4, 0)  // 96x55x55
                .pool("pool1", 3, 2, 0)       // 96x27x27
                .conv("conv2", 256, 5, 1, 2)  // 256x27x27
                .pool("pool2", 3, 2, 0)       // 256x13x13
                .conv("conv3", 384, 3, 1, 1)  // 384x13x13
                .conv("conv4", 384, 3, 1, 1)  // 384x13x13
                .conv("conv5", 256, 3, 1, 1)  // 256x13x13
                .pool("pool5", 3, 2, 0)       // 256x6x6
                .fc("fc6", 4096)              // 9216 inputs
                .fc("fc7", 4096)
                .fc("fc8", 1000)
                .build();
    }

    /**
     * VGG-16: K. Simonyan, A. Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
     * Recognition", ICLR 2015, configuration D, 224x224 input. All convs 3x3 stride 1 padding 1; pools 2x2
     * stride 2.
     */
    private static Network vgg16() {
        Builder b = new Builder("vgg16", 3, 224, 224);
        int[][] stages = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};  // 224, 112, 56, 28, 14
        for (int s = 0; s < stages.length; s++) {
            for (int c = 1; c <= stages[s][1]; c++) {
                b.conv("conv" + (s + 1) + "_" + c, stages[s][0], 3, 1, 1);
            }
            b.pool("pool" + (s + 1), 2, 2, 0);
        }
        return b.fc("fc6", 4096)              // 512x7x7 = 25088 inputs
                .fc("fc7", 4096)
                .fc("fc8", 1000)
                .build();
    }

    /**
     * ResNet-18: K. He, X. Zhang, S. Ren, J. Sun, "Deep Residual Learning for Image Recognition", CVPR 2016
     * (Table 1, 18-layer), 224x224 input, layer names as in torchvision. Each basic block is two 3x3 convs;
     * the first block of layer2..layer4 halves the size with its first conv (stride 2) and has a 1x1 stride-2
     * projection shortcut ("downsample") reading the block input. The residual additions are digital and only
     * shape the next layer: a downsample is listed after its block's conv2 and has the same output shape, so
     * the next block reading the previous list entry sees the right shape.
     */
    private static Network resnet18() {
        Builder b = new Builder("resnet18", 3, 224, 224)
                .conv("conv1", 64, 7, 2, 3)   // 64x112x112
                .pool("pool1", 3, 2, 1);      // 64x56x56
        int[] channels = {64, 128, 256, 512}; // at 56, 28, 14, 7
        String blockInput = "pool1";
        for (int stage = 1; stage <= 4; stage++) {
            int c = channels[stage - 1];
            for (int block = 0; block < 2; block++) {
                String prefix = "layer" + stage + "." + block + ".";
                boolean down = stage > 1 && block == 0;
                b.conv(prefix + "conv1", c, 3, down ? 2 : 1, 1);
                b.conv(prefix + "conv2", c, 3, 1, 1);
                String last = prefix + "conv2";
                if (down) {
                    b.convFrom(prefix + "downsample", c, 1, 2, 0, blockInput);
                    last = prefix + "downsample";
                }
                blockInput = last;
            }
        }
        return b.pool("avgpool", 7, 1, 0)      // 512x1x1
                .fc("fc", 1000)
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Literature sparsity profiles: networks whose layers carry the sparsity published for a real pruned model
    // (model section 3.2). Weights are still synthetic; which rows, columns and magnitudes are zero follows the
    // published fractions per layer. Fractions are written as the sources print them, in percent.

    /**
     * VGG-16 trained with Structured Sparsity Learning by its authors: W. Wen, C. Wu, Y. Wang, Y. Chen, H. Li,
     * "Learning Structured Sparsity in Deep Neural Networks", NIPS 2016; numbers from the training log
     * github.com/wenwei202/caffe, {@code models/vggnet/results.txt} (iteration 2,600,000, top-1 71.21 %).
     * Caffe's "Element Sparsity" is our element, its "Column Sparsity" (columns of the N x K weight blob, i.e.
     * (c, ky, kx) positions) our shape, its "Row Sparsity" (filters) our filter: 0 except fc7's 0.317383 %.
     */
    private static Network vgg16Ssl() {
        String[] layers = {"conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3", "conv4_1",
            "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3", "fc6", "fc7", "fc8"};
        double[] elementPct = {4.16667, 43.2482, 30.8838, 40.1279, 50.3842, 65.9576, 65.6052, 71.0023, 80.1283,
            77.5322, 70.281, 66.7155, 59.0146, 65.9449, 61.5076, 5.28923};
        double[] shapePct = {0, 14.7569, 0.694444, 3.90625, 0.607639, 2.08333, 0.911458, 0.564236, 7.57378,
            4.96962, 2.23524, 1.73611, 0.15191, 0, 0, 0.317383};
        double[] filterPct = new double[layers.length];
        filterPct[14] = 0.317383; // fc7
        return profiled(vgg16(), "vgg16-ssl", layers, filterPct, shapePct, elementPct);
    }

    /**
     * Caffe's CIFAR-10 "full" net (examples/cifar10/cifar10_full_train_test.prototxt: conv 32-32-64 5x5 pad 2,
     * each followed by a 3x3 stride-2 pool, then ip1 with 10 outputs; Caffe's ceil pooling 32 -> 16 -> 8 -> 4 is
     * written as padding 1 with our floor formula) as SSL pruned it at 81.41 % accuracy (Wen et al., NIPS 2016;
     * github.com/wenwei202/caffe branch scnn, experiments/sparsity/matrixmarket/cifar10net). Filter / shape /
     * element %: conv1 50/0/53.6, conv2 31.25/61.25/82.4, conv3 12.5/50/78.6, ip1 0/76.6/84.4.
     */
    private static Network cifar10Ssl() {
        Network full = new Builder("cifar10-full", 3, 32, 32)
                .conv("conv1", 32, 5, 1, 2)   // 32x32x32
                .pool("pool1", 3, 2, 1)       // 32x16x16
                .conv("conv2", 32, 5, 1, 2)   // 32x16x16
                .pool("pool2", 3, 2, 1)       // 32x8x8
                .conv("conv3", 64, 5, 1, 2)   // 64x8x8
                .pool("pool3", 3, 2, 1)       // 64x4x4
                .fc("ip1", 10)                // 1024 inputs
                .build();
        return profiled(full, "cifar10-ssl", new String[] {"conv1", "conv2", "conv3", "ip1"},
                new double[] {50, 31.25, 12.5, 0}, new double[] {0, 61.25, 50, 76.6},
                new double[] {53.6, 82.4, 78.6, 84.4});
    }

    /**
     * AlexNet (the built-in shape) pruned by magnitude: S. Han, J. Pool, J. Tran, W. Dally, "Learning both
     * Weights and Connections for Efficient Neural Networks", NIPS 2015, Table 4 (weights remaining conv1 84 %,
     * conv2 38 %, conv3 35 %, conv4 37 %, conv5 37 %, fc6 9 %, fc7 9 %, fc8 25 %). Unstructured: no whole
     * filters or shapes, element = 1 - remaining.
     */
    private static Network alexnetHan() {
        return profiled(alexnet(), "alexnet-han",
                new String[] {"conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8"}, null, null,
                new double[] {16, 62, 65, 63, 63, 91, 91, 75});
    }

    /**
     * Caffe's LeNet (examples/mnist/lenet_train_test.prototxt: 1x28x28, conv1 20 5x5, pool 2/2, conv2 50 5x5,
     * pool 2/2, ip1 500, ip2 10) pruned by magnitude by Han et al., NIPS 2015, Table 2 (LeNet-5: weights
     * remaining conv1 66 %, conv2 12 %, ip1 8 %, ip2 19 %).
     */
    private static Network lenet5Han() {
        Network caffeLenet = new Builder("lenet5-caffe", 1, 28, 28)
                .conv("conv1", 20, 5, 1, 0)   // 20x24x24
                .pool("pool1", 2, 2, 0)       // 20x12x12
                .conv("conv2", 50, 5, 1, 0)   // 50x8x8
                .pool("pool2", 2, 2, 0)       // 50x4x4
                .fc("ip1", 500)               // 800 inputs
                .fc("ip2", 10)
                .build();
        return profiled(caffeLenet, "lenet5-han", new String[] {"conv1", "conv2", "ip1", "ip2"}, null, null,
                new double[] {34, 88, 92, 81});
    }

    /**
     * BERT-base's encoder: J. Devlin, M.-W. Chang, K. Lee, K. Toutanova, "BERT: Pre-training of deep
     * bidirectional transformers for language understanding", NAACL 2019: 12 layers, hidden 768, FFN
     * 3072, 12 heads, here over a sequence of 128 tokens. Names follow HuggingFace's BertModel, except
     * that its query, key and value (each 768 -> 768, reading the same input) are one fused linear
     * layer {@code qkv} whose output columns are query, key, value in that order: the same crossbars,
     * tiles and counts as three layers. Inputs of the Q/K/V and FFN layers are LayerNorm outputs
     * (normal), of the attention output the weighted values (normal), of the FFN's second layer GELU
     * outputs. Embeddings, pooler and task heads are left out: the encoder is 99 % of the work.
     */
    private static Network bertBase() {
        Builder b = new Builder("bert-base", 128, 768);
        for (int i = 0; i < 12; i++) {
            String layer = "encoder.layer." + i;
            b.encoder(layer + ".attention.self.qkv", layer + ".attention.self", layer + ".attention.output.dense",
                    layer + ".intermediate.dense", layer + ".output.dense", 768, 3072, 12);
        }
        return b.build();
    }

    /**
     * ViT-B/16: A. Dosovitskiy et al., "An image is worth 16x16 words: Transformers for image
     * recognition at scale", ICLR 2021: 224x224 images in 16x16 patches (196) plus a class token =
     * 197 tokens, 12 layers, hidden 768, MLP 3072, 12 heads. Names follow torchvision's
     * vit_b_16 ({@code conv_proj}, {@code encoder.layers.encoder_layer_N.self_attention.in_proj} for
     * its in_proj_weight, {@code out_proj}, {@code mlp.0}, {@code mlp.3}). The input is a normalised
     * image (signed, normal). The classification head, which reads the class token alone, is left out.
     */
    private static Network vitB16() {
        Builder b = new Builder("vit-b16", 3, 224, 224);
        b.layers.add(LayerSpec.conv("conv_proj", 768, 16, 16, 0).withActivationDraw(draw(ActivationDistribution.NORMAL)));
        b.layers.add(LayerSpec.tokens("class_token", 1)); // 14 x 14 patches + the class token
        for (int i = 0; i < 12; i++) {
            String layer = "encoder.layers.encoder_layer_" + i;
            b.encoder(layer + ".self_attention.in_proj", layer + ".self_attention", layer + ".self_attention.out_proj",
                    layer + ".mlp.0", layer + ".mlp.3", 768, 3072, 12);
        }
        return b.build();
    }

    private static ActivationDraw draw(ActivationDistribution d) {
        return new ActivationDraw(null, false, d);
    }

    /**
     * {@code base} renamed, with a published profile on each named layer (percentages; null arrays = all 0).
     * Every conv and fc layer of the base must be named, so no layer silently falls back to the global keys.
     */
    private static Network profiled(Network base, String name, String[] layers, double[] filterPct,
                                    double[] shapePct, double[] elementPct) {
        java.util.Map<String, PruningProfile> profiles = new java.util.HashMap<>();
        for (int i = 0; i < layers.length; i++) {
            profiles.put(layers[i], new PruningProfile(filterPct == null ? 0 : fraction(filterPct[i]),
                    shapePct == null ? 0 : fraction(shapePct[i]), fraction(elementPct[i])));
        }
        List<LayerSpec> out = new ArrayList<>();
        for (LayerSpec l : base.layers()) {
            PruningProfile p = profiles.remove(l.name());
            if (l.type().isMatrix() && p == null) {
                throw new IllegalStateException(name + ": no profile for layer " + l.name());
            }
            out.add(p == null ? l : l.withPruningProfile(p));
        }
        if (!profiles.isEmpty()) {
            throw new IllegalStateException(name + ": profiles for unknown layers " + profiles.keySet());
        }
        return new Network(name, base.input(), out);
    }

    /** A percentage as the decimal fraction it denotes (82.4 -> 0.824, not 0.8240000000000001). */
    private static double fraction(double percent) {
        return new java.math.BigDecimal(Double.toString(percent)).movePointLeft(2).doubleValue();
    }

    /** Writes a network layer by layer. */
    private static final class Builder {
        private final String name;
        private final List<Integer> input;
        private final List<LayerSpec> layers = new ArrayList<>();

        Builder(String name, Integer... input) {
            this.name = name;
            this.input = List.of(input);
        }

        Builder conv(String layer, int out, int kernel, int stride, int padding) {
            layers.add(LayerSpec.conv(layer, out, kernel, stride, padding));
            return this;
        }

        Builder convFrom(String layer, int out, int kernel, int stride, int padding, String from) {
            layers.add(LayerSpec.conv(layer, out, kernel, stride, padding).withFrom(from));
            return this;
        }

        Builder pool(String layer, int kernel, int stride, int padding) {
            layers.add(LayerSpec.pool(layer, kernel, stride, padding));
            return this;
        }

        Builder fc(String layer, int out) {
            layers.add(LayerSpec.fc(layer, out));
            return this;
        }

        /** One transformer encoder layer: fused Q/K/V, attention, its output projection, the two FFN layers. */
        Builder encoder(String qkv, String attention, String output, String ffn1, String ffn2, int d, int ffn,
                        int heads) {
            ActivationDraw normal = draw(ActivationDistribution.NORMAL);
            layers.add(LayerSpec.linear(qkv, 3 * d).withActivationDraw(normal));
            layers.add(LayerSpec.attention(attention, heads));
            layers.add(LayerSpec.linear(output, d).withActivationDraw(normal));
            layers.add(LayerSpec.linear(ffn1, ffn).withActivationDraw(normal));
            layers.add(LayerSpec.linear(ffn2, d).withActivationDraw(draw(ActivationDistribution.GELU)));
            return this;
        }

        Network build() {
            return new Network(name, input, layers);
        }
    }
}
