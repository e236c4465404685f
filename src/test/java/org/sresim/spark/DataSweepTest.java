package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.engine.Scheme;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.sweep.SweepFile;
import org.sresim.sweep.SweepPlan;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.ModelFixtures;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** A sweep over imported models in local mode, the files read through Hadoop's FileSystem. */
class DataSweepTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static SweepPlan plan;

    @BeforeAll
    static void runOnce() throws Exception {
        spark = SharedSpark.get();
        Path net = ModelFixtures.writeNetwork(dir.resolve("tiny.yaml"));
        ModelFixtures.writeFolder(dir.resolve("models/one"), 1, 1);
        ModelFixtures.writeFolder(dir.resolve("models/batch"), 3, 2);
        // one relative folder, one file: URI (what an hdfs: or s3a: location looks like to the reader)
        Path sweep = Files.writeString(dir.resolve("data.yaml"), "name: data\n"
                + "fixed: {network: " + net + ", accuracy.windows: 2, accuracy.tiles: 1}\n"
                + "grid:\n  data: [models/one, " + dir.resolve("models/batch").toUri() + "]\n  ou.rows: [2, 4]\n");
        plan = SweepFile.load(sweep, new HadoopFiles());
        new SweepJob(spark, new PrintWriter(new StringWriter(), true)).run(plan, new SweepJob.Options(
                dir.resolve("out").toString(), sweep.toString(), SweepFile.asJson(sweep), "test"));
        ResultViews.register(spark, dir.resolve("out").toString());
    }

    @Test
    void everyModelAndOuSizeIsAPointWithItsDataAndSamples() {
        assertThat(plan.size()).isEqualTo(4);
        List<Row> rows = spark.sql("SELECT data, ou_rows, samples, count(*) FROM points WHERE scheme = 'sre-bit'"
                + " GROUP BY 1, 2, 3 ORDER BY 1, 2").collectAsList();
        assertThat(rows).hasSize(4);
        // ordered by data: "/tmp/..." sorts before "file:/tmp/..."
        assertThat(rows.get(0).getString(0)).startsWith(dir.resolve("models/one").toString() + "#sha256=");
        assertThat(rows.get(0).getInt(2)).isEqualTo(1);
        assertThat(rows.get(2).getString(0)).startsWith("file:").contains("models/batch/#sha256="); // toUri() ends a folder with /
        assertThat(rows.get(2).getInt(2)).isEqualTo(3);
        assertThat(spark.sql("SELECT count(*) FROM layers WHERE samples = 3 AND ou_ops_stderr > 0"
                + " AND scheme = 'act-bit'").first().getLong(0)).isGreaterThan(0);
    }

    @Test
    void theSummaryDoesNotDescribeImportedModelsByThePruningKeys() {
        List<Row> summary = Summary.bestSre(spark, dir.resolve("out/data").toString(), java.util.Set.of()).collectAsList();
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).getLong(1)).isEqualTo(4);
        assertThat(summary.get(0).getString(3)).endsWith(" imported data").doesNotContain("prune");
    }

    @Test
    void theReportShowsEachModelsActivationStatistics() {
        ReportSource source = ReportSource.open(spark, dir.resolve("out").toString(), "data");
        try {
            org.sresim.report.Part part = org.sresim.report.Report.build(org.sresim.report.ReportContext.of("data", source))
                    .stream().filter(p -> p.title().startsWith("Imported models")).findFirst().orElseThrow();
            org.sresim.report.Table t = part.blocks().stream().filter(b -> b instanceof org.sresim.report.Block.TableBlock)
                    .map(b -> ((org.sresim.report.Block.TableBlock) b).table()).findFirst().orElseThrow();
            assertThat(t.size()).isEqualTo(4); // 2 models x 2 layers
            Row want = spark.sql("SELECT avg(input_one_bit_fraction) FROM layers WHERE scheme = 'dense'"
                    + " AND layer = 'fc2' AND samples = 3").first();
            // rows by data, then layer: models/one fc1, fc2, then file:.../models/batch/ fc1, fc2
            assertThat(t.number(3, "input_one_bit_fraction")).isEqualTo(want.getDouble(0));
            assertThat(((Number) t.value(3, "samples")).intValue()).isEqualTo(3);
            assertThat(((Number) t.value(1, "samples")).intValue()).isEqualTo(1);
        } finally {
            source.close();
        }
    }

    @Test
    void theClusterComputesWhatTheCoreComputesLocally() throws Exception {
        for (long i = 0; i < plan.size(); i++) {
            Config point = plan.point(i);
            ModelData data = ModelData.open(point.text("data"), new HadoopFiles());
            SimulationResult r = new Simulator().simulate(point, plan.network(point), WorkloadSource.importedBatch(
                    data, WorkloadSettings.from(point), ImportedWorkload.check(data, plan.network(point))));
            Row row = spark.sql("SELECT ou_ops, energy_pj, input_one_bit_fraction FROM points WHERE point_index = " + i
                    + " AND scheme = 'sre-bit'").first();
            assertThat(row.getLong(0)).isEqualTo(r.network(Scheme.SRE_BIT).ouOps());
            assertThat(row.getDouble(1)).isEqualTo(r.network(Scheme.SRE_BIT).energyPj());
            assertThat(row.getDouble(2)).isEqualTo(r.network(Scheme.SRE_BIT).inputOneBitFraction()).isBetween(0.05, 0.95);
        }
        assertThat(ModelData.pathOf(plan.point(0).text("data"))).isEqualTo(dir.resolve("models/one").toString());
        assertThat(FileOpener.LOCAL.exists(ModelData.pathOf(plan.point(0).text("data")))).isTrue();
    }
}
