package org.sresim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sresim.report.Report;
import org.sresim.spark.DesignSearchJob;
import org.sresim.spark.ParetoJob;
import org.sresim.spark.ReportSource;
import org.sresim.sweep.Pareto;
import org.sresim.sweep.ParetoTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sre pareto DIR --sweep NAME}: the Pareto front of a sweep's points, written as its {@code pareto} table. */
@Command(name = "pareto", mixinStandardHelpOptions = true,
        description = {"The Pareto front of a sweep's points per group (default: network, data, scheme), after "
                + "averaging points that differ only in seed; written as DIR/<sweep>/pareto (view 'pareto' in "
                + "query, sql and report) and printed.",
                "A design dominates another when it is no worse in every objective and better in one."})
final class ParetoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (as given to sweep --out)")
    String dir;

    @Option(names = "--sweep", paramLabel = "NAME", description = "the sweep (may be left out when DIR holds one)")
    String sweep;

    @Option(names = "--minimize", split = ",", paramLabel = "COL",
            description = "columns to minimise (default, when neither --minimize nor --maximize is given: "
                    + "latency_ns,energy_pj,area_mm2)")
    List<String> minimize;

    @Option(names = "--maximize", split = ",", paramLabel = "COL", description = "columns to maximise, e.g. speedup")
    List<String> maximize;

    @Option(names = "--where", paramLabel = "SQL",
            description = "a condition on points applied before averaging, e.g. \"read_error_rate <= 1e-4 AND adc_clip_rate = 0\"")
    String where;

    @Option(names = "--by", split = ",", paramLabel = "COL",
            description = "config columns (or scheme) to take one front per (default: network,data,scheme; '' for one front)")
    List<String> by;

    @Option(names = "--per-layer", description = "choose each layer's OU shape and ADC among the sweep's values "
            + "(--where applies to every layer row); candidates are re-simulated exactly; writes table 'designs'")
    boolean perLayer;

    @Option(names = "--scheme", defaultValue = "sre-bit", paramLabel = "SCHEME",
            description = "with --per-layer: the scheme to design for (default: ${DEFAULT-VALUE})")
    String scheme;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json for the front (default: ${DEFAULT-VALUE})")
    RowPrinter.Format format;

    @Option(names = "--limit", defaultValue = "1000", description = "print at most this many rows of the front (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // everything that can be checked without Spark fails before it starts
        ParetoTable.Request request = ParetoTable.Request.of(minimize, maximize, by, where);
        if (!dir.contains("://") && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(dir))) {
            throw new UserException(dir + ": no such directory");
        }
        String name = Report.chooseSweep(dir, ReportSource.sweepNames(dir), sweep);
        if (perLayer) {
            if (by != null) {
                throw new UserException("--by: not with --per-layer (designs are searched per network, data and "
                        + "the other config values a sweep varies)");
            }
            return new DesignSearchPrinter(out, dir, format, limit).run(sparkOptions, name,
                    new DesignSearchJob.Request(scheme, where, request.objectives()));
        }
        long began = System.nanoTime();
        SparkSession spark = sparkOptions.session("sre-pareto " + name);
        try {
            ParetoJob.Outcome o = new ParetoJob(spark, out).run(dir, name, request);
            summary(out, request, o, began);
            Dataset<Row> front = ParetoJob.committed(spark, o.path()).orderBy(ParetoJob.order(request));
            List<Row> rows = front.limit(limit).collectAsList();
            print(out, request, rows, o);
        } finally {
            spark.stop();
        }
        return 0;
    }

    private static void summary(PrintWriter out, ParetoTable.Request r, ParetoJob.Outcome o, long began) {
        out.printf("pareto of sweep '%s': %s, one front per %s%s%n", o.sweep(), Pareto.label(r.objectives()),
                r.by().isEmpty() ? "sweep" : r.groupLabel(), r.where().isEmpty() ? "" : ", where " + r.where());
        out.printf("  %d rows; %s%d with NULL in an objective left out; averaged over seeds into %d designs%n",
                o.rows(), r.where().isEmpty() ? "" : (o.rows() - o.selected()) + " left out by --where; ",
                o.nullObjectives(), o.designs());
        for (ParetoJob.Group g : o.groups()) {
            out.printf("  %s: %d designs considered, %d on the front%n", g.label(r.by()), g.candidates(), g.front());
        }
        out.printf("table %s/%s (version %d): %d rows, in %.1f s%n%n", o.path(), ParetoJob.TABLE, o.version(),
                o.frontRows(), (System.nanoTime() - began) / 1e9);
        out.flush();
    }

    /**
     * The front with the columns that tell its rows apart: the groups, every config column that
     * differs between the printed rows, the objectives, seeds and config hash (the table has all).
     */
    private void print(PrintWriter out, ParetoTable.Request r, List<Row> rows, ParetoJob.Outcome o) {
        StructType schema = ParetoJob.SCHEMA;
        List<String> columns = new ArrayList<>(r.by());
        for (ParetoTable.Column c : ParetoTable.COLUMNS) {
            if (c.role() != ParetoTable.Role.KEY || columns.contains(c.name()) || c.name().equals("config_hash")) {
                continue;
            }
            int i = schema.fieldIndex(c.name());
            Set<Object> values = new HashSet<>();
            for (Row row : rows) {
                values.add(row.isNullAt(i) ? "NULL" : row.get(i));
            }
            if (values.size() > 1) {
                columns.add(c.name());
            }
        }
        for (Pareto.Objective ob : r.objectives()) {
            if (!columns.contains(ob.column())) {
                columns.add(ob.column());
            }
        }
        columns.add("seeds");
        columns.add("config_hash");
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            StructField f = schema.fields()[schema.fieldIndex(c)];
            fields.add(DataTypes.createStructField(c, f.dataType(), true));
        }
        List<Row> shown = new ArrayList<>();
        for (Row row : rows) {
            Object[] v = new Object[columns.size()];
            for (int i = 0; i < v.length; i++) {
                int j = schema.fieldIndex(columns.get(i));
                v[i] = row.isNullAt(j) ? null : row.get(j);
            }
            shown.add(RowFactory.create(v));
        }
        String footer = String.format("(%d of %d front rows; every column: ./submit.sh query %s \"SELECT * FROM pareto\")",
                rows.size(), o.frontRows(), dir);
        RowPrinter.print(DataTypes.createStructType(fields), shown, format, out, footer);
    }
}
