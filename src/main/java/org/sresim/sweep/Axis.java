package org.sresim.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One dimension of a grid: one or more config keys that step together (a plain axis has one key;
 * a {@code zip} group has several, all lists of the same length). {@code values.get(k).get(i)} is
 * key k's parsed value at step i.
 */
record Axis(List<String> keys, List<List<Object>> values) implements Serializable {
    Axis {
        keys = List.copyOf(keys);
        values = values.stream().map(List::copyOf).toList();
    }

    int size() {
        return values.get(0).size();
    }
}
