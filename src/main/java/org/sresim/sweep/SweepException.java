package org.sresim.sweep;

/** A sweep file or sweep output that cannot be used; the message is one line naming file, axis and value. */
public final class SweepException extends RuntimeException {
    public SweepException(String message) {
        super(message);
    }
}
