package org.sresim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongToDoubleFunction;
import org.sresim.spark.MeasuredCosts;
import org.sresim.sweep.Units;

/**
 * Replays a finished sweep's measured point costs through the sweep's scheduling ({@link Units#plan}
 * for N cores, then list scheduling in that order) on N virtual cores: the utilisation a cluster of
 * that size would see, task overheads aside. A point's measured cost includes counting its workload
 * when it was the first of its group in its task; where N cores split groups that the measured run
 * did not, the replay does not add the extra counting, so it is optimistic there.
 */
public final class ScheduleReplay {
    private ScheduleReplay() {
    }

    /** What a replay found: busy core-seconds over available core-seconds. */
    public record Replay(int cores, int units, double workSeconds, double makespanSeconds) {
        public double utilisation() {
            return workSeconds / (cores * makespanSeconds);
        }
    }

    /** One replay per core count, in the order given. */
    public static List<Replay> replay(MeasuredCosts measured, List<Integer> cores) {
        long size = measured.plan().size();
        Units.Costs costs = Units.estimatedCost(measured.plan());
        double[] seconds = measured.secondsAt();
        List<Replay> result = new ArrayList<>();
        for (int n : cores) {
            List<Units.Unit> units = Units.plan(List.<long[]>of(new long[] {0, size}), costs, n, Units.MAX_POINTS);
            result.add(listScheduling(units, p -> seconds[(int) p], n));
        }
        return result;
    }

    /**
     * List scheduling of {@code units}, in order, on {@code cores} virtual cores: each unit starts on
     * the first core to become free (what Spark does with the tasks of FIFO jobs), taking the sum of
     * its points' measured seconds.
     */
    static Replay listScheduling(List<Units.Unit> units, LongToDoubleFunction seconds, int cores) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int c = 0; c < cores; c++) {
            free.add(0.0);
        }
        double work = 0;
        double end = 0;
        for (Units.Unit u : units) {
            double d = 0;
            for (long i = u.start(); i < u.end(); i++) {
                d += seconds.applyAsDouble(i);
            }
            work += d;
            double finish = free.poll() + d;
            end = Math.max(end, finish);
            free.add(finish);
        }
        return new Replay(cores, units.size(), work, end);
    }
}
