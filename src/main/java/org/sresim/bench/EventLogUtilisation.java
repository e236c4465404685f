package org.sresim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sresim.sweep.SweepException;

/**
 * Executor utilisation of a sweep from Spark's event log (a JSON line per event, as written with
 * {@code spark.eventLog.enabled=true}): the task time of the sweep's jobs (those whose description
 * starts with {@code "sweep "}) over the cores times the wall time from the first sweep job's
 * submission to the last one's completion. Cores: the executors' total cores, or N of a
 * {@code local[N]} master.
 */
public final class EventLogUtilisation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+)(,\\d+)?]");

    /** @param busySeconds summed task durations; wallSeconds first submission to last completion */
    public record Result(int cores, int jobs, int tasks, double busySeconds, double wallSeconds) {
        public double utilisation() {
            return busySeconds / (cores * wallSeconds);
        }
    }

    private EventLogUtilisation() {
    }

    /**
     * The event log as lines: a file, or a rolling log's folder ({@code eventlog_v2_*}, its
     * {@code events_N_*} files in order); plain or zstd-compressed (Spark 4's default).
     */
    private static BufferedReader open(Path log) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(log)) {
            try (var s = Files.list(log)) {
                s.filter(p -> p.getFileName().toString().startsWith("events_")).forEach(files::add);
            }
            files.sort(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().split("_")[1])));
        } else {
            files.add(log);
        }
        List<InputStream> streams = new ArrayList<>();
        for (Path f : files) {
            InputStream in = new BufferedInputStream(Files.newInputStream(f));
            String name = f.getFileName().toString();
            if (name.endsWith(".zstd")) {
                in = new ZstdInputStream(in);
            } else if (name.endsWith(".lz4") || name.endsWith(".snappy") || name.endsWith(".lzf")) {
                throw new IOException(name + " is compressed with a codec this reader lacks; use zstd or "
                        + "spark.eventLog.compress=false");
            }
            streams.add(in);
        }
        return new BufferedReader(new InputStreamReader(new SequenceInputStream(Collections.enumeration(streams)),
                StandardCharsets.UTF_8));
    }

    public static Result of(Path eventLog) {
        Set<Integer> sweepStages = new HashSet<>();
        Set<Integer> sweepJobs = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int executorCores = 0;
        int localCores = 0;
        int tasks = 0;
        long busy = 0;
        try (BufferedReader in = open(eventLog)) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode e = JSON.readTree(line);
                switch (e.path("Event").asText()) {
                    case "SparkListenerEnvironmentUpdate" -> {
                        Matcher m = LOCAL.matcher(e.path("Spark Properties").path("spark.master").asText(""));
                        if (m.matches()) {
                            localCores = Integer.parseInt(m.group(1));
                        }
                    }
                    case "SparkListenerExecutorAdded" -> {
                        if (!"driver".equals(e.path("Executor ID").asText())) {
                            executorCores += e.path("Executor Info").path("Total Cores").asInt();
                        }
                    }
                    case "SparkListenerJobStart" -> {
                        if (e.path("Properties").path("spark.job.description").asText("").startsWith("sweep ")) {
                            sweepJobs.add(e.path("Job ID").asInt());
                            e.path("Stage IDs").forEach(s -> sweepStages.add(s.asInt()));
                            first = Math.min(first, e.path("Submission Time").asLong());
                        }
                    }
                    case "SparkListenerJobEnd" -> {
                        if (sweepJobs.contains(e.path("Job ID").asInt())) {
                            last = Math.max(last, e.path("Completion Time").asLong());
                        }
                    }
                    case "SparkListenerTaskEnd" -> {
                        if (sweepStages.contains(e.path("Stage ID").asInt())) {
                            JsonNode info = e.path("Task Info");
                            busy += info.path("Finish Time").asLong() - info.path("Launch Time").asLong();
                            tasks++;
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new SweepException(eventLog + ": cannot read the event log (" + e.getMessage() + ")");
        }
        if (sweepJobs.isEmpty() || last < first) {
            throw new SweepException(eventLog + ": no finished sweep job in this event log");
        }
        int cores = executorCores > 0 ? executorCores : localCores;
        if (cores == 0) {
            throw new SweepException(eventLog + ": neither executors nor a local[N] master in this event log");
        }
        return new Result(cores, sweepJobs.size(), tasks, busy / 1e3, (last - first) / 1e3);
    }
}
