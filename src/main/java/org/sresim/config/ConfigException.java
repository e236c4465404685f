package org.sresim.config;

/** A configuration problem; the message is one line naming the file or key, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
