package org.sresim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts SQL text, fed a line at a time, into statements at each {@code ;} that is outside string
 * literals ({@code '...'}, {@code "..."}, with backslash escapes as Spark reads them), quoted
 * identifiers ({@code `...`}) and comments ({@code --} to the end of the line, and bracketed
 * slash-star comments, nested as Spark allows). A statement may span lines and a line may hold
 * several statements.
 *
 * <p>{@code --} comments are dropped from the statement text; bracketed comments are kept, since
 * Spark reads join hints from them. Text that is only whitespace and comments is no statement, so
 * {@code ;;} and a trailing comment run nothing.
 */
final class StatementSplitter {
    /** One statement without its {@code ;}, and the 1-based input line on which its text starts. */
    record Statement(String text, int line) {
    }

    private enum State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    private final StringBuilder current = new StringBuilder();
    private State state = State.CODE;
    private int blockDepth;
    private boolean hasCode;
    private int lines;
    private int startLine;

    /** Feeds one line (without its line terminator); returns the statements that it completed. */
    List<Statement> feed(String line) {
        lines++;
        List<Statement> done = new ArrayList<>();
        String text = line + "\n";
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            // each step returns whether it also took the next character (an escape, a two-character token)
            boolean tookNext = switch (state) {
                case CODE -> code(c, next, done);
                case SINGLE_QUOTE, DOUBLE_QUOTE -> quoted(c, next);
                case BACKTICK -> backtick(c);
                case LINE_COMMENT -> lineComment(c);
                case BLOCK_COMMENT -> blockComment(c, next);
            };
            if (tookNext) {
                i++;
            }
        }
        return done;
    }

    private boolean code(char c, char next, List<Statement> done) {
        if (c == ';') {
            if (hasCode) {
                done.add(new Statement(current.toString().strip(), startLine));
            }
            clear();
            return false;
        }
        if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            return true;
        }
        if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            blockDepth = 1;
            current.append("/*");
            return true;
        }
        if (c == '\'' || c == '"' || c == '`') {
            state = c == '\'' ? State.SINGLE_QUOTE : c == '"' ? State.DOUBLE_QUOTE : State.BACKTICK;
        }
        if (!hasCode && !Character.isWhitespace(c)) {
            hasCode = true;
            startLine = lines;
        }
        current.append(c);
        return false;
    }

    private boolean quoted(char c, char next) {
        current.append(c);
        if (c == '\\') {
            current.append(next);
            return true;
        }
        if (c == (state == State.SINGLE_QUOTE ? '\'' : '"')) {
            state = State.CODE;
        }
        return false;
    }

    private boolean backtick(char c) {
        current.append(c);
        if (c == '`') {
            state = State.CODE;
        }
        return false;
    }

    private boolean lineComment(char c) {
        if (c == '\n') {
            current.append(c);
            state = State.CODE;
        }
        return false;
    }

    private boolean blockComment(char c, char next) {
        current.append(c);
        if (c == '/' && next == '*') {
            blockDepth++;
            current.append(next);
            return true;
        }
        if (c == '*' && next == '/') {
            current.append(next);
            if (--blockDepth == 0) {
                state = State.CODE;
            }
            return true;
        }
        return false;
    }

    /** True while a statement has begun but not ended, or a quote or bracketed comment is open. */
    boolean pending() {
        return hasCode || state == State.SINGLE_QUOTE || state == State.DOUBLE_QUOTE || state == State.BACKTICK
                || state == State.BLOCK_COMMENT;
    }

    /** At the end of the input: the statement left without a {@code ;}, if any. Starts afresh. */
    Optional<Statement> finish() {
        Optional<Statement> rest = hasCode ? Optional.of(new Statement(current.toString().strip(), startLine))
                : Optional.empty();
        clear();
        return rest;
    }

    /** Forgets the unfinished statement (Ctrl-C); line numbers go on. */
    void clear() {
        current.setLength(0);
        state = State.CODE;
        blockDepth = 0;
        hasCode = false;
    }

    /** Whether {@code text} (lines separated by {@code \n}) ends outside every statement, quote and comment. */
    static boolean complete(String text) {
        StatementSplitter s = new StatementSplitter();
        for (String line : text.split("\n", -1)) {
            s.feed(line);
        }
        return !s.pending();
    }
}
