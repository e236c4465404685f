package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.engine.Scheme;
import org.sresim.engine.Simulator;
import org.sresim.spark.SharedSpark;
import org.sresim.spark.SqlSession;
import org.sresim.spark.SweepJob;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** A scripted {@code sql} session, as piped into stdin, on a 4-point sweep and the shared local[2] session. */
class SqlShellTest {
    static final String SWEEP = """
            name: tiny
            fixed: {network: lenet5, accuracy.windows: 4}
            grid:
              ou.rows: [4, 9]
            seeds: [1, 2]
            """;

    @TempDir
    static Path dir;
    static SweepPlan plan;
    static SqlSession session;

    @BeforeAll
    static void sweepOnce() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, SWEEP);
        plan = SweepFile.load(file);
        String out = dir.resolve("results").toString();
        new SweepJob(SharedSpark.get(), new PrintWriter(new StringWriter())).run(plan,
                new SweepJob.Options(out, file.toString(), SweepFile.asJson(file), "test"));
        session = SqlSession.open(SharedSpark.get(), out);
    }

    record Transcript(int exitCode, String out, String err) {
    }

    static Transcript script(int limit, String input) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new SqlShell(session, new PrintWriter(out), new PrintWriter(err), limit, true)
                .runScript(new BufferedReader(new StringReader(input)));
        return new Transcript(code, out.toString(), err.toString());
    }

    /** Dense OU operations of lenet5 summed over the grid's points with {@code ou.rows = 9}, by the simulator itself. */
    static long denseOuOpsAtNineRows() {
        long sum = 0;
        for (long i = 0; i < plan.size(); i++) {
            Config c = plan.point(i);
            if (((Number) c.value("ou.rows")).intValue() == 9) {
                sum += new Simulator().simulate(c, plan.network(c), WorkloadSource.synthetic(WorkloadSettings.from(c)))
                        .network(Scheme.DENSE).ouOps();
            }
        }
        return sum;
    }

    @Test
    void aScriptPrintsEveryResultAndOneLinePerFailedStatementAndGoesOn() throws Exception {
        Transcript t = script(5, """
                SELECT count(*) AS n FROM points;
                SELECT count(*) AS dense_layers FROM layers WHERE scheme = 'dense';  SELECT ou_rows,
                       count(DISTINCT point_id) AS pts   -- a comment; with a semicolon
                  FROM points GROUP BY ou_rows ORDER BY ou_rows;
                SELECT * FROM no_such_view;
                SELECT max(speedup) AS dense_speedup FROM points WHERE scheme = 'dense';
                SELECT no_such_column FROM points;
                SELEC 1;
                SELECT raise_error('boom') FROM points;
                SELECT point_id FROM points;
                tables;
                SELECT sum(ou_ops) AS dense_ops FROM points WHERE scheme = 'dense' AND ou_rows = 9
                """);
        long points = plan.size();
        assertThat(points).isEqualTo(4);
        String out = t.out();
        // 4 points x 7 schemes; lenet5 has 5 matrix layers
        assertThat(out).contains("n\n--\n" + points * Scheme.values().length + "\n(1 row, ");
        assertThat(out).contains("dense_layers\n------------\n" + points * 5 + "\n(1 row, ");
        assertThat(out).containsPattern("ou_rows +pts\n-+ +-+\n4 +2\n9 +2\n\\(2 rows, [0-9.]+ s\\)");
        assertThat(out).contains("dense_speedup\n-------------\n1\n(1 row, ");
        assertThat(out).contains("(first 5 rows, ").contains("--limit N shows more");
        assertThat(out).containsPattern("points +" + points * 7 + " +\\d+\n");
        assertThat(out).containsPattern("layers +" + points * 5 * 7 + " +\\d+\n");
        assertThat(out).containsPattern("sweeps +1 +\\d+\n");
        assertThat(out).contains("dense_ops\n---------\n" + denseOuOpsAtNineRows() + "\n(1 row, ");

        List<String> errors = t.err().lines().toList();
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).startsWith("error: line 5: [TABLE_OR_VIEW_NOT_FOUND]").contains("no_such_view");
        assertThat(errors.get(1)).startsWith("error: line 7: [UNRESOLVED_COLUMN").contains("no_such_column");
        assertThat(errors.get(2)).startsWith("error: line 8: [PARSE_SYNTAX_ERROR]");
        // the task's own error, not the "Job aborted due to stage failure" around it
        assertThat(errors.get(3)).startsWith("error: line 9: [USER_RAISED_EXCEPTION] boom");
        assertThat(t.exitCode()).isEqualTo(1);
    }

    @Test
    void aScriptWithoutFailuresExitsZeroAndQuitStopsIt() throws Exception {
        Transcript t = script(1000, "SELECT 40 + 2 AS answer; help;\nquit;\nSELECT * FROM no_such_view;\n");
        assertThat(t.out()).contains("answer\n------\n42\n(1 row, ").contains("Statements are Spark SQL");
        assertThat(t.err()).isEmpty();
        assertThat(t.exitCode()).isZero();
    }

    @Test
    void cancelStopsTheRunningStatementAndTheSessionStaysUsable() throws Exception {
        var spark = SharedSpark.get();
        var failure = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                session.run("SELECT count(*) FROM range(0, 1000000000000000, 1, 2)", 10);
                failure.complete("finished");
            } catch (org.sresim.spark.SqlStatementException e) {
                failure.complete(e.getMessage());
            }
        });
        t.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (spark.sparkContext().statusTracker().getActiveJobIds().length == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(session.cancel()).isTrue();
        assertThat(failure.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("cancelled");
        assertThat(session.cancel()).as("nothing runs any more").isFalse();
        assertThat(session.run("SELECT 6 * 7", 10).rows().get(0).getInt(0)).isEqualTo(42);
    }

    @Test
    void commandsWithoutColumnsSayOkAndWhatTheyCreateStaysForTheNextStatement() throws Exception {
        Transcript t = script(1000, """
                CREATE OR REPLACE TEMP VIEW best AS SELECT point_id, max(speedup) AS s FROM points GROUP BY point_id;
                SELECT count(*) AS best_rows FROM best;
                DROP VIEW best;
                """);
        assertThat(t.out()).containsPattern("OK \\([0-9.]+ s\\)").contains("best_rows\n---------\n4\n");
        assertThat(t.exitCode()).isZero();
    }
}
