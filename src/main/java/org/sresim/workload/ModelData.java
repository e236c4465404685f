package org.sresim.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real model's arrays (model section 3.4): a folder of {@code <layer>.weight.npy} and
 * {@code <layer>.input.npy} files or one {@code .npz} archive with entries {@code <layer>.weight}
 * and {@code <layer>.input}, opened through a {@link FileOpener}. Entries are named
 * {@code <layer>.weight} / {@code <layer>.input} whatever the container; {@link #where} names the
 * file (or archive entry) for messages. An archive is read once, whole; folder files on demand, each once.
 */
public final class ModelData {
    /** Separates a location from the content hash the driver appends to it in a point's config. */
    public static final String HASH_MARK = "#sha256=";

    private final String location;
    private final FileOpener files;
    private final Set<String> entries;
    private final Map<String, Npy.NpyArray> archive; // null for a folder
    /** A folder's files once read: the points of a task reuse them. */
    private final Map<String, Npy.NpyArray> read = new java.util.HashMap<>();

    private ModelData(String location, FileOpener files, Set<String> entries, Map<String, Npy.NpyArray> archive) {
        this.location = location;
        this.files = files;
        this.entries = entries;
        this.archive = archive;
    }

    /**
     * Opens a folder or an {@code .npz} file; a {@link #HASH_MARK} suffix is ignored.
     *
     * @throws WorkloadException if the location does not exist or cannot be read
     */
    public static ModelData open(String location, FileOpener files) {
        String path = pathOf(location);
        try {
            if (files.isDirectory(path)) {
                Set<String> names = new TreeSet<>();
                for (String f : files.list(path)) {
                    if (f.endsWith(".npy")) {
                        names.add(f.substring(0, f.length() - 4));
                    }
                }
                if (names.isEmpty()) {
                    throw new WorkloadException(path + ": no .npy files in this folder"
                            + " (expected <layer>.weight.npy and optional <layer>.input.npy)");
                }
                return new ModelData(path, files, Collections.unmodifiableSet(names), null);
            }
            if (!files.exists(path)) {
                throw new WorkloadException(path + ": no such file or folder");
            }
            if (!path.endsWith(".npz")) {
                throw new WorkloadException(path + ": model data is a folder of .npy files or an .npz archive");
            }
            Map<String, Npy.NpyArray> arrays;
            try (InputStream in = files.open(path)) {
                arrays = Npz.read(in, path, name -> name.endsWith(".weight") || name.endsWith(".input"));
            }
            return new ModelData(path, files, Collections.unmodifiableSet(new TreeSet<>(arrays.keySet())), arrays);
        } catch (IOException e) {
            throw new WorkloadException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * The config value of a location: the location with the first 16 hex digits of its content
     * hash appended ({@code models/r18.npz#sha256=1f0c...}), so a point's id and the simulator's
     * reuse of counts change when the files do.
     */
    public static String pinned(String location, FileOpener files) {
        return location + HASH_MARK + sha256(location, files).substring(0, 16);
    }

    /** A config value without its {@link #HASH_MARK} suffix. */
    public static String pathOf(String location) {
        int mark = location.indexOf(HASH_MARK);
        return mark < 0 ? location : location.substring(0, mark);
    }

    public String location() {
        return location;
    }

    /** Entry names ({@code conv1.weight}, {@code conv1.input}, ...), sorted. */
    public Set<String> entries() {
        return entries;
    }

    public boolean has(String entry) {
        return entries.contains(entry);
    }

    /** The file or archive entry holding {@code entry}, as messages name it. */
    public String where(String entry) {
        return archive != null ? location + ":" + entry + ".npy" : location + "/" + entry + ".npy";
    }

    /** Reads an entry. @throws WorkloadException if it is missing or unreadable */
    public Npy.NpyArray read(String entry) {
        if (!has(entry)) {
            throw new WorkloadException(where(entry) + ": missing");
        }
        if (archive != null) {
            return archive.get(entry);
        }
        synchronized (read) {
            Npy.NpyArray a = read.get(entry);
            if (a == null) {
                try (InputStream in = files.open(where(entry))) {
                    a = Npy.read(in, where(entry));
                } catch (IOException e) {
                    throw new WorkloadException(where(entry) + ": cannot read (" + e.getMessage() + ")");
                }
                read.put(entry, a);
            }
            return a;
        }
    }

    /**
     * SHA-256 of the model's content, hex: the archive's bytes, or the names and bytes of a
     * folder's {@code .npy} files in name order. Equal hashes mean equal data, so a point's id and
     * the simulator's reuse of counts cover what the files hold, not only where they are.
     */
    public static String sha256(String location, FileOpener files) {
        String path = pathOf(location);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (!files.exists(path)) {
                throw new WorkloadException(path + ": no such file or folder");
            }
            if (files.isDirectory(path)) {
                List<String> names = new ArrayList<>(files.list(path));
                names.removeIf(n -> !n.endsWith(".npy"));
                Collections.sort(names);
                for (String n : names) {
                    md.update(n.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    digest(files, path + "/" + n, md);
                }
            } else {
                digest(files, path, md);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new WorkloadException(path + ": cannot read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(FileOpener files, String file, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 16];
        long length = 0;
        try (InputStream in = files.open(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
                length += n;
            }
        }
        md.update(Long.toString(length).getBytes(StandardCharsets.US_ASCII)); // frames files of a folder
    }
}
