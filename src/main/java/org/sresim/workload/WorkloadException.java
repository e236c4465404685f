package org.sresim.workload;

/** A network, layer or data file that cannot be used; the message is one line naming the culprit. */
public final class WorkloadException extends RuntimeException {
    public WorkloadException(String message) {
        super(message);
    }
}
