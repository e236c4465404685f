package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.sresim.workload.Npy.NpyArray;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    /** A .npy file built by hand: prefix for the version, dict, spaces + '\n' to a multiple of 64, data. */
    private Path handBuilt(String fileName, int major, String dict, byte[] data) throws IOException {
        int prefix = major == 1 ? 10 : 12;
        int unpadded = dict.length() + 1;
        int padding = (64 - (prefix + unpadded) % 64) % 64;
        byte[] text = (dict + " ".repeat(padding) + "\n")
                .getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) text.length);
        } else {
            len.putInt(text.length);
        }
        out.write(len.array());
        out.write(text);
        out.write(data);
        Path file = dir.resolve(fileName);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static String dict(String descr, String fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    private static byte[] int32s(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private NpyArray roundTrip(NpyArray array) {
        Path file = dir.resolve("a.npy");
        NpyWriter.write(file, array);
        return Npy.read(file);
    }

    private static int[] shape(int... dims) {
        return dims;
    }

    // ------------------------------------------------------------------ round trips

    static Stream<Arguments> integerDtypes() {
        return Stream.of(
                Arguments.of("|i1", Byte.MIN_VALUE, Byte.MAX_VALUE),
                Arguments.of("<i1", Byte.MIN_VALUE, Byte.MAX_VALUE),
                Arguments.of("<i2", Short.MIN_VALUE, Short.MAX_VALUE),
                Arguments.of("<i4", Integer.MIN_VALUE, Integer.MAX_VALUE),
                Arguments.of("<i8", Long.MIN_VALUE, Long.MAX_VALUE),
                Arguments.of(">i2", Short.MIN_VALUE, Short.MAX_VALUE),
                Arguments.of(">i4", Integer.MIN_VALUE, Integer.MAX_VALUE),
                Arguments.of(">i8", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"|u1", "<u2", ">u2", "<u4", ">u4", "<u8", ">u8", "|b1"})
    void roundTripsUnsignedAndBoolDtypesOverTheirWholeRange(String descr) {
        Npy.Dtype d = Npy.dtype(descr);
        long max = d.kind() == 'b' ? 1 : d.size() == 8 ? Long.MAX_VALUE : (1L << (8 * d.size())) - 1;
        NpyArray vector = NpyArray.ofInts(descr, shape(2, 2), new long[] {0, 1, max / 2, max});
        assertThat(roundTrip(vector)).isEqualTo(vector);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integerDtypes")
    void roundTripsIntegerDtypesIn0d1dAnd4dShapes(String descr, long min, long max) {
        NpyArray scalar = NpyArray.ofInts(descr, shape(), new long[] {-7});
        assertThat(roundTrip(scalar)).isEqualTo(scalar);

        NpyArray vector = NpyArray.ofInts(descr, shape(6), new long[] {min, -1, 0, 1, 42, max});
        assertThat(roundTrip(vector)).isEqualTo(vector);

        long[] values = new long[2 * 3 * 1 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 2 == 0 ? -i : i) * 5L;
        }
        values[0] = min;
        values[values.length - 1] = max;
        NpyArray tensor = NpyArray.ofInts(descr, shape(2, 3, 1, 4), values);
        NpyArray back = roundTrip(tensor);
        assertThat(back).isEqualTo(tensor);
        assertThat(back.descr()).isEqualTo(descr);
        assertThat(back.isInteger()).isTrue();
        assertThat(back.floats()).isNull();
        assertThat(back.shapeString()).isEqualTo("[2, 3, 1, 4]");
        assertThat(back.size()).isEqualTo(24);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<f4", "<f8", ">f4", ">f8"})
    void roundTripsFloatDtypesIn0d1dAnd4dShapes(String descr) {
        NpyArray scalar = NpyArray.ofFloats(descr, shape(), new double[] {-2.5});
        assertThat(roundTrip(scalar)).isEqualTo(scalar);

        double[] special = {-1.5, -0.0, 0.0, 0.25, 1e30, -3e-20, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] representable = Arrays.stream(special)
                .map(v -> descr.endsWith("f4") ? (double) (float) v : v).toArray();
        NpyArray vector = NpyArray.ofFloats(descr, shape(representable.length), representable);
        assertThat(roundTrip(vector)).isEqualTo(vector);

        double[] values = new double[3 * 1 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i - 6) * 0.125;
        }
        NpyArray tensor = NpyArray.ofFloats(descr, shape(3, 1, 2, 2), values);
        NpyArray back = roundTrip(tensor);
        assertThat(back).isEqualTo(tensor);
        assertThat(back.isInteger()).isFalse();
        assertThat(back.ints()).isNull();
        assertThat(back.shapeString()).isEqualTo("[3, 1, 2, 2]");
    }

    @Test
    void float32WriteRoundsLikeACastToFloat() {
        NpyArray array = NpyArray.ofFloats("<f4", shape(3), new double[] {0.1, -1e-50, 1e300});
        assertThat(roundTrip(array).floats())
                .containsExactly((double) 0.1f, -0.0, Double.POSITIVE_INFINITY);
    }

    @Test
    void float64KeepsExactBitsIncludingSubnormals() {
        double[] values = {Double.MIN_VALUE, -Double.MAX_VALUE, Math.PI, Math.nextUp(1.0)};
        assertThat(roundTrip(NpyArray.ofFloats("<f8", shape(4), values)).floats()).containsExactly(values);
    }

    @Test
    void roundTripsZeroSizedArrays() {
        NpyArray empty = NpyArray.ofInts("<i4", shape(0), new long[0]);
        assertThat(roundTrip(empty)).isEqualTo(empty);
        NpyArray emptyMatrix = NpyArray.ofFloats("<f8", shape(4, 0, 2), new double[0]);
        NpyArray back = roundTrip(emptyMatrix);
        assertThat(back).isEqualTo(emptyMatrix);
        assertThat(back.size()).isZero();
    }

    @Test
    void roundTripsArraysSpanningManyIoChunks() {
        int n = 1_000_003; // 4 MB of int32 and 8 MB of float64, not a multiple of the 1 MiB chunk
        long[] ints = new long[n];
        double[] floats = new double[n];
        for (int i = 0; i < n; i++) {
            ints[i] = (i * 2_654_435_761L) % 2_000_000_000L - 1_000_000_000L;
            floats[i] = i * -0.5;
        }
        NpyArray intArray = NpyArray.ofInts("<i4", shape(n), ints);
        assertThat(roundTrip(intArray)).isEqualTo(intArray);
        NpyArray floatArray = NpyArray.ofFloats("<f8", shape(n), floats);
        assertThat(roundTrip(floatArray)).isEqualTo(floatArray);
        NpyArray byteArray = NpyArray.ofInts("|i1", shape(n), Arrays.stream(ints).map(v -> (byte) v).toArray());
        assertThat(roundTrip(byteArray)).isEqualTo(byteArray);
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("a.npy");
        Files.write(file, new byte[10_000]);
        NpyArray small = NpyArray.ofInts("<i2", shape(1), new long[] {3});
        NpyWriter.write(file, small);
        assertThat(Files.size(file)).isEqualTo(128 + 2);
        assertThat(Npy.read(file)).isEqualTo(small);
    }

    // ------------------------------------------------------------------ exact bytes

    @Test
    void headerMatchesAHandBuiltNumpyV1Header() throws IOException {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int headerLength = 128 - 10; // smallest multiple of 64 holding 10 + dict + '\n'
        assertThat(10 + dict.length() + 1).isLessThanOrEqualTo(128);
        expected.write(headerLength & 0xff); // little-endian uint16
        expected.write(headerLength >> 8);
        expected.write(dict.getBytes(StandardCharsets.US_ASCII));
        expected.write(" ".repeat(headerLength - dict.length() - 1).getBytes(StandardCharsets.US_ASCII));
        expected.write('\n');
        byte[] expectedHeader = expected.toByteArray();
        assertThat(expectedHeader).hasSize(128);

        Path file = dir.resolve("small.npy");
        NpyWriter.write(file, NpyArray.ofInts("<i4", shape(2, 3), new long[] {-3, -2, -1, 0, 1, 2}));
        byte[] written = Files.readAllBytes(file);

        assertThat(Arrays.copyOf(written, 128)).isEqualTo(expectedHeader);
        assertThat(Arrays.copyOfRange(written, 128, written.length)).isEqualTo(int32s(-3, -2, -1, 0, 1, 2));
        assertThat(NpyWriter.header("<i4", shape(2, 3))).isEqualTo(expectedHeader);
    }

    @Test
    void shapeTuplesAreFormattedLikePython() {
        assertThat(NpyWriter.shapeTuple(shape())).isEqualTo("()");
        assertThat(NpyWriter.shapeTuple(shape(5))).isEqualTo("(5,)");
        assertThat(NpyWriter.shapeTuple(shape(2, 3))).isEqualTo("(2, 3)");
        assertThat(NpyWriter.shapeTuple(shape(64, 3, 3, 3))).isEqualTo("(64, 3, 3, 3)");
    }

    @Test
    void headersAreAlwaysAMultipleOf64AndEndInNewline() {
        for (int[] s : new int[][] {shape(), shape(1), shape(123456789), shape(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}) {
            byte[] header = NpyWriter.header("<f8", s);
            assertThat(header.length % 64).as(Arrays.toString(s)).isZero();
            assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
            int declared = (header[8] & 0xff) | (header[9] & 0xff) << 8;
            assertThat(declared).isEqualTo(header.length - 10);
        }
    }

    /** Output of numpy 2.4 {@code np.save} for the same arrays (hex), to be matched byte for byte. */
    static Stream<Arguments> numpySaveOutput() {
        String i4Header = "934e554d5059010076007b276465736372273a20273c6934272c2027666f727472616e5f6f7264"
                + "6572273a2046616c73652c20277368617065273a2028322c2033292c207d" + "20".repeat(58) + "0a";
        return Stream.of(
                Arguments.of(NpyArray.ofInts("<i4", shape(2, 3), new long[] {-3, -2, -1, 0, 1, 2}),
                        i4Header + "fdfffffffeffffffffffffff000000000100000002000000"),
                Arguments.of(NpyArray.ofInts("|i1", shape(), new long[] {-5}),
                        "934e554d5059010076007b276465736372273a20277c6931272c2027666f727472616e5f6f72"
                                + "646572273a2046616c73652c20277368617065273a2028292c207d" + "20".repeat(62)
                                + "0afb"),
                Arguments.of(NpyArray.ofFloats("<f8", shape(5),
                                new double[] {-1.5, 0, 2.25, 1e300, Double.NEGATIVE_INFINITY}),
                        "934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72"
                                + "646572273a2046616c73652c20277368617065273a2028352c292c207d" + "20".repeat(60)
                                + "0a000000000000f8bf000000000000000000000000000002409c7500883ce4377e"
                                + "000000000000f0ff"),
                Arguments.of(NpyArray.ofFloats("<f4", shape(1, 2, 1, 2), new double[] {-1, 0.5, 3, 0.001f}),
                        "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72"
                                + "646572273a2046616c73652c20277368617065273a2028312c20322c20312c2032292c20"
                                + "7d" + "20".repeat(52) + "0a000080bf0000003f000040406f12833a"),
                Arguments.of(NpyArray.ofInts("<i8", shape(3), new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 7}),
                        "934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f72"
                                + "646572273a2046616c73652c20277368617065273a2028332c292c207d" + "20".repeat(60)
                                + "0a0000000000000080ffffffffffffff7f0700000000000000"),
                Arguments.of(NpyArray.ofInts("<i2", shape(12345, 0), new long[0]),
                        "934e554d5059010076007b276465736372273a20273c6932272c2027666f727472616e5f6f72"
                                + "646572273a2046616c73652c20277368617065273a202831323334352c2030292c207d"
                                + "20".repeat(54) + "0a"),
                // here 10 + dict + growth room + '\n' is already a multiple of 64: numpy still adds 64 spaces
                Arguments.of(NpyArray.ofInts("<i2", shape(1, 1000, 123456, 1, 1, 1, 1, 1, 1, 1, 1, 0), new long[0]),
                        "934e554d50590100b6007b276465736372273a20273c6932272c2027666f727472616e5f6f72"
                                + "646572273a2046616c73652c20277368617065273a2028312c20313030302c2031323334"
                                + "35362c20312c20312c20312c20312c20312c20312c20312c20312c2030292c207d"
                                + "20".repeat(84) + "0a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpySaveOutput")
    void writesExactlyWhatNumpySaveWritesAndReadsIt(NpyArray array, String numpyHex) throws IOException {
        byte[] numpyBytes = HexFormat.of().parseHex(numpyHex);
        Path ours = dir.resolve("ours.npy");
        NpyWriter.write(ours, array);
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(ours))).isEqualTo(numpyHex);

        Path theirs = dir.resolve("theirs.npy");
        Files.write(theirs, numpyBytes);
        assertThat(Npy.read(theirs)).isEqualTo(array);
    }

    // ------------------------------------------------------------------ other valid inputs

    @Test
    void readsAHandBuiltVersion2Header() throws IOException {
        Path file = handBuilt("v2.npy", 2, dict("<i4", "False", "(3,)"), int32s(7, -8, 9));
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[6]).isEqualTo((byte) 2);
        assertThat(ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(128 - 12);

        NpyArray array = Npy.read(file);
        assertThat(array).isEqualTo(NpyArray.ofInts("<i4", shape(3), new long[] {7, -8, 9}));
    }

    @Test
    void readsAVersion2HeaderLongerThan64KiB() throws IOException {
        String dict = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }" + " ".repeat(70_000);
        Path file = handBuilt("long.npy", 2, dict, new byte[] {1, 0, (byte) 0xff, (byte) 0xff});
        assertThat(Npy.read(file).ints()).containsExactly(1, -1);
    }

    @Test
    void readsAHandBuiltVersion3Header() throws IOException {
        Path file = handBuilt("v3.npy", 3, dict("<f4", "False", "(1, 2)"), ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array());
        assertThat(Npy.read(file)).isEqualTo(NpyArray.ofFloats("<f4", shape(1, 2), new double[] {1.5, -2}));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<i4'}",
        "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (2,3)}",
        "{'descr':'<i4','fortran_order':False,'shape':(2L, 3L),}",
        "  {  'descr' : '<i4' ,\t'fortran_order' : False , 'shape' : ( 2 , 3 , ) }  "
    })
    void acceptsAnyValidSpellingOfTheHeaderDict(String dict) throws IOException {
        Path file = handBuilt("spelling.npy", 1, dict, int32s(1, 2, 3, 4, 5, 6));
        assertThat(Npy.read(file)).isEqualTo(NpyArray.ofInts("<i4", shape(2, 3), new long[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void readsTheFirstOfSeveralArraysSavedIntoOneFileLikeNumpyLoad() throws IOException {
        Path file = dir.resolve("two.npy");
        Files.write(file, HexFormat.of().parseHex("934e554d5059010076007b276465736372273a20273c6934272c20"
                + "27666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c292c207d"
                + "20".repeat(60) + "0a0100000002000000934e554d5059010076007b276465736372273a20273c663827"
                + "2c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028312c292c207d"
                + "20".repeat(60) + "0a0000000000000840"));
        assertThat(Npy.read(file)).isEqualTo(NpyArray.ofInts("<i4", shape(2), new long[] {1, 2}));
    }

    // ------------------------------------------------------------------ bad input

    @ParameterizedTest
    @ValueSource(strings = {"<c16", "|O", "<U3", "|S4", "<M8[ns]", "=i4", "i4", "<i4 ", "<i16", "|i2", "<f16",
        "<b2", "<c8", "|V8"})
    void unsupportedDtypesAreRejected(String descr) throws IOException {
        Path file = handBuilt("bad-dtype.npy", 1, dict(descr, "False", "(1,)"), new byte[16]);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("dtype '" + descr + "' is not supported")
                .hasMessageStartingWith("bad-dtype.npy: ");
    }

    @Test
    void complexAndStringDtypesAreNamedInTheMessage() throws IOException {
        Path complex = handBuilt("c.npy", 1, dict("<c16", "False", "(1,)"), new byte[16]);
        assertThatThrownBy(() -> Npy.read(complex)).hasMessage("c.npy: complex dtype '<c16' is not supported"
                + " (allowed: bool, int8-64, uint8-64, float16/32/64, little- or big-endian)");
        Path string = handBuilt("s.npy", 1, dict("<U3", "False", "(1,)"), new byte[16]);
        assertThatThrownBy(() -> Npy.read(string)).hasMessageStartingWith("s.npy: string dtype '<U3'");
        Path object = handBuilt("o.npy", 1, dict("|O", "False", "(1,)"), new byte[16]);
        assertThatThrownBy(() -> Npy.read(object)).hasMessageStartingWith("o.npy: object dtype '|O'");
    }

    @Test
    void structuredDtypesAreRejected() throws IOException {
        Path file = handBuilt("record.npy", 1,
                "{'descr': [('x', '<i4'), ('y', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[12]);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("record.npy: structured dtype [('x', '<i4'), ('y', '<f8')] is not supported"
                        + " (allowed: bool, int8-64, uint8-64, float16/32/64, little- or big-endian)");
    }

    @Test
    void bigEndianIntsAreRead() throws IOException {
        Path file = handBuilt("conv1.weight.npy", 1, dict(">i4", "False", "(2,)"), new byte[] {0, 0, 0, 1, -1, -1, -1, -2});
        assertThat(Npy.read(file).ints()).containsExactly(1, -2);
    }

    @Test
    void fortranOrderIsReorderedToCOrder() throws IOException {
        // the 2x3 matrix [[1, 2, 3], [4, 5, 6]] column by column
        Path file = handBuilt("fortran.npy", 1, dict("<i4", "True", "(2, 3)"), int32s(1, 4, 2, 5, 3, 6));
        assertThat(Npy.read(file)).isEqualTo(NpyArray.ofInts("<i4", shape(2, 3), new long[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void fortranOrderIn3dMatchesTheFortranIndexFormula() throws IOException {
        int[] s = {2, 3, 4};
        int[] f = new int[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    f[i + 2 * j + 6 * k] = 100 * i + 10 * j + k; // Fortran offset of (i, j, k)
                }
            }
        }
        Path file = handBuilt("f3.npy", 1, dict("<i4", "True", "(2, 3, 4)"), int32s(f));
        long[] c = Npy.read(file).ints();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(c[12 * i + 4 * j + k]).isEqualTo(100 * i + 10 * j + k);
                }
            }
        }
    }

    @Test
    void boolIsReadAsZeroAndOne() throws IOException {
        Path file = handBuilt("mask.npy", 1, dict("|b1", "False", "(3,)"), new byte[] {1, 0, 1});
        assertThat(Npy.read(file).ints()).containsExactly(1, 0, 1);
    }

    @Test
    void halfPrecisionConvertsExactly() {
        assertThat(Npy.halfToDouble((short) 0x3c00)).isEqualTo(1.0);
        assertThat(Npy.halfToDouble((short) 0xc000)).isEqualTo(-2.0);
        assertThat(Npy.halfToDouble((short) 0x7bff)).isEqualTo(65504.0);
        assertThat(Npy.halfToDouble((short) 0x0001)).isEqualTo(Math.pow(2, -24));
        assertThat(Npy.halfToDouble((short) 0x3555)).isEqualTo(0.333251953125);
        assertThat(Npy.halfToDouble((short) 0x7c00)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Npy.halfToDouble((short) 0x7e00)).isNaN();
    }

    @Test
    void uint64AboveLongMaxIsRejected() throws IOException {
        byte[] data = new byte[8];
        java.util.Arrays.fill(data, (byte) -1);
        Path file = handBuilt("big.npy", 1, dict("<u8", "False", "(1,)"), data);
        assertThatThrownBy(() -> Npy.read(file))
                .hasMessage("big.npy: uint64 value 18446744073709551615 at flat index 0 is larger than 2^63-1");
    }

    @Test
    void truncatedDataIsRejected() throws IOException {
        Path file = handBuilt("short.npy", 1, dict("<i8", "False", "(2, 2)"), new byte[31]);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("short.npy: truncated data: shape [2, 2] of '<i8' needs 32 bytes"
                        + " but only 31 follow the header");
    }

    @Test
    void badMagicIsRejected() throws IOException {
        Path file = dir.resolve("weights.npy");
        byte[] bytes = Files.readAllBytes(handBuilt("good.npy", 1, dict("<i4", "False", "(1,)"), int32s(1)));
        bytes[1] = 'X';
        Files.write(file, bytes);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("weights.npy: not a .npy file (missing magic string \\x93NUMPY)");
    }

    @Test
    void npzAndTextFilesAreRejectedAsBadMagic() throws IOException {
        Path zip = dir.resolve("model.npz");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 0, 0});
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        Path tiny = dir.resolve("tiny.npy");
        Files.write(tiny, new byte[] {(byte) 0x93, 'N', 'U'});
        for (Path file : new Path[] {zip, empty, tiny}) {
            assertThatThrownBy(() -> Npy.read(file))
                    .isInstanceOf(WorkloadException.class)
                    .hasMessageStartingWith(file.getFileName() + ": not a .npy file");
        }
    }

    @Test
    void unsupportedVersionIsRejected() throws IOException {
        Path file = handBuilt("v4.npy", 1, dict("<i4", "False", "(1,)"), int32s(1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] = 4;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("v4.npy: unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)");
    }

    @Test
    void truncatedHeaderIsRejected() throws IOException {
        byte[] whole = Files.readAllBytes(handBuilt("whole.npy", 1, dict("<i4", "False", "(1,)"), int32s(1)));
        for (int length : new int[] {7, 9, 11, 60, 127}) {
            Path file = dir.resolve("cut" + length + ".npy");
            Files.write(file, Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> Npy.read(file))
                    .isInstanceOf(WorkloadException.class)
                    .hasMessageStartingWith("cut" + length + ".npy: truncated header");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not a dict at all",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (1,)",
        "{'descr': '<i4', 'fortran_order': False}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'shape': (1,)}",
        "{'descr': '<i4', 'fortran_order': 0, 'shape': (1,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': [1]}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (1)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (-1,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (1.0,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (3000000000,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': ('1',)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), } trailing",
        "{'descr: '<i4', 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': ((((((((((((((((((((((((((((((((((1,),),)}",
        "{'descr': '<i4', 'fortran_order': Maybe, 'shape': (1,)}"
    })
    void malformedHeadersAreRejectedOnOneLine(String dict) throws IOException {
        Path file = handBuilt("broken.npy", 1, dict, int32s(1, 2, 3));
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("broken.npy: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void invalidUtf8InAVersion3HeaderIsRejected() throws IOException {
        Path file = handBuilt("utf.npy", 3, dict("<i4", "False", "(1,)"), int32s(1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] = (byte) 0xff; // in the space padding
        Files.write(file, bytes);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("utf.npy: malformed header: not valid UTF-8");
    }

    @Test
    void tooManyElementsForAJavaArrayIsRejectedBeforeAllocating() throws IOException {
        Path file = handBuilt("huge.npy", 1, dict("<f8", "False", "(100000, 100000)"), new byte[8]);
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("huge.npy: shape [100000, 100000] has more elements");
    }

    @Test
    void missingFileIsAWorkloadException() {
        Path file = dir.resolve("nowhere.npy");
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("nowhere.npy: cannot read (no such file)");
    }

    // ------------------------------------------------------------------ writing bad values

    @Test
    void writingIntegersThatDoNotFitTheDtypeIsRejected() {
        Path file = dir.resolve("overflow.npy");
        assertThatThrownBy(() -> NpyWriter.write(file, NpyArray.ofInts("|i1", shape(2), new long[] {1, 300})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("300");
        assertThatThrownBy(() -> NpyWriter.write(file, NpyArray.ofInts("<i1", shape(), new long[] {-129})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NpyWriter.write(file, NpyArray.ofInts("<i2", shape(1), new long[] {32768})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NpyWriter.write(file, NpyArray.ofInts("<i4", shape(1), new long[] {1L << 31})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NpyWriter.write(file, NpyArray.ofInts("<i4", shape(1), new long[] {Integer.MIN_VALUE - 1L})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }

    // ------------------------------------------------------------------ NpyArray

    @Nested
    class NpyArrayTest {

        @Test
        void factoriesValidateTheValueCount() {
            assertThatThrownBy(() -> NpyArray.ofInts("<i4", shape(2, 3), new long[5]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[2, 3]").hasMessageContaining("6").hasMessageContaining("5");
            assertThatThrownBy(() -> NpyArray.ofFloats("<f8", shape(), new double[0]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NpyArray.ofFloats("<f8", shape(2), new double[3]))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void factoriesValidateTheDtype() {
            assertThatThrownBy(() -> NpyArray.ofInts("<f4", shape(1), new long[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NpyArray.ofFloats("<i4", shape(1), new double[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NpyArray.ofInts("<c8", shape(1), new long[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'<c8' is not supported");
            assertThatThrownBy(() -> NpyArray.ofInts("|u2", shape(1), new long[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> NpyArray.ofInts(null, shape(1), new long[1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void constructorRequiresExactlyOneValueArrayAndAValidShape() {
            assertThatThrownBy(() -> new NpyArray("<i4", shape(1), new long[1], new double[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NpyArray("<i4", shape(1), null, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NpyArray("<f4", shape(1), new long[1], null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NpyArray("<i4", null, new long[1], null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NpyArray("<i4", shape(-1), new long[0], null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NpyArray("<i4", shape(1 << 20, 1 << 20, 1 << 20, 1 << 20), new long[0], null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NpyArray("<i4", new int[65], new long[0], null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void sizeIsTheProductOfTheShape() {
            assertThat(NpyArray.ofInts("<i4", shape(), new long[] {1}).size()).isEqualTo(1);
            assertThat(NpyArray.ofInts("<i4", shape(5), new long[5]).size()).isEqualTo(5);
            assertThat(NpyArray.ofFloats("<f4", shape(64, 3, 3, 3), new double[1728]).size()).isEqualTo(1728);
            assertThat(NpyArray.ofFloats("<f4", shape(3, 0), new double[0]).size()).isZero();
        }

        @Test
        void shapeStringAndNdim() {
            assertThat(NpyArray.ofFloats("<f4", shape(64, 3, 3, 3), new double[1728]).shapeString())
                    .isEqualTo("[64, 3, 3, 3]");
            assertThat(NpyArray.ofInts("<i8", shape(), new long[1]).shapeString()).isEqualTo("[]");
            assertThat(NpyArray.ofInts("<i8", shape(), new long[1]).ndim()).isZero();
            assertThat(NpyArray.ofInts("<i8", shape(2, 1), new long[2]).ndim()).isEqualTo(2);
        }

        @Test
        void shapeIsCopiedInAndOut() {
            int[] dims = {2, 2};
            NpyArray array = NpyArray.ofInts("<i4", dims, new long[4]);
            dims[0] = 99;
            array.shape()[1] = 99;
            assertThat(array.shape()).containsExactly(2, 2);
        }

        @Test
        void equalsAndHashCodeCompareArrayContents() {
            NpyArray a = NpyArray.ofInts("<i4", shape(2), new long[] {1, 2});
            NpyArray same = NpyArray.ofInts("<i4", new int[] {2}, new long[] {1, 2});
            assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
            assertThat(a).isNotEqualTo(NpyArray.ofInts("<i4", shape(2), new long[] {1, 3}));
            assertThat(a).isNotEqualTo(NpyArray.ofInts("<i4", shape(2, 1), new long[] {1, 2}));
            assertThat(a).isNotEqualTo(NpyArray.ofInts("<i8", shape(2), new long[] {1, 2}));
            assertThat(a).isNotEqualTo(NpyArray.ofFloats("<f8", shape(2), new double[] {1, 2}));
            assertThat(a).isNotEqualTo(null).isNotEqualTo("NpyArray");

            NpyArray nan = NpyArray.ofFloats("<f8", shape(1), new double[] {Double.NaN});
            NpyArray nan2 = NpyArray.ofFloats("<f8", shape(1), new double[] {Double.NaN});
            assertThat(nan).isEqualTo(nan2).hasSameHashCodeAs(nan2);
        }

        @Test
        void toStringShowsDescrShapeAndLeadingValues() {
            assertThat(NpyArray.ofInts("<i4", shape(2, 2), new long[] {1, -2, 3, 4}))
                    .hasToString("NpyArray[descr=<i4, shape=[2, 2], ints=[1, -2, 3, 4]]");
            assertThat(NpyArray.ofFloats("<f8", shape(), new double[] {0.5}))
                    .hasToString("NpyArray[descr=<f8, shape=[], floats=[0.5]]");
            assertThat(NpyArray.ofFloats("<f4", shape(1000), new double[1000]).toString())
                    .startsWith("NpyArray[descr=<f4, shape=[1000], floats=[0.0, 0.0,")
                    .endsWith(", ... (1000 values)]]")
                    .hasSizeLessThan(200);
        }
    }
}
