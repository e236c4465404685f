package org.sresim.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sresim.spark.ResultViews;
import org.sresim.spark.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sre query DIR "SQL"}: Spark SQL over the points, layers and sweeps views of every sweep in DIR. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run Spark SQL over the views points, layers and sweeps of every sweep under DIR "
                + "(and pareto, for sweeps whose front the pareto command computed).")
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (as given to sweep --out)")
    String dir;

    @Parameters(index = "1", paramLabel = "SQL", description = "a query, e.g. \"SELECT scheme, avg(speedup) FROM points GROUP BY scheme\"")
    String sql;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
    RowPrinter.Format format;

    @Option(names = "--limit", defaultValue = "1000", description = "print at most this many rows (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        SparkSession spark = sparkOptions.session("sre-query");
        try {
            ResultViews.register(spark, dir);
            Dataset<Row> result;
            try {
                result = spark.sql(sql);
            } catch (Exception e) {
                if (e instanceof AnalysisException || e.getClass().getName().contains("ParseException")) {
                    throw new UserException("SQL: " + SqlSession.oneLine(e));
                }
                throw e;
            }
            List<Row> rows = result.limit(limit).collectAsList();
            RowPrinter.print(result.schema(), rows, format, spec.commandLine().getOut());
        } finally {
            spark.stop();
        }
        return 0;
    }
}
