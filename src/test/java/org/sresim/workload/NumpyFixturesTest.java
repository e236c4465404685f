package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sresim.config.ConfigLoader;
import org.sresim.workload.Npy.NpyArray;

/** Files written by real numpy 2.4 ({@code src/test/resources/numpy/make_fixtures.py}). */
class NumpyFixturesTest {
    static Path fixture(String name) {
        try {
            return Path.of(NumpyFixturesTest.class.getResource("/numpy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"i1", "le_i2", "be_i2", "le_i4", "be_i4", "le_i8", "be_i8",
        "u1", "le_u2", "be_u2", "le_u4", "be_u4", "le_u8", "be_u8"})
    void everyIntegerDtypeInEitherByteOrderReadsTheSameMatrix(String name) {
        NpyArray a = Npy.read(fixture(name + ".npy"));
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.ints()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"le_f2", "be_f2", "le_f4", "be_f4", "le_f8", "be_f8"})
    void everyFloatDtypeInEitherByteOrderReadsTheSameMatrix(String name) {
        NpyArray a = Npy.read(fixture(name + ".npy"));
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.floats()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void boolReadsAsZeroAndOne() {
        assertThat(Npy.read(fixture("b1.npy")).ints()).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fortran_f4", "fortran_be_i8", "transposed_f8"})
    void fortranOrderArraysComeBackInCOrder(String name) {
        NpyArray a = Npy.read(fixture(name + ".npy"));
        assertThat(a.shape()).containsExactly(2, 3);
        if (a.isInteger()) {
            assertThat(a.ints()).containsExactly(0, 1, 2, 3, 4, 5);
        } else {
            assertThat(a.floats()).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void fortranOrderIn3dComesBackAsArange() {
        NpyArray a = Npy.read(fixture("fortran_3d_i2.npy"));
        assertThat(a.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 24; i++) {
            assertThat(a.ints()[i]).isEqualTo(i);
        }
    }

    @Test
    void complexAndStringsStayClearErrors() {
        assertThatThrownBy(() -> Npy.read(fixture("c16.npy"))).isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("c16.npy: complex dtype '<c16' is not supported");
        assertThatThrownBy(() -> Npy.read(fixture("unicode.npy"))).isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("unicode.npy: string dtype '<U2' is not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.npz", "model_compressed.npz"})
    void savezAndSavezCompressedArchivesReadEveryEntry(String name) throws IOException {
        Map<String, NpyArray> arrays;
        try (InputStream in = Files.newInputStream(fixture(name))) {
            arrays = Npz.read(in, name, n -> true);
        }
        assertThat(arrays.keySet()).containsExactly("conv1.weight", "conv1.input", "fc.weight", "fc.input");
        assertThat(arrays.get("fc.weight").descr()).isEqualTo("|i1");
        assertThat(arrays.get("fc.weight").ints()).startsWith(-2, -1, 0, 1, 2, -2);
        assertThat(arrays.get("fc.input").shape()).containsExactly(2, 12);
        assertThat(arrays.get("conv1.weight").shape()).containsExactly(3, 1, 2, 2);
        assertThat(arrays.get("conv1.input").descr()).isEqualTo("|u1");
    }

    @Test
    void aNetworkMatchingTheArchiveImportsItsBatch() {
        Network net = NetworkFile.parse("t.yaml", "t", """
                name: t
                input: [1, 3, 3]
                layers:
                  - {name: conv1, type: conv, out: 3, kernel: 2}
                  - {name: fc, type: fc, out: 4}
                """);
        ModelData data = ModelData.open(fixture("model_compressed.npz").toString(), FileOpener.LOCAL);
        assertThat(ImportedWorkload.check(data, net)).isEqualTo(2);
        WorkloadSettings s = WorkloadSettings.from(ConfigLoader.defaults());
        MatrixLayer fc = net.matrixLayers().get(1);
        assertThat(ImportedWorkload.load(data, fc, s, 0).inputs()).containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1);
        assertThat(ImportedWorkload.load(data, fc, s, 1).inputs()).containsExactly(2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3);
        // fc.weight [out=4, in=12] becomes the 12 x 4 matrix: row = input k, column = output n = file[n*12+k]
        assertThat(ImportedWorkload.load(data, fc, s, 0).weight(0, 2)).isEqualTo((short) 2); // 24 % 5 - 2
        assertThat(ImportedWorkload.load(data, fc, s, 0).weight(4, 1)).isEqualTo((short) -1); // 16 % 5 - 2
        assertThat(ModelData.sha256(fixture("model.npz").toString(), FileOpener.LOCAL))
                .isNotEqualTo(ModelData.sha256(fixture("model_compressed.npz").toString(), FileOpener.LOCAL));
    }

    @Test
    void checkNamesTheFileAndTheLayer() {
        Network other = NetworkFile.parse("t.yaml", "t", """
                name: t
                input: [1, 3, 3]
                layers:
                  - {name: conv1, type: conv, out: 3, kernel: 2}
                  - {name: fc, type: fc, out: 5}
                """);
        String npz = fixture("model.npz").toString();
        ModelData data = ModelData.open(npz, FileOpener.LOCAL);
        assertThatThrownBy(() -> ImportedWorkload.check(data, other)).isInstanceOf(WorkloadException.class)
                .hasMessage(npz + ":fc.weight.npy: layer 'fc' expects shape [5, 12] but the file holds [4, 12]");
        Network fewer = NetworkFile.parse("t.yaml", "t", """
                name: t
                input: [1, 3, 3]
                layers:
                  - {name: conv1, type: conv, out: 3, kernel: 2}
                """);
        assertThatThrownBy(() -> ImportedWorkload.check(data, fewer))
                .hasMessageContaining("fc.input.npy: network 't' has no layer 'fc'");
        assertThat(List.of(data.entries().toArray())).hasSize(4);
    }
}
