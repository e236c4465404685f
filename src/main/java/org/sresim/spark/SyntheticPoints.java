package org.sresim.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.engine.Scheme;
import org.sresim.sweep.ColumnType;
import org.sresim.sweep.ResultColumn;
import org.sresim.sweep.ResultSchema;

/**
 * A committed sweep folder of made-up rows in the {@code points} layout (manifest, Parquet files
 * per network, one commit marker), for timing and testing what reads sweeps ({@code bench
 * --pareto}): a real sweep of 10^5 points takes minutes, these take a second. Rows come in
 * designs (4 networks x 7 schemes x OU shapes x ADC bits) of {@code seeds} rows each; the
 * objectives {@code latency_ns}, {@code energy_pj} vary per seed around a design's value,
 * {@code area_mm2} is the design's, all drawn from {@code Random(seed)}; other metric columns
 * but a few are NULL. Deterministic for given arguments.
 */
public final class SyntheticPoints {
    static final String[] NETWORKS = {"lenet5", "cifar10-quick", "alexnet", "vgg16"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticPoints() {
    }

    /**
     * Writes about {@code rows} rows (whole designs, at least one per network and scheme) as sweep
     * {@code name} in {@code dir/name}; a fraction {@code nullLatency} of them has a NULL latency.
     * Returns the sweep folder.
     */
    public static String write(String dir, String name, long rows, int seeds, long seed, double nullLatency,
                               Configuration conf) {
        SweepOutput out = new SweepOutput(dir, name, conf);
        List<ResultColumn> columns = ResultSchema.POINTS;
        Config defaults = ConfigLoader.defaults();
        Map<String, Object> base = new HashMap<>();
        for (Key k : Keys.all()) {
            Object v = defaults.value(k.name());
            base.put(k.column(), v == null ? null : columnValue(columns, k.column(), v));
        }
        Scheme[] schemes = Scheme.values();
        long designsPerGroup = Math.max(1, rows / ((long) NETWORKS.length * schemes.length * seeds));
        int[] ouRows = {2, 4, 8, 9, 16, 32};
        int[] ouCols = {4, 8, 16, 32};
        String[] adc = {"auto", "4", "5", "6", "8"};
        Random random = new Random(seed);
        long index = 0;
        List<String> files = new ArrayList<>();
        try {
            for (String network : NETWORKS) {
                String file = "points/network=" + network + "/r0-synthetic.parquet";
                files.add(file);
                try (ParquetRows w = new ParquetRows(columns, out.fs(), new Path(out.root, file), conf)) {
                    for (Scheme scheme : schemes) {
                        for (long d = 0; d < designsPerGroup; d++) {
                            // a design's cost: latency falls and energy and area rise with the OU size, plus noise
                            double size = random.nextDouble();
                            double latency = 1e6 * (2 - size) * (1 + random.nextDouble());
                            double energy = 1e7 * (1 + size) * (1 + random.nextDouble());
                            double area = 10 * (1 + size) * (1 + 0.5 * random.nextDouble());
                            String hash = String.format("%s-%07d", network, d);
                            for (int s = 1; s <= seeds; s++) {
                                Object[] v = new Object[columns.size()];
                                for (int i = 0; i < columns.size(); i++) {
                                    v[i] = base.get(columns.get(i).name());
                                }
                                set(v, "point_id", hash + "-" + s);
                                set(v, "point_index", index++);
                                set(v, "sweep", name);
                                set(v, "network", network);
                                set(v, "seed", (long) s);
                                set(v, "ou_rows", ouRows[(int) (d % ouRows.length)]);
                                set(v, "ou_cols", ouCols[(int) (d / ouRows.length % ouCols.length)]);
                                set(v, "adc_bits", adc[(int) (d / ouRows.length / ouCols.length % adc.length)]);
                                set(v, "config_hash", hash);
                                set(v, "scheme", scheme.id());
                                set(v, "latency_ns", random.nextDouble() < nullLatency ? null
                                        : latency * (1 + 0.01 * random.nextGaussian()));
                                set(v, "energy_pj", energy * (1 + 0.01 * random.nextGaussian()));
                                set(v, "area_mm2", area);
                                set(v, "speedup", 2e6 / latency);
                                set(v, "energy_saving", 1 - energy / 3e7);
                                set(v, "read_error_rate", 1e-5 * random.nextDouble());
                                set(v, "adc_clip_rate", random.nextInt(4) == 0 ? 1e-3 * random.nextDouble() : 0.0);
                                set(v, "fits_on_chip", true);
                                set(v, "sim_ms", 1.0);
                                w.write(v);
                            }
                        }
                    }
                }
            }
            ObjectNode marker = JSON.createObjectNode();
            marker.put("start", 0).put("end", index).put("attempt", "synthetic").put("committed", Instant.now().toString());
            files.forEach(marker.putArray("files")::add);
            SweepOutput.createIfAbsent(out.fs(), out.marker(0, index), JSON.writeValueAsBytes(marker));
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("name", name);
            manifest.put("sweep_file", "(synthetic)");
            manifest.put("grid_size", index);
            manifest.put("version", "synthetic");
            manifest.put("started", Instant.now().toString());
            manifest.put("finished", Instant.now().toString());
            manifest.put("runs", 1);
            out.write(out.manifest(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.root.toString();
    }

    private static Object columnValue(List<ResultColumn> columns, String column, Object v) {
        for (ResultColumn c : columns) {
            if (c.name().equals(column)) {
                return c.type() == ColumnType.STRING ? v.toString() : v;
            }
        }
        return v;
    }

    private static void set(Object[] row, String column, Object value) {
        row[ResultSchema.index(ResultSchema.POINTS, column)] = value;
    }
}
