package org.sresim.report;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sresim.engine.Scheme;

/**
 * What a {@link Section} works from: the sweep's name, SQL over the result views, and the facts
 * of the sweep (what it varies and fixes).
 *
 * <p>Views: {@link #POINTS} and {@link #LAYERS} hold only this sweep's rows (same columns as the
 * {@code points} and {@code layers} tables); {@code points}, {@code layers} and {@code sweeps}
 * are every sweep of the results directory, as {@code query} sees them.
 */
public record ReportContext(String sweep, Sql sql, SweepFacts facts) {
    /** The chosen sweep's rows of the points table. */
    public static final String POINTS = "report_points";
    /** The chosen sweep's rows of the layers table. */
    public static final String LAYERS = "report_layers";

    /** Reads the sweep's facts through {@code sql} (the views must already hold the sweep's rows). */
    public static ReportContext of(String sweep, Sql sql) {
        return new ReportContext(sweep, sql, SweepFacts.read(sql));
    }

    /** SQL expression ordering rows by scheme as the engine lists them (dense first, ideal last). */
    public static String schemeOrder() {
        return "array_position(array(" + quoted(Stream.of(Scheme.values()).map(Scheme::id).toList()) + "), scheme)";
    }

    /** {@code 'a', 'b'}: a list of SQL string literals (values are names we control: no quotes in them). */
    public static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }
}
