package org.sresim.spark;

import java.io.PrintWriter;
import org.apache.spark.util.LongAccumulator;

/**
 * Console progress of a sweep: points done / total, points per second and ETA, printed when a
 * chunk commits and every few seconds in between (from the running chunk's task accumulator).
 */
final class Progress {
    private static final long INTERVAL_NS = 5_000_000_000L;
    private final PrintWriter console;
    private final String name;
    private final long total;
    private final long startedWith;
    private final long began = System.nanoTime();
    private volatile long committed;
    private volatile LongAccumulator inFlight;
    private final Thread ticker;

    Progress(PrintWriter console, String name, long total, long alreadyDone) {
        this.console = console;
        this.name = name;
        this.total = total;
        this.startedWith = alreadyDone;
        this.committed = alreadyDone;
        ticker = new Thread(this::tick, "sweep-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    void watch(LongAccumulator running) {
        inFlight = running;
    }

    void committed(long points) {
        committed += points;
        inFlight = null;
        print("committed");
    }

    void stop() {
        ticker.interrupt();
    }

    private void tick() {
        long lastPrinted = -1;
        long lastTime = System.nanoTime();
        try {
            while (true) {
                Thread.sleep(INTERVAL_NS / 1_000_000);
                LongAccumulator acc = inFlight;
                long done = committed + (acc == null ? 0 : acc.value());
                // a line when points finished since the last one, else a heartbeat every 30 s
                if (done != lastPrinted || System.nanoTime() - lastTime > 6 * INTERVAL_NS) {
                    print("running");
                    lastPrinted = done;
                    lastTime = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void print(String state) {
        LongAccumulator acc = inFlight;
        long done = Math.min(total, committed + (acc == null ? 0 : acc.value()));
        double seconds = (System.nanoTime() - began) / 1e9;
        double rate = (done - startedWith) / Math.max(seconds, 1e-9);
        String eta = rate > 0 ? formatSeconds((total - done) / rate) : "?";
        console.printf("[%s] %d/%d points (%.1f%%), %.2f points/s, ETA %s (%s)%n", name, done, total,
                100.0 * done / total, rate, eta, state);
        console.flush();
    }

    static String formatSeconds(double s) {
        if (s < 90) {
            return String.format("%.0f s", s);
        }
        if (s < 5400) {
            return String.format("%.1f min", s / 60);
        }
        return String.format("%.1f h", s / 3600);
    }
}
