package org.sresim.sweep;

/** The storage type of a result column (the Spark layer maps it to a Spark SQL type). */
public enum ColumnType { STRING, INT, LONG, DOUBLE, BOOLEAN }
