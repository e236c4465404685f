package org.sresim.spark;

import java.io.PrintWriter;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Console progress of a sweep: points done / total, points per second and ETA, printed when the
 * sweep commits and every few seconds in between (from the tasks' accumulators).
 * <p>
 * The ETA is paced by the estimated cost of the units ({@link Units}), not by points: units run
 * longest first, so the first points done are the dearest, and a points-based ETA of the paper
 * sweep said 8.2 minutes when 0.8 were left.
 */
final class Progress {
    private static final long INTERVAL_NS = 5_000_000_000L;
    private final PrintWriter console;
    private final String name;
    private final long total;
    private final long startedWith;
    private final long began = System.nanoTime();
    /** The estimated cost of the points this run does (the units' costs summed). */
    private final double costToDo;
    private volatile long committed;
    private volatile LongAccumulator inFlight;
    private volatile DoubleAccumulator costDone;
    private final Thread ticker;

    Progress(PrintWriter console, String name, long total, long alreadyDone, double costToDo) {
        this.console = console;
        this.name = name;
        this.total = total;
        this.startedWith = alreadyDone;
        this.committed = alreadyDone;
        this.costToDo = costToDo;
        ticker = new Thread(this::tick, "sweep-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** @param cost the estimated cost of the units done so far */
    void watch(LongAccumulator running, DoubleAccumulator cost) {
        inFlight = running;
        costDone = cost;
    }

    void committed(long points) {
        committed += points;
        inFlight = null;
        costDone = null;
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
        DoubleAccumulator cost = costDone;
        String eta = done == total ? formatSeconds(0)
                : cost == null ? "?" : eta(seconds, cost.value(), costToDo);
        console.printf("[%s] %d/%d points (%.1f%%), %.2f points/s, ETA %s (%s)%n", name, done, total,
                100.0 * done / total, rate, eta, state);
        console.flush();
    }

    /**
     * The time left when {@code done} of {@code toDo} cost units took {@code seconds}, at the same
     * pace; "?" before any cost is done.
     */
    static String eta(double seconds, double done, double toDo) {
        if (!(done > 0)) {
            return "?";
        }
        return formatSeconds(Math.max(0, toDo - done) * seconds / done);
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
