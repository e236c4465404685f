package org.sresim.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.util.LongAccumulator;
import org.sresim.sweep.PointLoop;
import org.sresim.sweep.PointWorkloads;
import org.sresim.sweep.ResultColumn;
import org.sresim.sweep.ResultSchema;
import org.sresim.sweep.SweepPlan;
import org.sresim.sweep.Units;
import org.sresim.workload.ReusedWorkloads;

/**
 * One task: simulates the points of a unit, streams their rows into one Parquet file per table and
 * network in the attempt's own staging folder, moves them into the tables under names unique to the
 * attempt, and commits by creating the unit's marker (listing those files) with create-if-absent.
 * The first attempt to create the marker wins; a retry or speculative attempt that finds the marker
 * (before starting, or when its own create fails) deletes its files, so no row is ever committed
 * twice and readers, which read only listed files, never see a losing attempt's rows.
 */
final class UnitTask {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One per executor JVM: its tasks share opened model data and drawn workloads. */
    private static final PointWorkloads WORKLOADS = new PointWorkloads(new HadoopFiles(), ReusedWorkloads.shared());

    /**
     * What a task checks after a unit's files are moved into the tables and before its marker is
     * created, the one point where stopping leaves files that no marker lists: a task cancelled
     * there must throw rather than commit. Serializable: it travels to the executors with the task.
     */
    interface BeforeMarker extends java.io.Serializable {
        void check(Units.Unit unit);

        /** Nothing to check beyond the task being killed, which {@link SweepJob} checks itself. */
        BeforeMarker NONE = unit -> { };
    }

    private UnitTask() {
    }

    /**
     * @param attempt      unique name of this attempt (run id and Spark task attempt id)
     * @param beforeMarker run after the files are moved, before the marker is created
     * @return true if this attempt committed the unit, false if another attempt had or has
     */
    static boolean run(Units.Unit unit, SweepPlan plan, Configuration conf, Path root, String attempt,
                       LongAccumulator done, Runnable beforeMarker) {
        SweepOutput out = new SweepOutput(root, conf);
        FileSystem fs = out.fs();
        Path marker = out.marker(unit.start(), unit.end());
        String name = SweepOutput.rangeName(unit.start(), unit.end()) + "-" + attempt;
        Path staging = out.staging(name);
        Map<String, ParquetRows> writers = new LinkedHashMap<>();
        List<String> moved = new ArrayList<>();
        try {
            if (fs.exists(marker)) {
                return false;
            }
            new PointLoop(plan, WORKLOADS).run(unit.start(), unit.end(), p -> {
                try {
                    write(writers, "points", ResultSchema.POINTS, p.points(), fs, staging, conf);
                    write(writers, "layers", ResultSchema.LAYERS, p.layers(), fs, staging, conf);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (done != null) {
                    done.add(1);
                }
            });
            for (ParquetRows w : writers.values()) {
                w.close();
            }
            for (String file : writers.keySet()) {
                String target = file.substring(0, file.lastIndexOf('/')) + "/" + name + ".parquet";
                Path to = new Path(root, target);
                fs.mkdirs(to.getParent());
                if (!fs.rename(new Path(staging, file), to)) {
                    throw new IOException("rename " + new Path(staging, file) + " -> " + to + " failed");
                }
                moved.add(target);
            }
            writers.clear();
            beforeMarker.run();
            if (claim(fs, marker, unit, attempt, moved)) {
                return true;
            }
            for (String f : moved) {
                fs.delete(new Path(root, f), false);
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ParquetRows w : writers.values()) {
                try {
                    w.close();
                } catch (IOException | RuntimeException ignored) {
                    // the attempt failed already; its staging goes below
                }
            }
            try {
                fs.delete(staging, true);
            } catch (IOException ignored) {
                // the driver deletes staging left behind at the end of the run
            }
        }
    }

    private static void write(Map<String, ParquetRows> writers, String table, List<ResultColumn> columns,
                              List<Object[]> rows, FileSystem fs, Path staging, Configuration conf) throws IOException {
        int network = ParquetRows.indexOf(columns, "network");
        for (Object[] row : rows) {
            String file = table + "/network=" + ExternalCatalogUtils.escapePathName(row[network].toString())
                    + "/part.parquet";
            ParquetRows w = writers.get(file);
            if (w == null) {
                w = new ParquetRows(columns, fs, new Path(staging, file), conf);
                writers.put(file, w);
            }
            w.write(row);
        }
    }

    /** Creates the marker if absent, in one write; false if another attempt created it first. */
    private static boolean claim(FileSystem fs, Path marker, Units.Unit unit, String attempt, List<String> files)
            throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("start", unit.start()).put("end", unit.end()).put("attempt", attempt)
                .put("committed", Instant.now().toString());
        files.forEach(m.putArray("files")::add);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        return SweepOutput.createIfAbsent(fs, marker, bytes);
    }
}
