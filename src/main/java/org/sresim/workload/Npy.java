package org.sresim.workload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reader and writer for NumPy {@code .npy} files
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">format spec</a>).
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0 holding a C-order array of a little-endian int8,
 * int16, int32, int64, float32 or float64 dtype; anything else is a {@link WorkloadException}
 * whose one-line message starts with the file name. Writes version 1.0 with exactly the header
 * bytes {@code numpy.save} produces. Data are moved in 1 MiB chunks through little-endian
 * {@link ByteBuffer} bulk operations, so 100M-element arrays read at disk speed.
 *
 * <p>Like {@code numpy.load}, bytes after the array data are ignored (several arrays may have been
 * saved one after another into one file; the first is read).
 */
public final class Npy {

    private Npy() {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    /** numpy leaves room in the header for the first axis to grow to this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Largest header we accept (numpy's own limit for safe parsing is 10 000 characters). */
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    /** Largest Java array length that is safe on all VMs. */
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** I/O chunk in bytes; a multiple of every item size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final String ALLOWED =
            "allowed: little-endian int8, int16, int32, int64, float32, float64";

    // ---------------------------------------------------------------- dtypes

    /** Bytes per element of a supported descr, or -1 if the descr is not supported. */
    static int itemSize(String descr) {
        return switch (descr) {
            case "|i1", "<i1" -> 1;
            case "<i2" -> 2;
            case "<i4", "<f4" -> 4;
            case "<i8", "<f8" -> 8;
            default -> -1;
        };
    }

    /** Whether a supported descr is an integer dtype. */
    static boolean isIntegerDescr(String descr) {
        return descr.length() == 3 && descr.charAt(1) == 'i';
    }

    /** {@code dtype <quotedDescr> is not supported (allowed: ...)}. */
    static String unsupportedDtypeMessage(String quotedDescr) {
        return "dtype " + quotedDescr + " is not supported (" + ALLOWED + ")";
    }

    // ---------------------------------------------------------------- read

    /**
     * Reads a {@code .npy} file.
     *
     * @throws WorkloadException if the file cannot be read, is not a {@code .npy} file, is
     *         truncated, or holds an unsupported dtype or a Fortran-order array
     */
    public static NpyArray read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = displayName(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, name);
        } catch (IOException e) {
            throw ioFailure(name, "cannot read", e);
        }
    }

    private static NpyArray read(FileChannel ch, String name) throws IOException {
        long fileSize = ch.size();

        // Magic string, version, header length (2 bytes in 1.0, 4 bytes in 2.0 / 3.0).
        ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        int got = readUpTo(ch, prefix);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= got || prefix.get(i) != MAGIC[i]) {
                throw fail(name, "not a .npy file (missing magic string \\x93NUMPY)");
            }
        }
        if (got < 8) {
            throw fail(name, "truncated header (file is only " + got + " bytes)");
        }
        int major = prefix.get(6) & 0xff;
        int minor = prefix.get(7) & 0xff;
        int prefixLength;
        if (major == 1 && minor == 0) {
            prefixLength = 10;
        } else if ((major == 2 || major == 3) && minor == 0) {
            prefixLength = 12;
        } else {
            throw fail(name, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        if (got < prefixLength) {
            throw fail(name, "truncated header (file is only " + got + " bytes)");
        }
        long headerLength = prefixLength == 10
                ? prefix.getShort(8) & 0xffffL
                : prefix.getInt(8) & 0xffffffffL;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw fail(name, "header length " + headerLength + " is implausibly large");
        }
        if (prefixLength + headerLength > fileSize) {
            throw fail(name, "truncated header (declares " + headerLength + " bytes, file has "
                    + (fileSize - prefixLength) + " after the prefix)");
        }

        // The header: a Python dict literal, latin-1 in 1.0 / 2.0, UTF-8 in 3.0.
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        ch.position(prefixLength);
        if (readUpTo(ch, headerBytes) < headerLength) {
            throw fail(name, "truncated header");
        }
        headerBytes.flip();
        String header;
        if (major == 3) {
            try {
                header = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(headerBytes).toString();
            } catch (CharacterCodingException e) {
                throw fail(name, "malformed header: not valid UTF-8");
            }
        } else {
            header = StandardCharsets.ISO_8859_1.decode(headerBytes).toString();
        }
        Header h = parseHeader(header, name);

        long size = 1;
        for (int d : h.shape) {
            size *= d;
            if (size > MAX_ELEMENTS) {
                throw fail(name, "shape " + Arrays.toString(h.shape)
                        + " has more elements than a Java array can hold");
            }
        }
        int itemSize = itemSize(h.descr);
        long dataBytes = size * itemSize;
        long dataOffset = prefixLength + headerLength;
        long available = fileSize - dataOffset;
        if (available < dataBytes) {
            throw fail(name, "truncated data: shape " + Arrays.toString(h.shape) + " of '" + h.descr
                    + "' needs " + dataBytes + " bytes but only " + available + " follow the header");
        }

        ch.position(dataOffset);
        int n = (int) size;
        if (isIntegerDescr(h.descr)) {
            long[] values = new long[n];
            readData(ch, name, h.descr, itemSize, dataBytes, values, null);
            return new NpyArray(h.descr, h.shape, values, null);
        } else {
            double[] values = new double[n];
            readData(ch, name, h.descr, itemSize, dataBytes, null, values);
            return new NpyArray(h.descr, h.shape, null, values);
        }
    }

    /** Reads {@code dataBytes} bytes of elements in chunks, widening them into ints or floats. */
    private static void readData(FileChannel ch, String name, String descr, int itemSize, long dataBytes,
                                 long[] ints, double[] floats) throws IOException {
        if (dataBytes == 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK_BYTES, dataBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        int scratchLength = buf.capacity() / itemSize;
        byte[] bytes = descr.endsWith("i1") ? new byte[scratchLength] : null;
        short[] shorts = descr.equals("<i2") ? new short[scratchLength] : null;
        int[] int32 = descr.equals("<i4") ? new int[scratchLength] : null;
        float[] float32 = descr.equals("<f4") ? new float[scratchLength] : null;

        long remaining = dataBytes;
        int at = 0;
        while (remaining > 0) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), remaining));
            if (readUpTo(ch, buf) < buf.limit()) {
                throw fail(name, "truncated data (file shrank while being read)");
            }
            buf.flip();
            int n = buf.remaining() / itemSize;
            switch (descr) {
                case "|i1", "<i1" -> {
                    buf.get(bytes, 0, n);
                    for (int i = 0; i < n; i++) {
                        ints[at + i] = bytes[i];
                    }
                }
                case "<i2" -> {
                    buf.asShortBuffer().get(shorts, 0, n);
                    for (int i = 0; i < n; i++) {
                        ints[at + i] = shorts[i];
                    }
                }
                case "<i4" -> {
                    buf.asIntBuffer().get(int32, 0, n);
                    for (int i = 0; i < n; i++) {
                        ints[at + i] = int32[i];
                    }
                }
                case "<i8" -> buf.asLongBuffer().get(ints, at, n);
                case "<f4" -> {
                    buf.asFloatBuffer().get(float32, 0, n);
                    for (int i = 0; i < n; i++) {
                        floats[at + i] = float32[i];
                    }
                }
                case "<f8" -> buf.asDoubleBuffer().get(floats, at, n);
                default -> throw new AssertionError(descr);
            }
            at += n;
            remaining -= buf.limit();
        }
    }

    /** Reads until {@code buf} is full or end of file; returns the bytes now in {@code buf}. */
    private static int readUpTo(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                break;
            }
        }
        return buf.position();
    }

    // ---------------------------------------------------------------- header parsing

    private record Header(String descr, int[] shape) {
    }

    private static final Set<String> EXPECTED_KEYS = Set.of("descr", "fortran_order", "shape");

    private static Header parseHeader(String header, String name) {
        DictParser parser = new DictParser(header, name);
        Map<String, Object> dict = parser.parseDict();

        if (!dict.keySet().equals(EXPECTED_KEYS)) {
            throw fail(name, "malformed header: keys are " + dict.keySet()
                    + ", expected descr, fortran_order and shape");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            // e.g. a list for a structured dtype
            throw fail(name, unsupportedDtypeMessage(parser.rawValue("descr")));
        }
        if (itemSize(d) < 0) {
            throw fail(name, unsupportedDtypeMessage(parser.rawValue("descr")));
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw fail(name, "malformed header: fortran_order is " + parser.rawValue("fortran_order")
                    + ", not True or False");
        }
        if (f) {
            throw fail(name, "Fortran-order (column-major) arrays are not supported;"
                    + " save a C-order array (numpy.ascontiguousarray)");
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof Tuple t)) {
            throw fail(name, "malformed header: shape is " + parser.rawValue("shape") + ", not a tuple");
        }
        if (t.items.size() > NpyArray.MAX_DIMS) {
            throw fail(name, "shape has " + t.items.size() + " dimensions, more than " + NpyArray.MAX_DIMS);
        }
        int[] dims = new int[t.items.size()];
        for (int i = 0; i < dims.length; i++) {
            Object dim = t.items.get(i);
            if (!(dim instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw fail(name, "malformed header: shape " + parser.rawValue("shape")
                        + " is not a tuple of non-negative integers below 2^31");
            }
            dims[i] = (int) (long) v;
        }
        return new Header(d, dims);
    }

    /** A Python tuple (a list denotes a Python list, which is not a valid shape). */
    private record Tuple(List<Object> items) {
    }

    /**
     * Recursive-descent parser for the subset of Python literals numpy headers use: dicts, tuples,
     * lists, strings, integers (with the Python 2 {@code L} suffix), True, False and None.
     */
    private static final class DictParser {
        private static final int MAX_DEPTH = 32;
        private final String s;
        private final String name;
        private final Map<String, String> raw = new LinkedHashMap<>();
        private int pos;
        private int depth;

        DictParser(String s, String name) {
            this.s = s;
            this.name = name;
        }

        /** The source text of a top-level value, for messages (shortened, one line). */
        String rawValue(String key) {
            return oneLine(raw.get(key), 60);
        }

        Map<String, Object> parseDict() {
            skipSpace();
            if (!peek('{')) {
                throw error("expected '{'");
            }
            Map<String, Object> dict = new LinkedHashMap<>();
            pos++;
            depth++;
            skipSpace();
            while (!peek('}')) {
                if (!peek('\'') && !peek('"')) {
                    throw error("expected a string key");
                }
                String key = parseString();
                skipSpace();
                expect(':');
                skipSpace();
                int start = pos;
                Object value = parseValue();
                if (dict.containsKey(key)) {
                    throw error("duplicate key '" + key + "'");
                }
                dict.put(key, value);
                raw.put(key, s.substring(start, pos));
                skipSpace();
                if (peek(',')) {
                    pos++;
                    skipSpace();
                } else if (!peek('}')) {
                    throw error("expected ',' or '}'");
                }
            }
            pos++;
            depth--;
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the dict");
            }
            return dict;
        }

        private Object parseValue() {
            if (pos >= s.length()) {
                throw error("unexpected end of header");
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                return parseString();
            }
            if (c == '(' || c == '[') {
                return parseSequence(c);
            }
            if (c == '{') {
                throw error("nested dicts are not supported");
            }
            if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                return parseInteger();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String word = s.substring(start, pos);
                return switch (word) {
                    case "True" -> Boolean.TRUE;
                    case "False" -> Boolean.FALSE;
                    case "None" -> NONE;
                    default -> {
                        pos = start;
                        throw error("unexpected name '" + oneLine(word, 20) + "'");
                    }
                };
            }
            throw error("unexpected character");
        }

        private static final Object NONE = new Object();

        /** {@code (...)} gives a Tuple (or the single parenthesised value), {@code [...]} a List. */
        private Object parseSequence(char open) {
            if (++depth > MAX_DEPTH) {
                throw error("nesting too deep");
            }
            char close = open == '(' ? ')' : ']';
            pos++;
            List<Object> items = new ArrayList<>();
            boolean sawComma = false;
            skipSpace();
            while (!peek(close)) {
                items.add(parseValue());
                skipSpace();
                if (peek(',')) {
                    sawComma = true;
                    pos++;
                    skipSpace();
                } else if (!peek(close)) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
            pos++;
            depth--;
            if (open == '[') {
                return items;
            }
            if (items.size() == 1 && !sawComma) {
                return items.get(0); // (5) is 5, not a tuple
            }
            return new Tuple(items);
        }

        private Long parseInteger() {
            int start = pos;
            if (peek('-') || peek('+')) {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits) {
                pos = start;
                throw error("expected a number");
            }
            if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                if (s.charAt(pos) != 'L' && s.charAt(pos) != 'l') { // Python 2 long suffix
                    pos = start;
                    throw error("expected an integer");
                }
                pos++;
            }
            String text = s.substring(start, pos).replaceAll("[Ll]$", "");
            try {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("integer out of range");
            }
        }

        private String parseString() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\n') {
                    throw error("unterminated string");
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("unterminated string");
                    }
                    c = s.charAt(pos++); // keep the escaped character literally: enough for dtype names
                }
                sb.append(c);
            }
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private WorkloadException error(String what) {
            int from = Math.max(0, pos - 20);
            String near = oneLine(s.substring(from, Math.min(s.length(), pos + 20)), 40);
            return fail(name, "malformed header: " + what + " at character " + pos + " (near \"" + near + "\")");
        }
    }

    // ---------------------------------------------------------------- write

    /**
     * Writes {@code array} as a version 1.0 {@code .npy} file in its own descr, with the same bytes
     * {@code numpy.save} writes. An existing file is replaced.
     *
     * @throws IllegalArgumentException if an integer value does not fit the dtype (e.g. 300 in
     *         int8); the file is then left untouched
     * @throws WorkloadException if the file cannot be written
     */
    public static void write(Path file, NpyArray array) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(array, "array");
        String descr = array.descr();
        if (array.isInteger()) {
            checkRange(descr, array.ints());
        }
        String name = displayName(file);
        byte[] header = header(descr, array.shape());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(header));
            writeData(ch, array);
        } catch (IOException e) {
            throw ioFailure(name, "cannot write", e);
        }
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

    private static void checkRange(String descr, long[] values) {
        int bits = itemSize(descr) * 8;
        if (bits == 64) {
            return;
        }
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v < min || v > max) {
                throw new IllegalArgumentException("value " + v + " at index " + i + " does not fit dtype '"
                        + descr + "' (int" + bits + ": " + min + ".." + max + ")");
            }
        }
    }

    private static void writeData(FileChannel ch, NpyArray array) throws IOException {
        String descr = array.descr();
        int itemSize = itemSize(descr);
        long[] ints = array.ints();
        double[] floats = array.floats();
        int count = array.isInteger() ? ints.length : floats.length;
        if (count == 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK_BYTES, (long) count * itemSize))
                .order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buf.capacity() / itemSize;
        for (int at = 0; at < count; at += perChunk) {
            int n = Math.min(perChunk, count - at);
            buf.clear();
            switch (descr) {
                case "|i1", "<i1" -> {
                    for (int i = 0; i < n; i++) {
                        buf.put((byte) ints[at + i]);
                    }
                }
                case "<i2" -> {
                    for (int i = 0; i < n; i++) {
                        buf.putShort((short) ints[at + i]);
                    }
                }
                case "<i4" -> {
                    for (int i = 0; i < n; i++) {
                        buf.putInt((int) ints[at + i]);
                    }
                }
                case "<i8" -> {
                    buf.asLongBuffer().put(ints, at, n);
                    buf.position(n * 8);
                }
                case "<f4" -> {
                    for (int i = 0; i < n; i++) {
                        buf.putFloat((float) floats[at + i]);
                    }
                }
                case "<f8" -> {
                    buf.asDoubleBuffer().put(floats, at, n);
                    buf.position(n * 8);
                }
                default -> throw new AssertionError(descr);
            }
            buf.flip();
            writeFully(ch, buf);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    // ---------------------------------------------------------------- messages

    private static String displayName(Path file) {
        Path name = file.getFileName();
        return name != null ? name.toString() : file.toString();
    }

    private static WorkloadException fail(String name, String problem) {
        return new WorkloadException(name + ": " + problem);
    }

    private static WorkloadException ioFailure(String name, String what, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        WorkloadException failure = fail(name, what + " (" + oneLine(reason, 200) + ")");
        failure.initCause(e);
        return failure;
    }

    /** Shortens text and escapes control characters so a message stays on one line. */
    private static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (i < text.length()) {
            sb.append("...");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- the array

    /**
     * An n-dimensional array as stored in a NumPy {@code .npy} file, in C (row-major) order.
     *
     * <p>Exactly one of {@link #ints()} and {@link #floats()} is non-null: integer dtypes
     * ({@code |i1}, {@code <i1}, {@code <i2}, {@code <i4}, {@code <i8}) keep their values widened to
     * {@code long}, float dtypes ({@code <f4}, {@code <f8}) widened to {@code double}. The descr is
     * kept as spelled (so {@code |i1} and {@code <i1} are both int8 but not {@link #equals equal}).
     *
     * <p>The shape is copied on construction and on access. The value arrays are <em>not</em> copied
     * (they can hold hundreds of millions of elements): callers must not mutate them after
     * construction. Integer values are not range-checked here; {@link Npy#write} rejects values that
     * do not fit the dtype.
     *
     * @param descr  NumPy dtype descriptor, one of {@code |i1 <i1 <i2 <i4 <i8 <f4 <f8}
     * @param shape  dimensions, each {@code >= 0}; empty for a 0-d (scalar) array
     * @param ints   values of an integer array in C order, else {@code null}
     * @param floats values of a float array in C order, else {@code null}
     */
    public record NpyArray(String descr, int[] shape, long[] ints, double[] floats) {

        /** NumPy's limit on the number of dimensions. */
        static final int MAX_DIMS = 64;

        /** @throws IllegalArgumentException if the components are inconsistent or unsupported */
        public NpyArray {
            if (descr == null) {
                throw new IllegalArgumentException("descr must not be null");
            }
            if (Npy.itemSize(descr) < 0) {
                throw new IllegalArgumentException(Npy.unsupportedDtypeMessage("'" + descr + "'"));
            }
            if (shape == null) {
                throw new IllegalArgumentException("shape must not be null");
            }
            shape = shape.clone();
            if (shape.length > MAX_DIMS) {
                throw new IllegalArgumentException(
                        "shape has " + shape.length + " dimensions, more than " + MAX_DIMS);
            }
            long size = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                size = saturatingMultiply(size, d);
            }
            boolean integer = Npy.isIntegerDescr(descr);
            if (integer && (ints == null || floats != null)) {
                throw new IllegalArgumentException(
                        "dtype '" + descr + "' is an integer dtype: ints must be non-null and floats null");
            }
            if (!integer && (floats == null || ints != null)) {
                throw new IllegalArgumentException(
                        "dtype '" + descr + "' is a float dtype: floats must be non-null and ints null");
            }
            long count = integer ? ints.length : floats.length;
            if (count != size) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                        + (size == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(size))
                        + " values but " + count + " were given");
            }
        }

        /** An integer array; {@code descr} must be one of {@code |i1 <i1 <i2 <i4 <i8}. */
        public static NpyArray ofInts(String descr, int[] shape, long[] values) {
            if (descr != null && Npy.itemSize(descr) > 0 && !Npy.isIntegerDescr(descr)) {
                throw new IllegalArgumentException("ofInts needs an integer dtype, not '" + descr + "'");
            }
            if (values == null) {
                throw new IllegalArgumentException("values must not be null");
            }
            return new NpyArray(descr, shape, values, null);
        }

        /** A float array; {@code descr} must be {@code <f4} or {@code <f8}. */
        public static NpyArray ofFloats(String descr, int[] shape, double[] values) {
            if (descr != null && Npy.itemSize(descr) > 0 && Npy.isIntegerDescr(descr)) {
                throw new IllegalArgumentException("ofFloats needs a float dtype, not '" + descr + "'");
            }
            if (values == null) {
                throw new IllegalArgumentException("values must not be null");
            }
            return new NpyArray(descr, shape, null, values);
        }

        /** A copy of the shape. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** Number of dimensions (0 for a scalar). */
        public int ndim() {
            return shape.length;
        }

        /** Whether the dtype is an integer one (values in {@link #ints()}). */
        public boolean isInteger() {
            return ints != null;
        }

        /** Number of elements: the product of the shape, 1 for shape {@code ()}. */
        public long size() {
            long size = 1;
            for (int d : shape) {
                size *= d; // cannot overflow: equals the length of a Java array
            }
            return size;
        }

        /** The shape like {@code [64, 3, 3, 3]} ({@code []} for a scalar). */
        public String shapeString() {
            return Arrays.toString(shape);
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            return o instanceof NpyArray other
                    && descr.equals(other.descr)
                    && Arrays.equals(shape, other.shape)
                    && Arrays.equals(ints, other.ints)
                    && Arrays.equals(floats, other.floats); // Double.equals semantics: NaN == NaN, 0.0 != -0.0
        }

        @Override
        public int hashCode() {
            return Objects.hash(descr, Arrays.hashCode(shape), Arrays.hashCode(ints), Arrays.hashCode(floats));
        }

        private static final int TO_STRING_MAX_VALUES = 16;

        /** Shows descr, shape and at most the first 16 values. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("NpyArray[descr=").append(descr)
                    .append(", shape=").append(shapeString())
                    .append(isInteger() ? ", ints=[" : ", floats=[");
            int n = isInteger() ? ints.length : floats.length;
            int shown = Math.min(n, TO_STRING_MAX_VALUES);
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                if (isInteger()) {
                    sb.append(ints[i]);
                } else {
                    sb.append(floats[i]);
                }
            }
            if (shown < n) {
                sb.append(", ... (").append(n).append(" values)");
            }
            return sb.append("]]").toString();
        }

        private static long saturatingMultiply(long a, long b) {
            long hi = Math.multiplyHigh(a, b);
            long lo = a * b;
            return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
        }
    }
}
