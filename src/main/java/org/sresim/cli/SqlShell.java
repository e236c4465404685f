package org.sresim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.sresim.cli.StatementSplitter.Statement;
import org.sresim.spark.SqlSession;
import org.sresim.spark.SqlStatementException;

/**
 * Runs statements and the shell's own commands on an {@link SqlSession} and prints what they
 * return: a table with a "(N rows, T s)" line, or one "error: ..." line, after which it goes on.
 * Reads a script from a reader here; {@link InteractiveSql} reads from a terminal.
 */
final class SqlShell {
    /** The shell's own commands; they end with {@code ;} like SQL, and work without it on a line of their own. */
    enum Meta {
        HELP, TABLES, QUIT;

        static Optional<Meta> of(String statement) {
            String word = statement.strip().toLowerCase(Locale.ROOT);
            if (word.endsWith(";")) {
                word = word.substring(0, word.length() - 1).strip();
            }
            return switch (word) {
                case "help" -> Optional.of(HELP);
                case "tables" -> Optional.of(TABLES);
                case "quit", "exit" -> Optional.of(QUIT);
                default -> Optional.empty();
            };
        }
    }

    enum Next { CONTINUE, QUIT }

    static final String HELP = """
            Statements are Spark SQL and end with ';'; they may span lines, and a line may hold several.
            Views: points (one row per point and scheme), layers (per layer), sweeps (one row per sweep),
            pareto (a sweep's front, once `pareto` computed it: docs/pareto.md).
              tables;                 the views with their row and column counts
              describe points;        the columns of a view and their types
              help;                   this text
              quit; exit; Ctrl-D      leave
            Ctrl-C clears the statement being typed or cancels the one running.
            Example: SELECT network, scheme, round(avg(speedup), 2) AS speedup FROM points
                     GROUP BY network, scheme ORDER BY network, speedup DESC;""";

    private final SqlSession session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final int limit;
    private final boolean script;
    private int failures;

    /**
     * @param limit  rows printed per statement at most (0: all)
     * @param script error lines name the input line of the statement that failed
     */
    SqlShell(SqlSession session, PrintWriter out, PrintWriter err, int limit, boolean script) {
        this.session = session;
        this.out = out;
        this.err = err;
        this.limit = limit;
        this.script = script;
    }

    /**
     * Runs every statement of {@code in} in order, whether or not an earlier one failed, until the
     * end of the input or {@code quit;}. A last statement without {@code ;} runs too.
     *
     * @return 0 when every statement succeeded, else 1
     */
    int runScript(BufferedReader in) throws IOException {
        StatementSplitter splitter = new StatementSplitter();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            for (Statement s : splitter.feed(line)) {
                if (execute(s) == Next.QUIT) {
                    return exitCode();
                }
            }
        }
        splitter.finish().ifPresent(this::execute);
        return exitCode();
    }

    /** 0 when no statement has failed so far, else 1. */
    int exitCode() {
        return failures == 0 ? 0 : 1;
    }

    Next execute(Statement statement) {
        Optional<Meta> meta = Meta.of(statement.text());
        try {
            if (meta.isEmpty()) {
                show(session.run(statement.text(), limit));
            } else {
                switch (meta.get()) {
                    case QUIT -> {
                        return Next.QUIT;
                    }
                    case HELP -> out.println(HELP);
                    case TABLES -> show(session.tables());
                }
            }
        } catch (SqlStatementException e) {
            failures++;
            out.flush();
            err.println("error: " + (script ? "line " + statement.line() + ": " : "") + e.getMessage());
            err.flush();
        }
        out.flush();
        return Next.CONTINUE;
    }

    private void show(SqlSession.Answer a) {
        String time = String.format(Locale.ROOT, "%.2f s", a.seconds());
        if (a.schema().fields().length == 0) {
            out.printf("OK (%s)%n%n", time); // a command (CREATE VIEW, CACHE TABLE, ...) returns no columns
            return;
        }
        int n = a.rows().size();
        String footer = a.truncated()
                ? String.format("(first %d rows, %s; --limit N shows more, 0 all)", n, time)
                : String.format("(%d row%s, %s)", n, n == 1 ? "" : "s", time);
        RowPrinter.print(a.schema(), a.rows(), RowPrinter.Format.table, out, footer);
        out.println();
    }
}
