package org.sresim.spark;

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
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The on-disk layout of one sweep, through Hadoop's FileSystem so local paths, HDFS and S3 work
 * alike:
 * <pre>
 * DIR/NAME/sweep.json                               definition, base config, size, times
 * DIR/NAME/points/network=X/rS-E-part-....parquet   rows of committed range [S, E)
 * DIR/NAME/layers/network=X/rS-E-part-....parquet
 * DIR/NAME/_chunks/rS-E.json                        commit marker of range [S, E)
 * DIR/NAME/_staging/rS-E/                           a range being written
 * </pre>
 * A range counts only once its marker exists; its files are moved into the tables before the
 * marker is written, so a crash leaves either a committed range or orphan files that
 * {@link #removeOrphans} deletes before the range is computed again. No row is ever written twice.
 */
final class SweepOutput {
    static final String[] TABLES = {"points", "layers"};
    private static final Pattern RANGE = Pattern.compile("^r(\\d+)-(\\d+)");

    final Path root;
    private final FileSystem fs;

    SweepOutput(String outDir, String sweepName, Configuration conf) {
        this(new Path(outDir, sweepName), conf);
    }

    SweepOutput(Path root, Configuration conf) {
        this.root = root;
        try {
            this.fs = root.getFileSystem(conf);
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

    Path staging(long start, long end) {
        return new Path(root, "_staging/" + rangeName(start, end));
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

    /** Committed ranges [start, end), sorted by start. */
    List<long[]> committedRanges() {
        List<long[]> ranges = new ArrayList<>();
        Path chunks = new Path(root, "_chunks");
        try {
            if (!fs.exists(chunks)) {
                return ranges;
            }
            for (FileStatus s : fs.listStatus(chunks)) {
                Matcher m = RANGE.matcher(s.getPath().getName());
                if (m.find() && s.getPath().getName().endsWith(".json")) {
                    ranges.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        return ranges;
    }

    /** Deletes table files of ranges without a commit marker, and any staging left by a crash. */
    int removeOrphans() {
        Set<String> committed = new TreeSet<>();
        for (long[] r : committedRanges()) {
            committed.add(rangeName(r[0], r[1]));
        }
        int removed = 0;
        try {
            fs.delete(new Path(root, "_staging"), true);
            for (String table : TABLES) {
                for (Path p : filesUnder(table(table), name -> {
                    Matcher m = RANGE.matcher(name);
                    return m.find() && !committed.contains(m.group());
                })) {
                    fs.delete(p, false);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /**
     * Moves the Parquet files Spark wrote under {@code staging/<table>/network=X/} into
     * {@code <table>/network=X/}, prefixed with the range name, then writes the range's marker.
     */
    void commit(long start, long end, String markerJson) {
        Path staging = staging(start, end);
        String prefix = rangeName(start, end) + "-";
        try {
            for (String table : TABLES) {
                for (Path p : filesUnder(new Path(staging, table), name -> name.endsWith(".parquet"))) {
                    Path target = new Path(new Path(table(table), p.getParent().getName()), prefix + p.getName());
                    fs.mkdirs(target.getParent());
                    if (!fs.rename(p, target)) {
                        throw new IOException("rename " + p + " -> " + target + " failed");
                    }
                }
            }
            write(new Path(root, "_chunks/" + rangeName(start, end) + ".json"), markerJson);
            fs.delete(staging, true);
            Path stagingRoot = staging.getParent();
            if (fs.listStatus(stagingRoot).length == 0) {
                fs.delete(stagingRoot, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files below {@code dir} (recursively) whose name passes the test; none when dir does not exist. */
    private List<Path> filesUnder(Path dir, java.util.function.Predicate<String> name) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            Path p = files.next().getPath();
            if (name.test(p.getName())) {
                out.add(p);
            }
        }
        return out;
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
