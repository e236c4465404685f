package org.sresim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.sresim.cli.StatementSplitter.Statement;
import org.sresim.spark.SqlSession;

/**
 * The terminal side of {@code sre sql}: JLine line editing, a continuation prompt until the
 * statement ends with {@code ;}, history in {@code ~/.sre_sql_history}, completion of view and
 * column names, and Ctrl-C that clears the input or cancels the running statement.
 */
final class InteractiveSql {
    static final String PROMPT = "sql> ";
    static final String CONTINUATION = "  -> ";
    /** JLine reports problems through java.util.logging; held here because JUL keeps loggers weakly. */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    private InteractiveSql() {
    }

    /** Accepts the buffer on Enter only when its statements are ended; else JLine continues on a new line. */
    static final class SqlLineParser extends DefaultParser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !StatementSplitter.complete(line)
                    && SqlShell.Meta.of(line).isEmpty()) {
                throw new EOFError(-1, -1, "statement not ended with ;");
            }
            return super.parse(line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.SPLIT_LINE : context);
        }
    }

    static void run(SqlSession session, String dir, int limit, boolean verbose) throws IOException {
        if (!verbose) {
            JLINE_LOG.setLevel(Level.OFF);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("sre-sql")
                    .parser(new SqlLineParser())
                    .completer(new StringsCompleter(session.vocabulary()))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL (!=), not history
                    .option(LineReader.Option.CASE_INSENSITIVE, true);
            Path history = Path.of(System.getProperty("user.home"), ".sre_sql_history");
            boolean keepHistory = Files.exists(history) ? Files.isWritable(history)
                    : history.getParent() != null && Files.isWritable(history.getParent());
            if (keepHistory) {
                builder.variable(LineReader.HISTORY_FILE, history);
            }
            LineReader reader = builder.build();
            SqlShell shell = new SqlShell(session, terminal.writer(), terminal.writer(), limit, false);

            AtomicInteger interrupts = new AtomicInteger();
            terminal.handle(Terminal.Signal.INT, signal -> {
                if (session.cancel()) {
                    if (interrupts.incrementAndGet() > 1) {
                        terminal.writer().println(System.lineSeparator() + "quitting");
                        terminal.writer().flush();
                        System.exit(130);
                    }
                    terminal.writer().println(System.lineSeparator() + "cancelling the statement (Ctrl-C again quits)");
                    terminal.writer().flush();
                }
            });

            terminal.writer().printf("sre sql on %s: views points, layers, sweeps. help; for help, Ctrl-D quits.%n", dir);
            if (!keepHistory) {
                terminal.writer().printf("(history is not saved: %s is not writable)%n", history);
            }
            while (true) {
                String text;
                try {
                    text = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C while typing: the input is dropped
                } catch (EndOfFileException e) {
                    return;
                }
                for (Statement s : statements(text)) {
                    interrupts.set(0);
                    if (shell.execute(s) == SqlShell.Next.QUIT) {
                        return;
                    }
                    if (interrupts.get() > 0) {
                        break; // a cancelled statement also cancels the ones after it on the same input
                    }
                }
            }
        }
    }

    private static List<Statement> statements(String text) {
        StatementSplitter splitter = new StatementSplitter();
        List<Statement> all = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            all.addAll(splitter.feed(line));
        }
        splitter.finish().ifPresent(all::add); // a bare "quit" or "help" without ';'
        return all;
    }
}
