package org.sresim.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession: the spark-submit master when there is one, else local mode on all cores. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * @param master  an explicit master (e.g. {@code local[2]}), or null for spark-submit's or local[*]
     * @param verbose leave Spark's INFO logging on
     */
    public static SparkSession create(String appName, String master, boolean verbose) {
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.debug.maxToStringFields", "1000"); // our tables are wide
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        String effective = master != null ? master : System.getProperty("spark.master", "local[*]");
        if (effective.startsWith("local") && System.getProperty("spark.ui.enabled") == null) {
            // an embedded run has nobody at its web UI, and starting it costs a second of every
            // command; -Dspark.ui.enabled=true brings it back
            b.config("spark.ui.enabled", "false");
        }
        if (System.getenv("SPARK_LOCAL_IP") == null && System.getProperty("spark.driver.host") == null
                && (master == null || master.startsWith("local"))) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
        return spark;
    }
}
