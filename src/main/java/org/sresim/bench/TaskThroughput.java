package org.sresim.bench;

import java.nio.file.Path;
import org.sresim.spark.HadoopFiles;
import org.sresim.sweep.PointLoop;
import org.sresim.sweep.PointWorkloads;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.ReusedWorkloads;

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
        SweepPlan plan = SweepFile.load(file, new HadoopFiles());
        PointLoop loop = new PointLoop(plan, new PointWorkloads(new HadoopFiles(), ReusedWorkloads.shared()));
        double shared = Timing.medianSeconds(() -> loop.run(0, plan.size(), p -> { }, true), repeats);
        double groups = Timing.medianSeconds(() -> onePointPerGroup(plan, loop), repeats);
        double each = alone ? Timing.medianSeconds(() -> loop.run(0, plan.size(), p -> { }, false), repeats)
                : Double.NaN;
        return new Result(plan.name(), plan.size(), plan.workloadGroups(), shared, groups, each);
    }

    /** The first point of every workload group, rows dropped: the sweep's workloads without their hardware variants. */
    private static void onePointPerGroup(SweepPlan plan, PointLoop loop) {
        long variants = plan.variantsPerGroup();
        for (long position = 0; position < plan.size(); position += variants) {
            loop.run(position, position + 1, p -> { }, true);
        }
    }
}
