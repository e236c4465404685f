package org.sresim.workload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.sresim.workload.Npy.NpyArray;

/**
 * Test-side writer of {@code .npy} files: version 1.0, C order, with exactly the header bytes
 * {@code numpy.save} produces. Writes every integer dtype and float32/float64 in either byte order
 * (float16 is covered by fixtures numpy wrote, see {@code src/test/resources/numpy}).
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    /** numpy leaves room in the header for the first axis to grow to this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private NpyWriter() {
    }

    /**
     * Writes {@code array} in its own descr. An existing file is replaced.
     *
     * @throws IllegalArgumentException if an integer value does not fit the dtype (e.g. 300 in
     *         int8); the file is then left untouched
     */
    public static void write(Path file, NpyArray array) {
        Objects.requireNonNull(file, "file");
        Npy.Dtype d = Npy.dtype(array.descr());
        if (d.kind() == 'f' && d.size() == 2) {
            throw new IllegalArgumentException("float16 is not written by the test writer");
        }
        if (array.isInteger()) {
            checkRange(array.descr(), d, array.ints());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(header(array.descr(), array.shape())));
            writeFully(ch, data(array, d));
        } catch (IOException e) {
            throw new WorkloadException(file + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** The bytes {@code numpy.save} writes for {@code array}. */
    public static byte[] bytes(NpyArray array) {
        Npy.Dtype d = Npy.dtype(array.descr());
        byte[] header = header(array.descr(), array.shape());
        ByteBuffer data = data(array, d);
        ByteBuffer out = ByteBuffer.allocate(header.length + data.remaining());
        return out.put(header).put(data).array();
    }

    /**
     * The complete version 1.0 header (magic, version, length, padded dict) numpy writes for a
     * C-order array of this descr and shape; its length is a multiple of 64.
     */
    static byte[] header(String descr, int[] shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(shapeTuple(shape))
                .append(", }");
        // Room for the first axis to grow in place, as numpy >= 1.24 leaves it.
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape[0]).length()));
        }
        int prefixLength = MAGIC.length + 2 + 2;
        int headerLength = dict.length() + 1; // + '\n'
        int padding = ARRAY_ALIGN - (prefixLength + headerLength) % ARRAY_ALIGN; // 64 if aligned, like numpy
        dict.append(" ".repeat(padding)).append('\n');
        headerLength += padding;

        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefixLength + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength).put(text);
        return out.array();
    }

    /** Python's repr of the shape tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String shapeTuple(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    private static void checkRange(String descr, Npy.Dtype d, long[] values) {
        int bits = d.size() * 8;
        long min;
        long max;
        if (d.kind() == 'b') {
            min = 0;
            max = 1;
        } else if (d.kind() == 'u') {
            min = 0;
            max = bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1;
        } else if (bits == 64) {
            return;
        } else {
            min = -(1L << (bits - 1));
            max = (1L << (bits - 1)) - 1;
        }
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v < min || v > max) {
                throw new IllegalArgumentException("value " + v + " at index " + i + " does not fit dtype '"
                        + descr + "' (" + min + ".." + max + ")");
            }
        }
    }

    private static ByteBuffer data(NpyArray array, Npy.Dtype d) {
        long[] ints = array.ints();
        double[] floats = array.floats();
        int count = array.isInteger() ? ints.length : floats.length;
        ByteBuffer buf = ByteBuffer.allocate(count * d.size()).order(d.order());
        for (int i = 0; i < count; i++) {
            switch (d.kind() == 'f' ? -d.size() : d.size()) {
                case 1 -> buf.put((byte) ints[i]);
                case 2 -> buf.putShort((short) ints[i]);
                case 4 -> buf.putInt((int) ints[i]);
                case 8 -> buf.putLong(ints[i]);
                case -4 -> buf.putFloat((float) floats[i]);
                case -8 -> buf.putDouble(floats[i]);
                default -> throw new AssertionError(d);
            }
        }
        return buf.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
