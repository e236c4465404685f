package org.sresim.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader for NumPy {@code .npy} files
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">format spec</a>).
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0 holding any array numpy writes for numbers: bool,
 * int8..int64, uint8..uint64, float16, float32 and float64, in either byte order, in C or Fortran
 * order (a Fortran array is what {@code np.save(w.T)} writes; it is reordered to C order here).
 * Complex, object, string, datetime and structured dtypes are a {@link WorkloadException} whose
 * one-line message starts with the file name. Data are moved in 1 MiB chunks through
 * {@link ByteBuffer} bulk operations, so 100M-element arrays read at disk speed. The writer lives
 * in the tests: nothing in the simulator writes {@code .npy} files.
 *
 * <p>Like {@code numpy.load}, bytes after the array data are ignored (several arrays may have been
 * saved one after another into one file; the first is read).
 */
public final class Npy {

    private Npy() {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest header we accept (numpy's own limit for safe parsing is 10 000 characters). */
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    /** Largest Java array length that is safe on all VMs. */
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** I/O chunk in bytes; a multiple of every item size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final String ALLOWED =
            "allowed: bool, int8-64, uint8-64, float16/32/64, little- or big-endian";

    // ---------------------------------------------------------------- dtypes

    /**
     * A supported dtype: byte order, kind ({@code b} bool, {@code i} signed, {@code u} unsigned,
     * {@code f} float) and item size in bytes.
     */
    record Dtype(ByteOrder order, char kind, int size) {
        boolean integer() {
            return kind != 'f';
        }
    }

    private static final Pattern DESCR = Pattern.compile("([<>|])([a-zA-Z])(\\d+)");

    /** The dtype of a descr as {@code numpy.save} spells it, or null if it is not supported. */
    static Dtype dtype(String descr) {
        Matcher m = DESCR.matcher(descr);
        if (!m.matches() || m.group(3).length() > 1) {
            return null;
        }
        char order = m.group(1).charAt(0);
        char kind = m.group(2).charAt(0);
        int size = Integer.parseInt(m.group(3));
        boolean ok = switch (kind) {
            case 'b' -> size == 1;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'f' -> size == 2 || size == 4 || size == 8;
            default -> false;
        };
        // numpy spells single bytes '|' and wider items '<' or '>'; it never writes '|i2'
        if (!ok || (size > 1 && order == '|')) {
            return null;
        }
        return new Dtype(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, kind, size);
    }

    /** Bytes per element of a supported descr, or -1 if the descr is not supported. */
    static int itemSize(String descr) {
        Dtype d = dtype(descr);
        return d == null ? -1 : d.size();
    }

    /** Whether a supported descr holds integers (bool counts: its values are 0 and 1). */
    static boolean isIntegerDescr(String descr) {
        Dtype d = dtype(descr);
        return d != null && d.integer();
    }

    /** {@code <what> dtype <quotedDescr> is not supported (allowed: ...)}. */
    static String unsupportedDtypeMessage(String quotedDescr) {
        String bare = quotedDescr.replaceAll("^'[<>|=]?|'$", "");
        String what = bare.isEmpty() || quotedDescr.startsWith("[") ? (quotedDescr.startsWith("[") ? "structured " : "")
                : switch (bare.charAt(0)) {
                    case 'c' -> "complex ";
                    case 'O' -> "object ";
                    case 'S', 'a', 'U' -> "string ";
                    case 'V' -> "structured ";
                    case 'M', 'm' -> "datetime ";
                    default -> "";
                };
        return what + "dtype " + quotedDescr + " is not supported (" + ALLOWED + ")";
    }

    // ---------------------------------------------------------------- read

    /**
     * Reads a {@code .npy} file.
     *
     * @throws WorkloadException if the file cannot be read, is not a {@code .npy} file, is
     *         truncated, or holds an unsupported dtype
     */
    public static NpyArray read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = displayName(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, ch.size(), name);
        } catch (IOException e) {
            throw ioFailure(name, "cannot read", e);
        }
    }

    /**
     * Reads a {@code .npy} array from a stream (an {@code .npz} entry, a Hadoop file); {@code name}
     * starts every error message. The stream is not closed.
     */
    public static NpyArray read(InputStream in, String name) {
        try {
            return read(Channels.newChannel(in), -1, name);
        } catch (IOException e) {
            throw ioFailure(name, "cannot read", e);
        }
    }

    /** Reads sequentially; {@code fileSize} is -1 when unknown (then truncation shows at the end). */
    private static NpyArray read(ReadableByteChannel ch, long fileSize, String name) throws IOException {
        Prefix prefix = readPrefix(ch, fileSize, name);
        Header h = parseHeader(readHeaderText(ch, prefix, name), name);
        int n = elementCount(h, name);
        Dtype dtype = dtype(h.descr);
        long dataBytes = (long) n * dtype.size();
        long dataOffset = prefix.length() + prefix.headerLength();
        if (fileSize >= 0 && fileSize - dataOffset < dataBytes) {
            throw truncated(name, h, dataBytes, fileSize - dataOffset);
        }
        long[] ints = dtype.integer() ? new long[n] : null;
        double[] floats = dtype.integer() ? null : new double[n];
        readData(ch, name, h, dtype, dataBytes, ints, floats);
        if (h.fortran && h.shape.length > 1) {
            ints = ints == null ? null : toCOrder(ints, h.shape);
            floats = floats == null ? null : toCOrder(floats, h.shape);
        }
        return new NpyArray(h.descr, h.shape, ints, floats);
    }

    /** The fixed part before the header: format version, its own length, the header's length. */
    private record Prefix(int major, int length, long headerLength) {
    }

    /** Magic string, version, header length (2 bytes in 1.0, 4 bytes in 2.0 / 3.0). */
    private static Prefix readPrefix(ReadableByteChannel ch, long fileSize, String name) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        prefix.limit(10);
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
            prefix.limit(12);
            got = readUpTo(ch, prefix);
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
        checkHeaderLength(headerLength, prefixLength, fileSize, name);
        return new Prefix(major, prefixLength, headerLength);
    }

    private static void checkHeaderLength(long headerLength, int prefixLength, long fileSize, String name) {
        if (headerLength > MAX_HEADER_LENGTH) {
            throw fail(name, "header length " + headerLength + " is implausibly large");
        }
        if (fileSize >= 0 && prefixLength + headerLength > fileSize) {
            throw fail(name, "truncated header (declares " + headerLength + " bytes, file has "
                    + (fileSize - prefixLength) + " after the prefix)");
        }
    }

    /** The header: a Python dict literal, latin-1 in 1.0 / 2.0, UTF-8 in 3.0. */
    private static String readHeaderText(ReadableByteChannel ch, Prefix prefix, String name) throws IOException {
        ByteBuffer headerBytes = ByteBuffer.allocate((int) prefix.headerLength());
        if (readUpTo(ch, headerBytes) < prefix.headerLength()) {
            throw fail(name, "truncated header");
        }
        headerBytes.flip();
        if (prefix.major() != 3) {
            return StandardCharsets.ISO_8859_1.decode(headerBytes).toString();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes).toString();
        } catch (CharacterCodingException e) {
            throw fail(name, "malformed header: not valid UTF-8");
        }
    }

    /** The number of elements the shape declares, checked to fit a Java array. */
    private static int elementCount(Header h, String name) {
        long size = 1;
        for (int d : h.shape) {
            size *= d;
            if (size > MAX_ELEMENTS) {
                throw fail(name, "shape " + Arrays.toString(h.shape)
                        + " has more elements than a Java array can hold");
            }
        }
        return (int) size;
    }

    private static WorkloadException truncated(String name, Header h, long needed, long available) {
        return fail(name, "truncated data: shape " + Arrays.toString(h.shape) + " of '" + h.descr
                + "' needs " + needed + " bytes but only " + available + " follow the header");
    }

    /** Reads {@code dataBytes} bytes of elements in chunks, widening them into ints or floats. */
    private static void readData(ReadableByteChannel ch, String name, Header h, Dtype d, long dataBytes,
                                 long[] ints, double[] floats) throws IOException {
        if (dataBytes == 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK_BYTES, dataBytes)).order(d.order());
        long remaining = dataBytes;
        int at = 0;
        while (remaining > 0) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), remaining));
            int got = readUpTo(ch, buf);
            if (got < buf.limit()) {
                throw truncated(name, h, dataBytes, dataBytes - remaining + got);
            }
            buf.flip();
            int n = buf.remaining() / d.size();
            switch (d.kind()) {
                case 'b' -> {
                    for (int i = 0; i < n; i++) {
                        ints[at + i] = buf.get() != 0 ? 1 : 0;
                    }
                }
                case 'i' -> readSigned(buf, d.size(), ints, at, n);
                case 'u' -> readUnsigned(buf, d.size(), ints, at, n, name);
                case 'f' -> readFloat(buf, d.size(), floats, at, n);
                default -> throw new AssertionError(d);
            }
            at += n;
            remaining -= buf.limit();
        }
    }

    private static void readSigned(ByteBuffer buf, int size, long[] out, int at, int n) {
        switch (size) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.get();
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.getShort();
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.getInt();
                }
            }
            default -> buf.asLongBuffer().get(out, at, n);
        }
    }

    private static void readUnsigned(ByteBuffer buf, int size, long[] out, int at, int n, String name) {
        switch (size) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.get() & 0xffL;
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.getShort() & 0xffffL;
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.getInt() & 0xffffffffL;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    long v = buf.getLong();
                    if (v < 0) {
                        throw fail(name, "uint64 value " + Long.toUnsignedString(v) + " at flat index " + (at + i)
                                + " is larger than 2^63-1");
                    }
                    out[at + i] = v;
                }
            }
        }
    }

    private static void readFloat(ByteBuffer buf, int size, double[] out, int at, int n) {
        switch (size) {
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = halfToDouble(buf.getShort());
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    out[at + i] = buf.getFloat();
                }
            }
            default -> buf.asDoubleBuffer().get(out, at, n);
        }
    }

    /** IEEE 754 binary16 to double, exactly (every half is a double); Java 17 has no Float.float16ToFloat. */
    static double halfToDouble(short bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        double magnitude;
        if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24); // subnormal: 0.mantissa * 2^-14
        } else {
            magnitude = Math.scalb((double) (mantissa | 0x400), exponent - 25);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /** Strides of a Fortran-order array: the first axis varies fastest. */
    private static long[] fortranStrides(int[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int k = 0; k < shape.length; k++) {
            strides[k] = s;
            s *= shape[k];
        }
        return strides;
    }

    /** Reorders Fortran-order values into C order by walking the C-order index like an odometer. */
    static long[] toCOrder(long[] f, int[] shape) {
        long[] c = new long[f.length];
        int[] from = cOrderSources(shape, f.length);
        for (int i = 0; i < c.length; i++) {
            c[i] = f[from[i]];
        }
        return c;
    }

    static double[] toCOrder(double[] f, int[] shape) {
        double[] c = new double[f.length];
        int[] from = cOrderSources(shape, f.length);
        for (int i = 0; i < c.length; i++) {
            c[i] = f[from[i]];
        }
        return c;
    }

    /** For each C-order position, the Fortran-order position holding the same element. */
    private static int[] cOrderSources(int[] shape, int size) {
        long[] strides = fortranStrides(shape);
        int[] index = new int[shape.length];
        int[] from = new int[size];
        long offset = 0;
        for (int i = 0; i < size; i++) {
            from[i] = (int) offset;
            for (int k = shape.length - 1; k >= 0; k--) { // last axis fastest in C order
                if (++index[k] < shape[k]) {
                    offset += strides[k];
                    break;
                }
                offset -= strides[k] * (shape[k] - 1);
                index[k] = 0;
            }
        }
        return from;
    }

    /** Reads until {@code buf} is full (up to its limit) or end of stream; returns the bytes now in it. */
    private static int readUpTo(ReadableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                break;
            }
        }
        return buf.position();
    }

    // ---------------------------------------------------------------- header parsing

    private record Header(String descr, boolean fortran, int[] shape) {
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
        if (dtype(d) == null) {
            throw fail(name, unsupportedDtypeMessage(parser.rawValue("descr")));
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw fail(name, "malformed header: fortran_order is " + parser.rawValue("fortran_order")
                    + ", not True or False");
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
        return new Header(d, f, dims);
    }

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
     * <p>Exactly one of {@link #ints()} and {@link #floats()} is non-null: integer dtypes (bool,
     * int8..int64, uint8..uint64 in either byte order) keep their values widened to {@code long}
     * (bool as 0 and 1), float dtypes (float16, float32, float64) widened to {@code double}. The
     * descr is kept as the file spells it (so {@code |i1} and {@code <i1} are both int8 but not
     * {@link #equals equal}); the values are always in C order, whatever order the file used.
     *
     * <p>The shape is copied on construction and on access. The value arrays are <em>not</em> copied
     * (they can hold hundreds of millions of elements): callers must not mutate them after
     * construction. Integer values are not range-checked here.
     *
     * @param descr  NumPy dtype descriptor as {@code numpy.save} spells it, e.g. {@code <i4}, {@code >f2}, {@code |b1}
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

        /** An integer array; {@code descr} must be a bool, int or uint dtype. */
        public static NpyArray ofInts(String descr, int[] shape, long[] values) {
            if (descr != null && Npy.itemSize(descr) > 0 && !Npy.isIntegerDescr(descr)) {
                throw new IllegalArgumentException("ofInts needs an integer dtype, not '" + descr + "'");
            }
            if (values == null) {
                throw new IllegalArgumentException("values must not be null");
            }
            return new NpyArray(descr, shape, values, null);
        }

        /** A float array; {@code descr} must be a float dtype. */
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
