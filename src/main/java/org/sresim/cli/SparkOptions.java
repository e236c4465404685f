package org.sresim.cli;

import org.apache.spark.sql.SparkSession;
import org.sresim.spark.Sessions;
import picocli.CommandLine.Option;

/** The options every Spark-backed command shares, and the session they describe. */
final class SparkOptions {
    @Option(names = "--master", description = "Spark master when not launched by spark-submit (default local[*])")
    String master;

    @Option(names = "--verbose", description = "Spark's own logs and full stack traces")
    boolean verbose;

    SparkSession session(String appName) {
        return Sessions.create(appName, master, verbose);
    }
}
