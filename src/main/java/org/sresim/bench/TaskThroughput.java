package org.sresim.bench;

import java.nio.file.Path;
import org.sresim.spark.SweepJob;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;

/**
 * Points/s of whole sweeps simulated as one task on one thread, no Spark ({@code sre bench
 * --task-throughput}): points differing only in OU height, ADC, latency model, chips or prices
 * share one counting pass, against one point per workload group, and optionally against every
 * point counted alone (the same rows either way). Medians after a warm-up.
 */
public final class TaskThroughput {
    private TaskThroughput() {
    }

    /** @param aloneSeconds NaN when not measured */
    public record Result(String sweep, long points, long groups, double sharedSeconds, double groupsSeconds,
                         double aloneSeconds) {
    }

    public static Result of(Path file, int repeats, boolean alone) {
        SweepPlan plan = SweepFile.load(file, new org.sresim.spark.HadoopFiles());
        double shared = Timing.medianSeconds(() -> SweepJob.simulateAsOneTask(plan, true), repeats);
        double groups = Timing.medianSeconds(() -> SweepJob.simulateOnePointPerGroup(plan), repeats);
        double each = alone ? Timing.medianSeconds(() -> SweepJob.simulateAsOneTask(plan, false), repeats) : Double.NaN;
        return new Result(plan.name(), plan.size(), plan.workloadGroups(), shared, groups, each);
    }
}
