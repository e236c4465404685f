package org.sresim.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query result as plain Java values: column names and rows. Cells are {@code String},
 * {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, a {@code List} (SQL arrays) or
 * {@code null} (SQL NULL, e.g. the mean of a group whose values are all NULL).
 */
public record Table(List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " cells, expected " + columns.size());
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r))); // rows may hold nulls
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Index of a column; fails naming the columns there are. */
    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + columns);
        }
        return i;
    }

    public Object value(int row, String column) {
        return rows.get(row).get(column(column));
    }

    /** A numeric cell as a double, or null for SQL NULL. */
    public Double number(int row, String column) {
        Object v = value(row, column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public int size() {
        return rows.size();
    }
}
