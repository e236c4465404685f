package org.sresim.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sresim.spark.SqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sre sql DIR}: an SQL shell on one Spark session over the views points, layers and sweeps. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"An SQL shell on one Spark session over the views points, layers and sweeps of every sweep under DIR.",
            "On a terminal: line editing, history (~/.sre_sql_history), statements end with ';'.",
            "Otherwise statements are read from standard input; exit code 0 when all succeeded, 1 when any failed."})
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (as given to sweep --out)")
    String dir;

    @Option(names = "--limit", defaultValue = "1000", description = "print at most this many rows per statement, 0 = all (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new UserException("--limit: must be 0 (all rows) or more, got " + limit);
        }
        // Java gives a console only when stdin and stdout are both terminals; a pipe on either side means a script.
        boolean interactive = System.console() != null;
        if (interactive) {
            spec.commandLine().getOut().println("starting Spark...");
            spec.commandLine().getOut().flush();
        }
        if (System.getProperty("spark.ui.enabled") == null) {
            // A shell has no use for the web UI, and its port clashes with other Spark drivers print warnings
            // into the session; --conf spark.ui.enabled=true brings it back.
            System.setProperty("spark.ui.enabled", "false");
        }
        SparkSession spark = sparkOptions.session("sre-sql");
        try {
            if (!sparkOptions.verbose) {
                // Failed statements are reported in one line; Spark's ERROR logs of the failing task would repeat them.
                spark.sparkContext().setLogLevel("OFF");
            }
            SqlSession session = SqlSession.open(spark, dir);
            if (interactive) {
                InteractiveSql.run(session, dir, limit, sparkOptions.verbose);
                return 0;
            }
            SqlShell shell = new SqlShell(session, spec.commandLine().getOut(), spec.commandLine().getErr(), limit, true);
            return shell.runScript(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        } finally {
            spark.stop();
        }
    }
}
