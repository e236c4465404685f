package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sresim.cli.StatementSplitter.Statement;

class StatementSplitterTest {
    private static List<Statement> split(String... lines) {
        StatementSplitter s = new StatementSplitter();
        List<Statement> all = new ArrayList<>();
        for (String line : lines) {
            all.addAll(s.feed(line));
        }
        s.finish().ifPresent(all::add);
        return all;
    }

    private static List<String> texts(String... lines) {
        return split(lines).stream().map(Statement::text).toList();
    }

    @Test
    void severalStatementsOnOneLine() {
        assertThat(texts("SELECT 1; SELECT 2;SELECT 3 ;")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void aStatementSpansLinesAndKeepsItsLineBreaks() {
        List<Statement> s = split("", "SELECT scheme,", "  avg(speedup)", "FROM points GROUP BY scheme;", "SELECT 2;");
        assertThat(s).extracting(Statement::text)
                .containsExactly("SELECT scheme,\n  avg(speedup)\nFROM points GROUP BY scheme", "SELECT 2");
        assertThat(s).extracting(Statement::line).containsExactly(2, 5);
    }

    @Test
    void semicolonsInsideQuotesDoNotEndTheStatement() {
        assertThat(texts("SELECT 'a;b', \"c;d\", `e;f` FROM points WHERE x = 'it''s;';"))
                .containsExactly("SELECT 'a;b', \"c;d\", `e;f` FROM points WHERE x = 'it''s;'");
        // a backslash escapes the quote, as in Spark's string literals
        assertThat(texts("SELECT 'a\\';b'; SELECT \"\\\\\";")).containsExactly("SELECT 'a\\';b'", "SELECT \"\\\\\"");
    }

    @Test
    void aStringMaySpanLines() {
        StatementSplitter s = new StatementSplitter();
        assertThat(s.feed("SELECT 'one;")).isEmpty();
        assertThat(s.pending()).isTrue();
        assertThat(s.feed("two';")).extracting(Statement::text).containsExactly("SELECT 'one;\ntwo'");
        assertThat(s.pending()).isFalse();
    }

    @Test
    void lineCommentsAreDroppedWithTheSemicolonsInThem() {
        assertThat(texts("SELECT 1 -- not here; nor here", "+ 1; -- trailing comment")).containsExactly("SELECT 1 \n+ 1");
        assertThat(texts("-- only a comment;", "SELECT '--kept';")).containsExactly("SELECT '--kept'");
        // a minus sign is no comment
        assertThat(texts("SELECT 3 - 1;")).containsExactly("SELECT 3 - 1");
    }

    @Test
    void bracketedCommentsNestAndAreKeptForHints() {
        assertThat(texts("SELECT /*+ BROADCAST(d) ; */ 1;")).containsExactly("SELECT /*+ BROADCAST(d) ; */ 1");
        assertThat(texts("SELECT 1 /* outer /* inner; */ still; */ + 1;"))
                .containsExactly("SELECT 1 /* outer /* inner; */ still; */ + 1");
        StatementSplitter s = new StatementSplitter();
        s.feed("/* a comment");
        assertThat(s.pending()).as("an open comment continues on the next line").isTrue();
        s.feed("ends here */");
        assertThat(s.pending()).as("a comment alone is no statement").isFalse();
    }

    @Test
    void emptyStatementsAreSkipped() {
        assertThat(texts(";;", "  ;", "SELECT 1;;")).containsExactly("SELECT 1");
    }

    @Test
    void theLastStatementMayLackItsSemicolon() {
        assertThat(texts("SELECT 1;", "SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(texts("SELECT 1;", "   ", "-- bye")).containsExactly("SELECT 1");
    }

    @Test
    void pendingTellsWhetherTheInputEndsInsideAStatement() {
        StatementSplitter s = new StatementSplitter();
        s.feed("SELECT 1; SELECT");
        assertThat(s.pending()).isTrue();
        s.feed("2;");
        assertThat(s.pending()).isFalse();
        s.feed("SELECT 3");
        s.clear();
        assertThat(s.pending()).isFalse();
        assertThat(s.feed("SELECT 4;")).extracting(Statement::text, Statement::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SELECT 4", 4));
    }

    @Test
    void completeDecidesWhetherEnterRunsTheBuffer() {
        assertThat(StatementSplitter.complete("SELECT 1;")).isTrue();
        assertThat(StatementSplitter.complete("SELECT 1")).isFalse();
        assertThat(StatementSplitter.complete("SELECT 1;\nSELECT 2")).isFalse();
        assertThat(StatementSplitter.complete("SELECT ';'")).isFalse();
        assertThat(StatementSplitter.complete("SELECT 1; -- done")).isTrue();
        assertThat(StatementSplitter.complete("")).isTrue();
    }

    @Test
    void metaCommandsAreRecognisedWithOrWithoutSemicolon() {
        assertThat(SqlShell.Meta.of("quit")).contains(SqlShell.Meta.QUIT);
        assertThat(SqlShell.Meta.of(" EXIT; ")).contains(SqlShell.Meta.QUIT);
        assertThat(SqlShell.Meta.of("Tables")).contains(SqlShell.Meta.TABLES);
        assertThat(SqlShell.Meta.of("help")).contains(SqlShell.Meta.HELP);
        assertThat(SqlShell.Meta.of("SELECT * FROM tables")).isEmpty();
    }
}
