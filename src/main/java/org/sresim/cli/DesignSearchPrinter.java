package org.sresim.cli;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sresim.engine.Scheme;
import org.sresim.spark.DesignSearchJob;

/** Runs {@code pareto --per-layer} and prints each group's front and knee design. */
final class DesignSearchPrinter {
    private final PrintWriter out;
    private final String dir;
    private final RowPrinter.Format format;
    private final int limit;

    DesignSearchPrinter(PrintWriter out, String dir, RowPrinter.Format format, int limit) {
        this.out = out;
        this.dir = dir;
        this.format = format;
        this.limit = limit;
    }

    int run(SparkOptions options, String sweep, DesignSearchJob.Request request) {
        if (java.util.Arrays.stream(Scheme.values()).noneMatch(s -> s.id().equals(request.scheme()))) {
            throw new UserException("--scheme " + request.scheme() + ": no such scheme (allowed: "
                    + String.join(", ", java.util.Arrays.stream(Scheme.values()).map(Scheme::id).toList()) + ")");
        }
        long began = System.nanoTime();
        SparkSession spark = options.session("sre-pareto --per-layer " + sweep);
        try {
            DesignSearchJob.Outcome o = new DesignSearchJob(spark, out, SweepCommand.version()).run(dir, sweep, request);
            out.printf("%nper-layer designs of sweep '%s' for %s, %s%s%n", sweep, request.scheme(),
                    org.sresim.sweep.Pareto.label(request.objectives()),
                    request.where().isEmpty() ? "" : ", every layer where " + request.where());
            for (DesignSearchJob.Group g : o.groups()) {
                out.printf("  %s%s%s: %d uniform and %d per-layer candidates, %d on the front%s%s%n", g.network(),
                        g.data().isEmpty() ? "" : " on " + g.data(), g.context().isEmpty() ? "" : " [" + g.context() + "]",
                        g.uniform(), g.perLayer(), g.front(), g.knee() == null ? "" : "; knee " + g.knee(),
                        g.infeasibleLayers().isEmpty() ? ""
                                : "; no setting meets the condition in layer(s) " + String.join(", ", g.infeasibleLayers()));
            }
            out.printf("table %s/%s (version %d): %d designs, in %.1f s; exact points: sweep '%s'%n%n", o.path(),
                    DesignSearchJob.TABLE, o.version(), o.rows(), (System.nanoTime() - began) / 1e9, o.exactSweep());
            Dataset<Row> front = DesignSearchJob.committed(spark, o.path()).where("on_front")
                    .selectExpr("network", "design", "kind", "choices", "latency_ns", "energy_pj", "area_mm2", "speedup",
                            "knee")
                    .orderBy("network", "latency_ns", "energy_pj", "design");
            List<Row> rows = front.limit(limit).collectAsList();
            RowPrinter.print(front.schema(), rows, format, out, String.format(
                    "(the front; every design: ./submit.sh query %s \"SELECT * FROM designs\")", dir));
        } finally {
            spark.stop();
        }
        return 0;
    }
}
