package org.sresim.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * Where in a file Jackson stopped binding: the keys (as {@code String}) and list positions (as
 * {@code Integer}) from the root. Network and sweep files word their messages from it, with the
 * value taken from the file's tree, so users read their own keys and values, not Java types.
 */
public final class BindingPath {
    private BindingPath() {
    }

    public static List<Object> of(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? (Object) r.getFieldName() : (Object) r.getIndex())
                .toList();
    }
}
