package org.sresim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sresim.config.Config;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.spark.Summary;
import org.sresim.spark.SweepJob;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sre sweep FILE --out DIR}: every point of a grid, on Spark, into Parquet tables. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep file on Spark and write DIR/<name>/points and layers as Parquet.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "sweep definition (YAML), e.g. sweeps/quickstart.yaml")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "results directory (local path, hdfs://, s3a://; default: ${DEFAULT-VALUE})")
    String out;

    @Option(names = "--dry-run", description = "validate, print the grid size and the first points, run nothing")
    boolean dryRun;

    @Option(names = "--resume", description = "continue an interrupted sweep (rerunning the same command does too)")
    boolean resume;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--task-points", defaultValue = "0",
            description = "at most this many points per task (default: sized from the grid and the cores, at most 256)")
    int taskPoints;

    @Option(names = "--force-rerun",
            description = "delete the results already in the sweep's folder and start over (e.g. after editing a network file)")
    boolean forceRerun;

    @Option(names = "--lease-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "take over the folder's lease if its holder has not heart-beaten for this long (default: ${DEFAULT-VALUE})")
    long leaseTimeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": sweep file not found");
        }
        SweepPlan plan = SweepFile.load(file, new org.sresim.spark.HadoopFiles());
        console.printf("sweep '%s': %,d points (%s), %d network(s)%n", plan.name(), plan.size(), plan.describeAxes(),
                plan.networks().size());
        if (dryRun) {
            for (long i = 0; i < Math.min(plan.size(), 5); i++) {
                console.printf("  point %d: %s%n", i, differences(plan.base(), plan.point(i)));
            }
            if (plan.size() > 5) {
                console.printf("  ... %,d more%n", plan.size() - 5);
            }
            return 0;
        }
        String root = out + "/" + plan.name();
        if (resume && !Files.exists(Path.of(root, "sweep.json")) && !root.contains("://")) {
            throw new UserException("--resume: nothing to resume at " + root);
        }
        SparkSession spark = sparkOptions.session("sre-sweep " + plan.name());
        try {
            Thread warmUp = Summary.warmUp(spark, plan.profiledNetworks());
            SweepJob.Outcome o = new SweepJob(spark, console).run(plan, new SweepJob.Options(out, file.toString(),
                    SweepFile.asJson(file), version(), taskPoints, forceRerun, Duration.ofSeconds(leaseTimeoutSeconds)));
            joinQuietly(warmUp);
            Dataset<Row> summary = Summary.bestSre(spark, o.path(), plan.profiledNetworks());
            console.println();
            RowPrinter.print(summary.schema(), summary.collectAsList(), RowPrinter.Format.table, console);
            console.printf("%nresults: %s/points and %s/layers (query: ./submit.sh query %s \"SELECT ...\")%n",
                    o.path(), o.path(), out);
        } finally {
            spark.stop();
        }
        return 0;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String differences(Config base, Config point) {
        StringBuilder sb = new StringBuilder();
        for (Key k : Keys.all()) {
            Object v = point.value(k.name());
            if (!v.equals(base.value(k.name())) || k.name().equals("network") || k.name().equals("seed")) {
                sb.append(k.name()).append('=').append(v).append(' ');
            }
        }
        return sb.toString().trim();
    }

    static String version() {
        String v = SweepCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
