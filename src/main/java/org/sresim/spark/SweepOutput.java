package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The on-disk layout of one sweep, through Hadoop's FileSystem so local paths, HDFS and S3 work
 * alike:
 * <pre>
 * DIR/NAME/sweep.json                                  definition, base config, version, input hashes, times
 * DIR/NAME/_lease.json                                 the running sweep's lease ({@link SweepLease})
 * DIR/NAME/points/network=X/rS-E-RUN-tA.parquet        rows of committed range [S, E), written by task attempt A
 * DIR/NAME/layers/network=X/rS-E-RUN-tA.parquet
 * DIR/NAME/_chunks/rS-E.json                           commit marker of range [S, E): lists its files
 * DIR/NAME/_staging/rS-E-RUN-tA/                       a task attempt writing range [S, E)
 * </pre>
 * A range counts only once its marker exists, and readers read exactly the files the markers list
 * ({@link #committedFiles}), so files of an attempt that crashed between moving its files and
 * writing its marker, or that lost the race to another attempt, are never read. The driver deletes
 * such orphans (and staging) when a run starts and when it ends, so a finished sweep's folder holds
 * only committed files for readers that list folders themselves (DuckDB, pandas).
 */
final class SweepOutput {
    static final String[] TABLES = {"points", "layers"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("^r(\\d+)-(\\d+)");

    final Path root;
    private final FileSystem fs;

    SweepOutput(String outDir, String sweepName, Configuration conf) {
        this(new Path(outDir, sweepName), conf);
    }

    SweepOutput(Path root, Configuration conf) {
        this.root = root;
        try {
            this.fs = LocalFiles.of(root, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path manifest() {
        return new Path(root, "sweep.json");
    }

    Path table(String name) {
        return new Path(root, name);
    }

    Path staging(String attempt) {
        return new Path(root, "_staging/" + attempt);
    }

    FileSystem fs() {
        return fs;
    }

    static String rangeName(long start, long end) {
        return "r" + start + "-" + end;
    }

    boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(Path p) {
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    void write(Path p, String text) {
        Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(p, false);
            if (!fs.rename(tmp, p)) {
                throw new IOException("rename " + tmp + " -> " + p + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path marker(long start, long end) {
        return new Path(root, "_chunks/" + rangeName(start, end) + ".json");
    }

    /** A committed range and the files (relative to the sweep folder) its marker lists. */
    record Committed(long start, long end, List<String> files) {
    }

    /**
     * The committed ranges, sorted by start. A marker that does not parse is one being written (or
     * cut short by a crash): it does not count. Markers of sweeps written before markers listed their
     * files name no files; their files are those whose name starts with the range.
     */
    List<Committed> committed() {
        List<Committed> out = new ArrayList<>();
        Path chunks = new Path(root, "_chunks");
        try {
            if (!fs.exists(chunks)) {
                return out;
            }
            for (FileStatus s : fs.listStatus(chunks)) {
                Matcher m = RANGE.matcher(s.getPath().getName());
                if (!m.find() || !s.getPath().getName().endsWith(".json")) {
                    continue;
                }
                JsonNode marker = parse(s.getPath());
                if (marker == null) {
                    continue;
                }
                List<String> files = new ArrayList<>();
                if (marker.has("files")) {
                    marker.get("files").forEach(f -> files.add(f.asText()));
                } else {
                    String prefix = m.group() + "-";
                    for (String table : TABLES) {
                        for (Path p : filesUnder(table(table), name -> name.startsWith(prefix))) {
                            files.add(table + "/" + p.getParent().getName() + "/" + p.getName());
                        }
                    }
                }
                out.add(new Committed(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), files));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> Long.compare(a.start(), b.start()));
        return out;
    }

    private JsonNode parse(Path marker) {
        try {
            JsonNode n = JSON.readTree(read(marker));
            return n != null && n.isObject() && n.has("end") ? n : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /**
     * Creates {@code p} holding {@code content} unless it exists; false if it did. Atomic: of two
     * racing creates exactly one succeeds. HDFS's create without overwrite is atomic at the NameNode;
     * Hadoop's local file system checks, then creates, so locally the file is written aside and
     * hard-linked into place (link creation fails if the name exists, and the content is complete
     * when the name appears). S3A, like the local file system, checks then writes: not atomic.
     */
    static boolean createIfAbsent(FileSystem fs, Path p, byte[] content) throws IOException {
        fs.mkdirs(p.getParent());
        if ("file".equals(fs.getScheme())) {
            java.nio.file.Path target = java.nio.file.Path.of(fs.makeQualified(p).toUri());
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                java.nio.file.Files.write(tmp, content);
                java.nio.file.Files.createLink(target, tmp);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        }
        try (FSDataOutputStream out = fs.create(p, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(p)) {
                return false; // some file systems report the clash as a plain IOException
            }
            throw e;
        }
    }

    /** Committed ranges [start, end), sorted by start. */
    List<long[]> committedRanges() {
        return committed().stream().map(c -> new long[] {c.start(), c.end()}).toList();
    }

    /** The absolute paths of the committed files of one table: what every reader reads. */
    List<String> committedFiles(String table) {
        List<String> files = new ArrayList<>();
        for (Committed c : committed()) {
            for (String f : c.files()) {
                if (f.startsWith(table + "/")) {
                    files.add(new Path(root, f).toString());
                }
            }
        }
        return files;
    }

    /**
     * Deletes staging, markers that do not parse, and table files no marker lists. Only the lease
     * holder calls it, so no attempt of this sweep is writing; returns the number of files deleted.
     */
    int removeOrphans() {
        int removed = 0;
        try {
            fs.delete(new Path(root, "_staging"), true);
            Path chunks = new Path(root, "_chunks");
            if (fs.exists(chunks)) {
                for (FileStatus s : fs.listStatus(chunks)) {
                    if (parse(s.getPath()) == null) {
                        fs.delete(s.getPath(), false);
                    }
                }
            }
            Set<String> listed = new TreeSet<>();
            for (Committed c : committed()) {
                listed.addAll(c.files());
            }
            for (String table : TABLES) {
                for (Path p : filesUnder(table(table), name -> name.endsWith(".parquet"))) {
                    if (!listed.contains(table + "/" + p.getParent().getName() + "/" + p.getName())) {
                        fs.delete(p, false);
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /**
     * Deletes every result of the folder (tables, markers, staging, manifest) but the lease: {@code --force-rerun}.
     * Tables derived from the rows ({@link DerivedTable}: those {@code _tables/} has markers for) go too: they
     * describe rows that no longer exist.
     */
    void clear() {
        try {
            Path derived = new Path(root, "_tables");
            if (fs.exists(derived)) {
                for (FileStatus s : fs.listStatus(derived)) {
                    fs.delete(new Path(root, s.getPath().getName()), true);
                }
            }
            for (String name : new String[] {"points", "layers", "_chunks", "_staging", "_tables", "sweep.json"}) {
                fs.delete(new Path(root, name), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Files below {@code dir} (recursively) whose name passes the test; none when dir does not exist.
     * A walk of {@code listStatus}, not {@code listFiles}: the latter's located statuses ask every
     * local file for its permissions, which Hadoop without its native library does by spawning
     * {@code ls} (one process per file of the tables, at the start and the end of every run).
     */
    List<Path> filesUnder(Path dir, java.util.function.Predicate<String> name) throws IOException {
        List<Path> out = new ArrayList<>();
        if (fs.exists(dir)) {
            collect(dir, name, out);
        }
        return out;
    }

    private void collect(Path dir, java.util.function.Predicate<String> name, List<Path> out) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory()) {
                collect(s.getPath(), name, out);
            } else if (name.test(s.getPath().getName())) {
                out.add(s.getPath());
            }
        }
    }

    /** Every sweep folder under {@code dir} (or {@code dir} itself when it is one). */
    static List<String> sweepsUnder(String dir, Configuration conf) {
        Path base = new Path(dir);
        List<String> sweeps = new ArrayList<>();
        try {
            FileSystem fs = base.getFileSystem(conf);
            if (!fs.exists(base)) {
                return sweeps;
            }
            if (fs.exists(new Path(base, "sweep.json"))) {
                sweeps.add(base.toString());
                return sweeps;
            }
            for (FileStatus s : fs.listStatus(base)) {
                if (s.isDirectory() && fs.exists(new Path(s.getPath(), "sweep.json"))) {
                    sweeps.add(s.getPath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sweeps.sort(null);
        return sweeps;
    }
}
