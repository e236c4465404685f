package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sresim.sweep.SweepException;

/**
 * A table computed from a sweep's committed rows and replaced as a whole by each run that
 * computes it ({@code pareto}; the same rules suit any such table), beside {@code points}:
 * <pre>
 * DIR/NAME/_staging/TABLE-RUN/                 a run writing its rows (Spark's writer)
 * DIR/NAME/TABLE/vN-RUN/part-*.parquet         version N, moved here in one rename once written
 * DIR/NAME/_tables/TABLE/vN.json               commit marker of version N: its files and the run's parameters
 * </pre>
 * Readers read exactly the files the newest parseable marker lists ({@link #committedFiles}),
 * so a run that fails or dies at any step leaves the previous version what everyone reads, and a
 * commit replaces it at once (creating a marker is atomic: {@link SweepOutput#createIfAbsent}).
 * The run then deletes the older versions and markers, so the folder holds one version for
 * readers that list folders themselves (DuckDB, pandas). The writer holds the sweep's
 * {@link SweepLease}: one writer per sweep folder, never while the sweep itself runs.
 */
final class DerivedTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("^v(\\d+)(?:-.*|\\.json)$");

    private final SweepOutput out;
    private final String name;

    DerivedTable(SweepOutput out, String name) {
        this.out = out;
        this.name = name;
    }

    private Path markers() {
        return new Path(out.root, "_tables/" + name);
    }

    /** Where a run writes its rows before {@link #commit}. */
    Path staging(String runId) {
        return out.staging(name + "-" + runId);
    }

    /** The newest committed marker, or null when the table was never committed. */
    JsonNode committedMarker() {
        JsonNode best = null;
        long bestVersion = -1;
        try {
            if (!out.fs().exists(markers())) {
                return null;
            }
            for (FileStatus s : out.fs().listStatus(markers())) {
                Matcher m = VERSION.matcher(s.getPath().getName());
                if (!m.matches() || !s.getPath().getName().endsWith(".json")) {
                    continue;
                }
                long v = Long.parseLong(m.group(1));
                if (v <= bestVersion) {
                    continue;
                }
                JsonNode marker = parse(s.getPath());
                if (marker != null) {
                    best = marker;
                    bestVersion = v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best;
    }

    /** Absolute paths of the committed version's files; empty when there is none. */
    List<String> committedFiles() {
        List<String> files = new ArrayList<>();
        JsonNode marker = committedMarker();
        if (marker != null) {
            marker.get("files").forEach(f -> files.add(new Path(out.root, f.asText()).toString()));
        }
        return files;
    }

    /** The table's folder (the base path of its files). */
    Path folder() {
        return out.table(name);
    }

    /**
     * Makes the rows written to {@code staging} the table: moves the folder into place, writes the
     * marker of the next version (listing its Parquet files and {@code info}), then deletes older
     * versions. Returns the version.
     */
    long commit(Path staging, String runId, ObjectNode info) {
        try {
            long version = nextVersion();
            Path target = new Path(folder(), "v" + version + "-" + runId);
            out.fs().mkdirs(folder());
            if (!out.fs().rename(staging, target)) {
                throw new IOException("rename " + staging + " -> " + target + " failed");
            }
            List<String> files = new ArrayList<>();
            for (Path p : out.filesUnder(target, f -> f.endsWith(".parquet"))) {
                files.add(name + "/" + target.getName() + "/" + p.getName());
            }
            files.sort(null);
            ObjectNode marker = JSON.createObjectNode();
            marker.put("table", name);
            marker.put("version", version);
            marker.put("run", runId);
            marker.put("committed", Instant.now().toString());
            files.forEach(marker.putArray("files")::add);
            marker.set("info", info);
            if (!SweepOutput.createIfAbsent(out.fs(), new Path(markers(), "v" + version + ".json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker))) {
                throw new SweepException(out.root + ": version " + version + " of table " + name
                        + " was committed by another run meanwhile");
            }
            removeStale();
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One more than any version a marker or a folder names, so a version's name is never reused. */
    private long nextVersion() throws IOException {
        long max = 0;
        for (Path dir : new Path[] {markers(), folder()}) {
            if (out.fs().exists(dir)) {
                for (FileStatus s : out.fs().listStatus(dir)) {
                    Matcher m = VERSION.matcher(s.getPath().getName());
                    if (m.matches()) {
                        max = Math.max(max, Long.parseLong(m.group(1)));
                    }
                }
            }
        }
        return max + 1;
    }

    /**
     * Deletes everything of the table but the committed version: older markers, markers that do
     * not parse, version folders no newest marker names (older ones, or one moved in by a run that
     * died before its marker). Only the lease holder calls it. Returns the entries deleted.
     */
    int removeStale() {
        int removed = 0;
        try {
            JsonNode current = committedMarker();
            long version = current == null ? -1 : current.path("version").asLong();
            String keep = current == null ? null : "v" + version + "-" + current.path("run").asText();
            if (out.fs().exists(markers())) {
                for (FileStatus s : out.fs().listStatus(markers())) {
                    if (!s.getPath().getName().equals("v" + version + ".json") && out.fs().delete(s.getPath(), true)) {
                        removed++;
                    }
                }
            }
            if (out.fs().exists(folder())) {
                for (FileStatus s : out.fs().listStatus(folder())) {
                    // only version folders: a table may share its folder with files of its own (designs/networks)
                    if (VERSION.matcher(s.getPath().getName()).matches() && !s.getPath().getName().equals(keep)
                            && out.fs().delete(s.getPath(), true)) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private JsonNode parse(Path marker) {
        try {
            JsonNode n = JSON.readTree(out.read(marker));
            return n != null && n.isObject() && n.has("files") && n.has("version") ? n : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
