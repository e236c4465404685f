package org.sresim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sresim.sweep.SweepException;

/**
 * One writer per sweep folder: {@code _lease.json}, created only if absent ({@link SweepOutput#createIfAbsent}:
 * {@code FileSystem.create(path, overwrite=false)} on HDFS, a hard link locally), atomic on both:
 * exactly one of two racing runs gets it. It names the holder (owner, host, pid, run id, start) and carries a heartbeat
 * a daemon thread rewrites every {@code timeout / 4}. A second run is refused naming the holder;
 * a lease whose heartbeat is older than the timeout belongs to a run that died, and is taken over:
 * the stale file is first renamed aside (only one of two racing takers can rename it), then created
 * anew. On S3 (s3a://) create-if-absent is not atomic (S3A checks, then writes), so two runs started
 * within the same second can both win; run one sweep per folder there.
 */
final class SweepLease implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path path;
    private final ObjectNode holder;
    private final Thread heartbeat;
    private volatile boolean lost;
    /** Guards {@link #stopped} and every heartbeat write: close never interrupts a write half way. */
    private final Object writing = new Object();
    private boolean stopped;

    private SweepLease(FileSystem fs, Path path, ObjectNode holder, Duration timeout) {
        this.fs = fs;
        this.path = path;
        this.holder = holder;
        long every = Math.max(50, timeout.toMillis() / 4);
        heartbeat = new Thread(() -> beat(every), "sweep-lease-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /** Takes the lease of {@code root} or throws a one-line {@link SweepException} naming the holder. */
    static SweepLease acquire(FileSystem fs, Path root, Duration timeout, PrintWriter console) {
        Path path = new Path(root, "_lease.json");
        ObjectNode me = JSON.createObjectNode();
        me.put("owner", System.getProperty("user.name"));
        me.put("host", hostName());
        me.put("pid", ProcessHandle.current().pid());
        me.put("run", UUID.randomUUID().toString().substring(0, 8));
        me.put("started", Instant.now().toString());
        me.put("heartbeat", Instant.now().toString());
        try {
            fs.mkdirs(root);
            for (int attempt = 0; attempt < 3; attempt++) {
                if (create(fs, path, me)) {
                    return new SweepLease(fs, path, me, timeout);
                }
                JsonNode held = read(fs, path);
                if (held == null) {
                    // released between our create and our read, or being rewritten: try again; but a file
                    // left unreadable (a run killed while writing it) and untouched for the timeout is stale
                    if (untouchedFor(fs, path, timeout)) {
                        Path aside = new Path(root, "_lease.json.unreadable-" + me.get("run").asText());
                        if (fs.rename(path, aside)) {
                            fs.delete(aside, false);
                        }
                    } else {
                        sleep();
                    }
                    continue;
                }
                Instant beat = heartbeatOf(fs, path, held);
                Duration age = Duration.between(beat, Instant.now());
                if (age.compareTo(timeout) <= 0) {
                    throw new SweepException(root + " is in use by another sweep run (" + describe(held)
                            + ", last heartbeat " + age.toSeconds() + " s ago); wait for it, use another --out, or after "
                            + timeout.toSeconds() + " s without heartbeat it is taken over");
                }
                Path aside = new Path(root, "_lease.json.stale-" + me.get("run").asText());
                if (fs.rename(path, aside)) {
                    fs.delete(aside, false);
                    console.printf("taking over the lease of %s from a run that stopped heart-beating %d s ago (%s)%n",
                            root, age.toSeconds(), describe(held));
                    console.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new SweepException(root + ": could not take the lease (_lease.json keeps changing); is another run starting?");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String runId() {
        return holder.get("run").asText();
    }

    /** True once another run took the lease over (this run stalled past the timeout): stop writing. */
    boolean lost() {
        return lost;
    }

    /** Stops the heartbeat and deletes the lease if it is still ours. */
    @Override
    public void close() {
        synchronized (writing) {
            stopped = true; // no heartbeat write is in progress now, and none starts after this
            writing.notifyAll();
        }
        try {
            heartbeat.join(5000);
            JsonNode held = read(fs, path);
            if (held != null && runId().equals(held.path("run").asText())) {
                fs.delete(path, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Rewrites the heartbeat every {@code everyMs} until closed. Writes happen under {@link #writing}
     * and only while not stopped, so closing never leaves a half-written lease and a closed lease
     * is never written again (it would be recreated after close deleted it).
     */
    private void beat(long everyMs) {
        try {
            synchronized (writing) {
                while (!stopped) {
                    writing.wait(everyMs);
                    if (stopped) {
                        return;
                    }
                    try {
                        JsonNode held = read(fs, path);
                        if (held != null && !runId().equals(held.path("run").asText())) {
                            lost = true;
                            return;
                        }
                        holder.put("heartbeat", Instant.now().toString());
                        try (FSDataOutputStream out = fs.create(path, true)) {
                            out.write(JSON.writeValueAsBytes(holder));
                        }
                    } catch (IOException e) {
                        // a missed heartbeat only brings the takeover closer; the next one tries again
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the file at {@code path} was last modified longer than {@code timeout} ago. */
    private static boolean untouchedFor(FileSystem fs, Path path, Duration timeout) throws IOException {
        try {
            long modified = fs.getFileStatus(path).getModificationTime();
            return Duration.between(Instant.ofEpochMilli(modified), Instant.now()).compareTo(timeout) > 0;
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    private static boolean create(FileSystem fs, Path path, ObjectNode me) throws IOException {
        return SweepOutput.createIfAbsent(fs, path, JSON.writeValueAsBytes(me));
    }

    /** The lease's JSON, or null if it is absent or half written. */
    private static JsonNode read(FileSystem fs, Path path) throws IOException {
        try (var in = fs.open(path)) {
            JsonNode n = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return n != null && n.has("run") ? n : null;
        } catch (java.io.FileNotFoundException | org.apache.hadoop.fs.ChecksumException e) {
            return null; // absent, or being rewritten (the local file system checks a separate .crc)
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static Instant heartbeatOf(FileSystem fs, Path path, JsonNode held) throws IOException {
        try {
            return Instant.parse(held.path("heartbeat").asText());
        } catch (RuntimeException e) {
            return Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
        }
    }

    static String describe(JsonNode held) {
        return "run " + held.path("run").asText() + " by " + held.path("owner").asText() + "@"
                + held.path("host").asText() + " pid " + held.path("pid").asText() + ", started "
                + held.path("started").asText();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
