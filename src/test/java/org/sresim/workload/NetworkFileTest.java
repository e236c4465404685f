package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading network files, and the errors for bad ones. */
class NetworkFileTest {

    @TempDir
    Path dir;

    private Path write(String fileName, String text) throws Exception {
        Path file = dir.resolve(fileName);
        Files.writeString(file, text);
        return file;
    }

    private WorkloadException loadError(String fileName, String text) throws Exception {
        Path file = write(fileName, text);
        WorkloadException e = catchThrowableOfType(WorkloadException.class, () -> Networks.load(file));
        assertThat(e).as("loading %s should fail", text).isNotNull();
        assertThat(e.getMessage()).contains(fileName).doesNotContain("\n");
        return e;
    }

    // input [3,8,8]: c1 -> 4x8x8; p1 (k3 s2 p1) -> 4x4x4; c2 -> 8x4x4; c3 reads p1 -> 8x4x4; f1 flattens c3: 128
    private static final String TINY_YAML = """
            name: tiny
            input: [3, 8, 8]
            layers:
              - {name: c1, type: conv, out: 4, kernel: 3, padding: 1}
              - name: p1
                type: pool
                kernel: 3
                stride: 2
                padding: 1
              - {name: c2, type: conv, out: 8, kernel: 3, padding: 1, pruning.ratio: 0.5}
              - name: c3
                type: conv
                out: 8
                kernel: 1
                from: p1
                pruning: {ratio: 0.25}
                activation:
                  sparsity: 0.3
              # fc flattens whatever it reads
              - {name: f1, type: fc, out: 10, activation.sparsity: 0.1}
            """;

    private static void assertTiny(Network n) {
        assertThat(n.input()).containsExactly(3, 8, 8);
        assertThat(n.layers()).hasSize(5);
        assertThat(n.layers().get(1)).isEqualTo(LayerSpec.pool("p1", 3, 2, 1));
        assertThat(n.layers().get(0).stride()).isEqualTo(1);
        assertThat(n.layers().get(3).from()).isEqualTo("p1");
        List<MatrixLayer> ms = n.matrixLayers();
        assertThat(ms).extracting(MatrixLayer::name).containsExactly("c1", "c2", "c3", "f1");
        assertThat(ms).extracting(MatrixLayer::index).containsExactly(0, 1, 2, 3);
        assertThat(ms).extracting(MatrixLayer::rows).containsExactly(27, 36, 4, 128);
        assertThat(ms).extracting(MatrixLayer::cols).containsExactly(4, 8, 8, 10);
        assertThat(ms).extracting(MatrixLayer::windows).containsExactly(64, 16, 16, 1);
        assertThat(ms).extracting(MatrixLayer::inputElements).containsExactly(192L, 64L, 64L, 128L);
        assertThat(ms).extracting(MatrixLayer::pruningRatio).containsExactly(null, 0.5, 0.25, null);
        assertThat(ms).extracting(MatrixLayer::activationSparsity).containsExactly(null, null, 0.3, 0.1);
        MatrixLayer c3 = ms.get(2);
        assertThat(List.of(c3.inChannels(), c3.inHeight(), c3.inWidth(), c3.outHeight(), c3.outWidth()))
                .containsExactly(4, 4, 4, 4, 4);
        MatrixLayer f1 = ms.get(3);
        assertThat(List.of(f1.inChannels(), f1.inHeight(), f1.inWidth(), f1.kernel(), f1.stride(), f1.padding(),
                f1.outChannels(), f1.outHeight(), f1.outWidth())).containsExactly(128, 1, 1, 1, 1, 0, 10, 1, 1);
    }

    @Test
    void readsYaml() throws Exception {
        Network n = Networks.load(write("tiny.yaml", TINY_YAML));
        assertThat(n.name()).isEqualTo("tiny");
        assertTiny(n);
    }

    @Test
    void readsJson() throws Exception {
        String json = """
                {
                \t"input": [3, 8, 8],
                \t"layers": [
                \t\t{"name": "c1", "type": "conv", "out": 4, "kernel": 3, "padding": 1},
                \t\t{"name": "p1", "type": "pool", "kernel": 3, "stride": 2, "padding": 1},
                \t\t{"name": "c2", "type": "conv", "out": 8, "kernel": 3, "padding": 1, "pruning.ratio": 0.5},
                \t\t{"name": "c3", "type": "conv", "out": 8, "kernel": 1, "from": "p1",
                \t\t "pruning": {"ratio": 0.25}, "activation": {"sparsity": 0.3}},
                \t\t{"name": "f1", "type": "fc", "out": 10, "activation.sparsity": 0.1}
                \t]
                }
                """;
        Network n = Networks.load(write("tiny.json", json));
        assertThat(n.name()).isEqualTo("tiny");   // no 'name': the file name without its extension
        assertTiny(n);
        assertThat(n).isEqualTo(Networks.load(write("tiny.yaml", TINY_YAML)));
    }

    @Test
    void readsAnMlpAndNormalisesTheFcLayers() throws Exception {
        Network n = Networks.load(write("mlp.yml", """
                name: my-mlp
                input: [20]
                layers:
                  - {name: h, type: FC, out: 7.0}
                  - {name: o, type: fc, out: 3, from: null}
                """));
        assertThat(n.name()).isEqualTo("my-mlp");
        assertThat(n.layers()).containsExactly(LayerSpec.fc("h", 7), LayerSpec.fc("o", 3));
        assertThat(n.matrixLayers()).extracting(MatrixLayer::rows).containsExactly(20, 7);
    }

    @Test
    void aConvCanReadAOneByOneMapAndAPoolCanFollowIt() throws Exception {
        Network n = Networks.load(write("gap.yaml", """
                input: [8, 4, 4]
                layers:
                  - {name: gap, type: pool, kernel: 4}
                  - {name: c, type: conv, out: 2, kernel: 1}
                  - {name: p, type: pool, kernel: 1}
                  - {name: f, type: fc, out: 2}
                """));
        assertThat(n.matrixLayers()).extracting(MatrixLayer::rows).containsExactly(8, 2);
        assertThat(n.matrixLayers()).extracting(MatrixLayer::windows).containsExactly(1, 1);
    }

    static Stream<Arguments> layerErrors() {
        String head = "input: [1, 4, 4]\nlayers:\n";
        return Stream.of(
                Arguments.of("kernel larger than the padded input", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n"
                        + "  - {name: c2, type: conv, out: 2, kernel: 5}\n",
                        "c2", "tiny.yaml: layer 'c2': kernel 5 is larger than the padded input 4x4"),
                Arguments.of("kernel larger than the padded width", "input: [1, 8, 2]\nlayers:\n"
                        + "  - {name: c1, type: conv, out: 2, kernel: 3, padding: 0}\n",
                        "c1", "kernel 3 is larger than the padded input 8x2"),
                // the output size is floor((h + 2p - k) / s) + 1, below 1 exactly when the kernel does not fit
                Arguments.of("pool output size below 1", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n"
                        + "  - {name: p1, type: pool, kernel: 2, stride: 2}\n"
                        + "  - {name: p2, type: pool, kernel: 2, stride: 2}\n"
                        + "  - {name: p3, type: pool, kernel: 2, stride: 2}\n",
                        "p3", "kernel 2 is larger than the padded input 1x1"),
                Arguments.of("conv after fc", head
                        + "  - {name: f1, type: fc, out: 16}\n"
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n",
                        "c1", "a conv layer needs a [channels, height, width] input but reads the flat output of"
                                + " fc layer 'f1' (16 features)"),
                Arguments.of("pool on a 1-D input", "input: [784]\nlayers:\n"
                        + "  - {name: p1, type: pool, kernel: 2}\n"
                        + "  - {name: f1, type: fc, out: 10}\n",
                        "p1", "tiny.yaml: layer 'p1': a pool layer needs a [channels, height, width] input but"
                                + " reads the flat network input [784]"),
                Arguments.of("conv reading an fc through from", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n"
                        + "  - {name: f1, type: fc, out: 16}\n"
                        + "  - {name: c2, type: conv, out: 2, kernel: 1, from: f1}\n",
                        "c2", "reads the flat output of fc layer 'f1'"),
                Arguments.of("unknown from", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1, from: nope}\n",
                        "c1", "'from' refers to unknown layer 'nope'; it must name an earlier layer"),
                Arguments.of("from a later layer", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1, from: c2}\n"
                        + "  - {name: c2, type: conv, out: 2, kernel: 1}\n",
                        "c1", "'from' refers to the later layer 'c2'"),
                Arguments.of("from itself", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n"
                        + "  - {name: c2, type: conv, out: 2, kernel: 1, from: c2}\n",
                        "c2", "'from' refers to the layer itself"),
                Arguments.of("duplicate layer names", head
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n"
                        + "  - {name: c1, type: conv, out: 2, kernel: 1}\n",
                        "c1", "duplicate layer name (layers #1 and #2)"),
                Arguments.of("conv without out", head
                        + "  - {name: c1, type: conv, kernel: 1}\n",
                        "c1", "a conv layer needs 'out' (output channels)"),
                Arguments.of("fc without out", head
                        + "  - {name: f1, type: fc}\n",
                        "f1", "an fc layer needs 'out' (output features)"),
                Arguments.of("conv without kernel", head
                        + "  - {name: c1, type: conv, out: 2}\n",
                        "c1", "a conv layer needs 'kernel'"),
                Arguments.of("pool with out", head
                        + "  - {name: p1, type: pool, out: 1, kernel: 2}\n",
                        "p1", "a pool layer keeps its input channels and takes no 'out'"),
                Arguments.of("fc with kernel", head
                        + "  - {name: f1, type: fc, out: 2, kernel: 1}\n",
                        "f1", "an fc layer takes no 'kernel'"),
                Arguments.of("zero out", head
                        + "  - {name: c1, type: conv, out: 0, kernel: 1}\n",
                        "c1", "'out' must be >= 1, got 0"),
                Arguments.of("negative out", head
                        + "  - {name: f1, type: fc, out: -3}\n",
                        "f1", "'out' must be >= 1, got -3"),
                Arguments.of("zero kernel", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 0}\n",
                        "c1", "'kernel' must be >= 1, got 0"),
                Arguments.of("zero stride", head
                        + "  - {name: p1, type: pool, kernel: 2, stride: 0}\n",
                        "p1", "'stride' must be >= 1, got 0"),
                Arguments.of("negative padding", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, padding: -1}\n",
                        "c1", "'padding' must be >= 0, got -1"),
                Arguments.of("pruning ratio 1", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning.ratio: 1.0}\n",
                        "c1", "'pruning.ratio' must be in [0, 1), got 1.0"),
                Arguments.of("negative pruning ratio", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning: {ratio: -0.1}}\n",
                        "c1", "'pruning.ratio' must be in [0, 1), got -0.1"),
                Arguments.of("activation sparsity 1", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, activation.sparsity: 1}\n",
                        "c1", "'activation.sparsity' must be in [0, 1), got 1"),
                Arguments.of("nested activation sparsity above 1", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, activation: {sparsity: 1.5}}\n",
                        "c1", "'activation.sparsity' must be in [0, 1), got 1.5"),
                Arguments.of("pruning ratio given twice", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning.ratio: 0.1, pruning: {ratio: 0.2}}\n",
                        "c1", "'pruning.ratio' is given twice"),
                Arguments.of("pruning written as a number", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning: 0.5}\n",
                        "c1", "'pruning' must be a map like {ratio: 0.5} (or write 'pruning.ratio: 0.5'), got 0.5"),
                Arguments.of("unknown type", head
                        + "  - {name: r1, type: relu}\n",
                        "r1", "unknown type 'relu' (allowed: conv, fc, linear, pool, attention, tokens)"),
                Arguments.of("missing type", head
                        + "  - {name: c1, out: 1, kernel: 1}\n",
                        "c1", "missing 'type' (allowed: conv, fc, linear, pool, attention, tokens)"),
                Arguments.of("unknown layer key", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, strid: 2}\n",
                        "c1", "tiny.yaml: layer 'c1': unknown key 'strid' (allowed: name, type, out, kernel, stride,"
                                + " padding, from, heads, class-tokens, pruning.ratio, pruning.filter, pruning.shape,"
                                + " pruning.element, activation.sparsity, activation.scale-bits, activation.draw,"
                                + " activation.distribution, ou.rows, ou.cols, adc.bits)"),
                Arguments.of("unknown nested key", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning: {rate: 0.5}}\n",
                        "c1", "unknown key 'pruning.rate' (allowed: "),
                Arguments.of("unknown dotted key", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, activation.ratio: 0.5}\n",
                        "c1", "unknown key 'activation.ratio' (allowed: "),
                Arguments.of("out is not a number", head
                        + "  - {name: c1, type: conv, out: abc, kernel: 1}\n",
                        "c1", "'out' must be an integer, got 'abc'"),
                Arguments.of("kernel is a fraction", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 2.5}\n",
                        "c1", "'kernel' must be an integer, got 2.5"),
                Arguments.of("stride is a list", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, stride: [1, 1]}\n",
                        "c1", "'stride' must be an integer, got [1,1]"),
                Arguments.of("out is too large", head
                        + "  - {name: f1, type: fc, out: 99999999999}\n",
                        "f1", "'out' is too large: 99999999999"),
                Arguments.of("ratio is text", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning.ratio: half}\n",
                        "c1", "'pruning.ratio' must be a number in [0, 1), got 'half'"),
                Arguments.of("from is a map", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1}\n"
                        + "  - {name: c2, type: conv, out: 1, kernel: 1, from: {layer: c1}}\n",
                        "c2", "'from' must name an earlier layer, got a map {\"layer\":\"c1\"}"),
                Arguments.of("missing name", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1}\n"
                        + "  - {type: conv, out: 1, kernel: 1}\n",
                        "#2", "tiny.yaml: layer #2: missing 'name'"),
                Arguments.of("misspelt name", head
                        + "  - {nmae: c1, type: conv, out: 1, kernel: 1}\n",
                        "#1", "tiny.yaml: layer #1: unknown key 'nmae'"),
                Arguments.of("layer is not a map", head
                        + "  - conv\n",
                        "#1", "tiny.yaml: layer #1 must be a map"),
                Arguments.of("ou rows a fraction (a binding error)", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, ou.rows: 2.5}\n",
                        "c1", "tiny.yaml: layer 'c1': 'ou.rows' must be an integer in 1..4096, got 2.5"),
                Arguments.of("ou rows out of range (a check after binding)", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, ou: {rows: 5000}}\n",
                        "c1", "tiny.yaml: layer 'c1': 'ou.rows' must be an integer in 1..4096, got 5000"),
                Arguments.of("scale bits as text", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, activation: {scale-bits: x}}\n",
                        "c1", "tiny.yaml: layer 'c1': 'activation.scale-bits' must be a number in [-8, 24], got 'x'"),
                Arguments.of("adc bits a fraction", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, adc.bits: 5.5}\n",
                        "c1", "tiny.yaml: layer 'c1': 'adc.bits' must be auto or an integer in 1..16, got 5.5"),
                Arguments.of("adc bits as quoted text", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, adc: {bits: '5'}}\n",
                        "c1", "tiny.yaml: layer 'c1': 'adc.bits' must be auto or an integer in 1..16, got '5'"),
                Arguments.of("out as quoted text", head
                        + "  - {name: c1, type: conv, out: '3', kernel: 1}\n",
                        "c1", "tiny.yaml: layer 'c1': 'out' must be an integer, got '3'"),
                Arguments.of("out as a boolean", head
                        + "  - {name: c1, type: conv, out: true, kernel: 1}\n",
                        "c1", "tiny.yaml: layer 'c1': 'out' must be an integer, got true"),
                Arguments.of("the first problem in file order is the one reported", head
                        + "  - {out: x, name: c1, type: conv, strid: 1}\n",
                        "c1", "tiny.yaml: layer 'c1': 'out' must be an integer, got 'x'"),
                Arguments.of("a group given twice, nested first", head
                        + "  - {name: c1, type: conv, out: 1, kernel: 1, pruning: {ratio: 0.5}, pruning.ratio: 0.2}\n",
                        "c1", "'pruning.ratio' is given twice"),
                Arguments.of("a layer entry that is a list", head
                        + "  - [1, 2]\n",
                        "#1", "tiny.yaml: layer #1 must be a map with keys name, type, out"),
                Arguments.of("no conv or fc layer", head
                        + "  - {name: p1, type: pool, kernel: 2}\n"
                        + "  - {name: p2, type: pool, kernel: 1}\n",
                        "p1", "tiny.yaml: the network has no conv, fc or linear layer (layers: p1, p2)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerErrors")
    void layerErrorsNameTheFileAndTheLayer(String description, String yaml, String layer, String message)
            throws Exception {
        WorkloadException e = loadError("tiny.yaml", yaml);
        assertThat(e.getMessage()).contains(layer.startsWith("#") ? "layer " + layer : layer);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.getMessage()).startsWith(dir.resolve("tiny.yaml").toString() + ": ");
    }

    static Stream<Arguments> fileErrors() {
        String layers = "layers:\n  - {name: f1, type: fc, out: 1}\n";
        return Stream.of(
                Arguments.of("empty layer list", "input: [4]\nlayers: []\n", "'layers' is empty"),
                Arguments.of("layers missing", "input: [4]\n", "missing 'layers'"),
                Arguments.of("layers not a list", "input: [4]\nlayers: {name: f1}\n", "'layers' must be a list"),
                Arguments.of("unknown top-level key", "input: [4]\nlayer: []\n" + layers,
                        "unknown key 'layer' (allowed: name, input, layers)"),
                Arguments.of("input missing", layers, "missing 'input'"),
                Arguments.of("input with four sizes", "input: [3, 4, 5, 6]\n" + layers,
                        "'input' must be [channels, height, width], [tokens, features] or [features] (integers),"
                                + " got [3,4,5,6]"),
                Arguments.of("input not integers", "input: [3, a, 4]\n" + layers, "'input' must be"),
                Arguments.of("input not a list", "input: 4\n" + layers, "'input' must be"),
                Arguments.of("layers a number", "input: [4]\nlayers: 5\n", "'layers' must be a list of layers, got 5"),
                Arguments.of("input a fraction", "input: [3.5]\n" + layers,
                        "'input' must be [channels, height, width], [tokens, features] or [features] (integers), got [3.5]"),
                Arguments.of("name a list", "name: [a]\ninput: [4]\n" + layers, "'name' must be a non-empty text, got [\"a\"]"),
                Arguments.of("input zero", "input: [0, 4, 4]\n" + layers, "'input' sizes must be >= 1, got [0, 4, 4]"),
                Arguments.of("name empty", "name: ''\ninput: [4]\n" + layers, "'name' must be a non-empty text"),
                Arguments.of("not a map", "- 1\n- 2\n", "must be a map with keys name, input, layers"),
                Arguments.of("empty file", "", "the network file is empty"),
                Arguments.of("comment only", "# nothing here\n", "the network file is empty"),
                Arguments.of("invalid YAML", "input: [4\nlayers: x\n", "not valid YAML/JSON"),
                Arguments.of("duplicate key", "input: [4]\ninput: [5]\n" + layers, "key 'input' is written twice (lines 1 and 2)"),
                Arguments.of("duplicate layer key", "input: [4]\nlayers:\n  - {name: f1, type: fc, out: 1, out: 2}\n",
                        "key 'out' is written twice (lines 3 and 3)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileErrors")
    void fileErrorsNameTheFile(String description, String yaml, String message) throws Exception {
        WorkloadException e = loadError("bad.yaml", yaml);
        assertThat(e.getMessage()).startsWith(dir.resolve("bad.yaml").toString() + ": ").contains(message);
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("absent.yaml");
        WorkloadException e = catchThrowableOfType(WorkloadException.class, () -> Networks.load(file));
        assertThat(e).hasMessage(file + ": no such network file");
    }

    @Test
    void theNetworkNameDefaultsToTheFileName() throws Exception {
        Network n = Networks.load(write("my.net.yaml", "input: [4]\nlayers:\n  - {name: f, type: fc, out: 2}\n"));
        assertThat(n.name()).isEqualTo("my.net");
    }

    @Test
    void syntaxErrorsGiveTheProblemAndItsLine() throws Exception {
        WorkloadException yaml = loadError("bad.yaml", "input: [4]\nlayers:\n  - {name: f, type: fc, out: 2\n");
        assertThat(yaml.getMessage()).contains("bad.yaml: not valid YAML/JSON: ").contains("(line 4, column 1)");
        WorkloadException json = loadError("bad.json", "{\n\t\"input\": [4],\n\t\"layers\": [}\n");
        assertThat(json.getMessage()).contains("bad.json: not valid YAML/JSON: ").contains("line 3");
        WorkloadException dup = loadError("dup.yaml", "input: [4]\ninput: [5]\n");
        assertThat(dup.getMessage()).endsWith("dup.yaml: key 'input' is written twice (lines 1 and 2)");
        WorkloadException two = loadError("two.yaml", "input: [4]\n---\ninput: [5]\n");
        assertThat(two.getMessage()).contains("two.yaml: not valid YAML/JSON: more than one document");
    }

    @Test
    void aLayerMaySetItsActivationScaleAndDraw() throws Exception {
        Network n = Networks.load(write("draw.yaml", """
                input: [8]
                layers:
                  - {name: f1, type: fc, out: 4, activation: {sparsity: 0.25, scale-bits: 11.5, draw: stratified}}
                  - {name: f2, type: fc, out: 2, activation.scale-bits: 9}
                """));
        assertThat(n.layers().get(0).activationDraw()).isEqualTo(new ActivationDraw(11.5, true));
        assertThat(n.layers().get(1).activationDraw()).isEqualTo(new ActivationDraw(9.0, false));
        assertThat(n.matrixLayers().get(0).activationDraw()).isEqualTo(new ActivationDraw(11.5, true));
    }

    @Test
    void badActivationDrawsAreOneLineErrors() throws Exception {
        assertThat(loadError("d1.yaml", "input: [8]\nlayers:\n  - {name: f1, type: fc, out: 4, activation: {draw: sorted}}\n")
                .getMessage()).contains("layer 'f1'").contains("'activation.draw' must be random or stratified");
        assertThat(loadError("d2.yaml", "input: [8]\nlayers:\n  - {name: f1, type: fc, out: 4, activation: {scale-bits: 30}}\n")
                .getMessage()).contains("'activation.scale-bits' must be a number in [-8, 24], got 30");
        assertThat(loadError("d3.yaml", "input: [1, 4, 4]\nlayers:\n  - {name: p, type: pool, kernel: 2, activation: {scale-bits: 3}}\n"
                + "  - {name: f1, type: fc, out: 2}\n").getMessage()).contains("a pool layer draws no activations");
    }
}
