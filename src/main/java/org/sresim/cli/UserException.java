package org.sresim.cli;

/** A problem with what the user asked for; printed as one line without a stack trace. */
final class UserException extends RuntimeException {
    UserException(String message) {
        super(message);
    }
}
