package org.sresim.spark;

/** A statement of an SQL session failed; the message is one line that says why. */
public final class SqlStatementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlStatementException(String oneLine, Throwable cause) {
        super(oneLine, cause);
    }
}
