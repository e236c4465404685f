package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit plan, its longest-first order, the replay, and the event-log utilisation, on hand-made inputs. */
class UnitsTest {
    @TempDir
    Path dir;

    @Test
    void unitsTileTheMissingRangesLongestFirstWithinTheCaps() {
        // points 0-9 cost 10 each, 10-19 cost 1 each: total 110; 1 core -> target 110 / 16 = 6.875
        List<long[]> missing = List.of(new long[] {0, 20});
        List<Units.Unit> units = Units.plan(missing, i -> i < 10 ? 10 : 1, 1, 256);
        // each expensive point exceeds the target alone; the cheap ones group by 7 (7 >= 6.875), then the rest
        assertThat(units).hasSize(10 + 2);
        assertThat(units.subList(0, 10)).allMatch(u -> u.points() == 1 && u.cost() == 10);
        assertThat(units.get(0).start()).isZero(); // ties keep index order
        assertThat(units.get(10)).isEqualTo(new Units.Unit(10, 17, 7));
        assertThat(units.get(11)).isEqualTo(new Units.Unit(17, 20, 3));
        // the point cap (target 40 / 16 = 2.5 points) and the gaps between missing ranges: units never span a gap
        List<Units.Unit> capped = Units.plan(List.of(new long[] {0, 35}, new long[] {40, 45}), i -> 1, 1, 2);
        assertThat(capped).hasSize(18 + 3).allMatch(u -> u.points() <= 2);
        assertThat(capped.stream().mapToLong(Units.Unit::points).sum()).isEqualTo(40);
        assertThat(capped).contains(new Units.Unit(34, 35, 1), new Units.Unit(44, 45, 1))
                .noneMatch(u -> u.start() < 40 && u.end() > 35);
    }

    @Test
    void replayIsListSchedulingInOrder() {
        // units of 4, 3, 3, 2 s on 2 cores: 4 | 3, then 3 on the core free at 3 (-> 6), 2 on the core free at 4 (-> 6)
        List<Units.Unit> units = List.of(new Units.Unit(0, 1, 4), new Units.Unit(1, 2, 3), new Units.Unit(2, 3, 3),
                new Units.Unit(3, 4, 2));
        double[] seconds = {4, 3, 3, 2};
        Units.Replay r = Units.replay(units, i -> seconds[(int) i], 2);
        assertThat(r.makespanSeconds()).isEqualTo(6);
        assertThat(r.workSeconds()).isEqualTo(12);
        assertThat(r.utilisation()).isEqualTo(1.0);
        assertThat(Units.replay(units, i -> seconds[(int) i], 4).utilisation()).isEqualTo(12.0 / (4 * 4));
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
