package org.sresim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sresim.workload.ReusedWorkloads;

/** Medians of repeated runs, and the clean-up the timed runs share. */
final class Timing {
    private Timing() {
    }

    static double median(double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Median seconds of {@code repeats} runs after a warm-up (JIT, class loading); before each run
     * the kept workloads are dropped, so each run draws its workloads as a fresh executor would.
     */
    static double medianSeconds(Runnable run, int repeats) {
        run.run();
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            ReusedWorkloads.shared().clear();
            long t0 = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(seconds);
    }

    /** Deletes a folder and everything in it. */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
