package org.sresim.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * One value as written in a sweep file, for a {@code fixed} key or in an axis list: Integer, Long,
 * BigInteger (beyond a long), Double, Boolean or String, as YAML read it and as the config's key
 * types parse it. A BigInteger is kept whole, so the key's type refuses it rather than reading a
 * truncated long.
 */
record Scalar(Object value) {
    /**
     * Jackson binds the value untyped, which turns no text into a number or back; a list or a map
     * is refused here and a null before it gets here, and {@link SpecErrors} names the key.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Scalar of(Object written) {
        if (written instanceof List || written instanceof Map) {
            throw new IllegalArgumentException("a single value, not a list or a map");
        }
        return new Scalar(written);
    }
}
