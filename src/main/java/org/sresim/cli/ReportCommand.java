package org.sresim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sresim.report.Part;
import org.sresim.report.Report;
import org.sresim.report.ReportContext;
import org.sresim.spark.ReportSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sre report DIR}: figures and tables of one sweep as a static HTML page and Markdown. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write index.html, summary.md and figures/*.png|svg for one sweep under DIR.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (as given to sweep --out)")
    String dir;

    @Option(names = "--sweep", paramLabel = "NAME", description = "the sweep to report on when DIR holds several")
    String sweep;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (local; default: report-<sweep>)")
    Path out;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true"); // figures are drawn without a display
        if (!dir.contains("://") && !java.nio.file.Files.isDirectory(Path.of(dir))) {
            throw new UserException(dir + ": no such directory");
        }
        String name = Report.chooseSweep(dir, ReportSource.sweepNames(dir), sweep); // fails before Spark starts
        Path target = out != null ? out : Path.of("report-" + name);
        long began = System.nanoTime();
        SparkSession spark = sparkOptions.session("sre-report " + name);
        Report.Written w;
        try {
            ReportContext ctx = ReportContext.of(name, ReportSource.open(spark, dir, name));
            java.util.List<Part> parts = Report.build(ctx);
            w = Report.write(name, parts, target);
        } finally {
            spark.stop();
        }
        spec.commandLine().getOut().printf("report of sweep '%s': %d sections, %d figures in %.1f s%n  %s%n  %s%n",
                name, w.parts(), w.figures(), (System.nanoTime() - began) / 1e9, w.dir().resolve("index.html"),
                w.dir().resolve("summary.md"));
        return 0;
    }
}
