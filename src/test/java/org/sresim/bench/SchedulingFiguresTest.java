package org.sresim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.sweep.Units;

/** The replay's list scheduling and the event-log utilisation, on hand-made inputs. */
class SchedulingFiguresTest {
    @TempDir
    Path dir;

    @Test
    void replayIsListSchedulingInOrder() {
        // units of 4, 3, 3, 2 s on 2 cores: 4 | 3, then 3 on the core free at 3 (-> 6), 2 on the core free at 4 (-> 6)
        List<Units.Unit> units = List.of(new Units.Unit(0, 1, 4), new Units.Unit(1, 2, 3), new Units.Unit(2, 3, 3),
                new Units.Unit(3, 4, 2));
        double[] seconds = {4, 3, 3, 2};
        ScheduleReplay.Replay r = ScheduleReplay.listScheduling(units, i -> seconds[(int) i], 2);
        assertThat(r.makespanSeconds()).isEqualTo(6);
        assertThat(r.workSeconds()).isEqualTo(12);
        assertThat(r.utilisation()).isEqualTo(1.0);
        assertThat(ScheduleReplay.listScheduling(units, i -> seconds[(int) i], 4).utilisation()).isEqualTo(12.0 / (4 * 4));
    }

    @Test
    void eventLogUtilisationCountsOnlySweepJobTasksOverTheSweepWindow() throws Exception {
        Path log = dir.resolve("app");
        Files.writeString(log, String.join("\n",
                "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"Spark Properties\":{\"spark.master\":\"local[2]\"}}",
                "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0,\"Submission Time\":500,\"Stage IDs\":[0],"
                        + "\"Properties\":{\"spark.job.description\":\"summary\"}}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Launch Time\":500,\"Finish Time\":900}}",
                "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":1,\"Submission Time\":1000,\"Stage IDs\":[1],"
                        + "\"Properties\":{\"spark.job.description\":\"sweep s units 0-2\"}}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":1,\"Task Info\":{\"Launch Time\":1000,\"Finish Time\":4000}}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":1,\"Task Info\":{\"Launch Time\":1000,\"Finish Time\":2000}}",
                "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":1,\"Completion Time\":5000}",
                ""));
        EventLogUtilisation.Result r = EventLogUtilisation.of(log);
        assertThat(r.cores()).isEqualTo(2);
        assertThat(r.jobs()).isEqualTo(1);
        assertThat(r.tasks()).isEqualTo(2);
        assertThat(r.busySeconds()).isEqualTo(4.0);
        assertThat(r.wallSeconds()).isEqualTo(4.0);
        assertThat(r.utilisation()).isEqualTo(0.5);
    }
}
