package org.sresim.report;

/**
 * Runs SQL over the result views and returns plain tables. The report computes every number it
 * shows through this interface, so each one is an SQL aggregate of the tables. Implemented on
 * Spark by {@code org.sresim.spark.ReportSource}; the views it provides are named in
 * {@link ReportContext}.
 */
@FunctionalInterface
public interface Sql {
    Table query(String sql);
}
