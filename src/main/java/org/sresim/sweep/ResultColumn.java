package org.sresim.sweep;

import java.io.Serializable;

/** One column of the points or layers table: snake_case name, type and unit. */
public record ResultColumn(String name, ColumnType type, String unit, String description) implements Serializable {
}
