package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The front equals the all-pairs definition, whatever the order, ties, duplicates and directions. */
class ParetoTest {

    /** Definition 9b, literally: i is on the front when no j is no worse everywhere and better somewhere. */
    static int[] bruteForce(List<double[]> v, boolean[] maximize) {
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < v.size() && !dominated; j++) {
                boolean noWorse = true;
                boolean better = false;
                for (int d = 0; d < maximize.length; d++) {
                    double a = v.get(j)[d];
                    double b = v.get(i)[d];
                    boolean jBetter = maximize[d] ? a > b : a < b;
                    boolean jWorse = maximize[d] ? a < b : a > b;
                    noWorse &= !jWorse;
                    better |= jBetter;
                }
                dominated = noWorse && better;
            }
            if (!dominated) {
                front.add(i);
            }
        }
        return front.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Small integer coordinates (0..range), so ties and duplicate vectors are common. */
    static List<double[]> random(long seed, int n, int dims, int range) {
        Random r = new Random(seed);
        List<double[]> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[dims];
            for (int d = 0; d < dims; d++) {
                x[d] = r.nextInt(range + 1) - range / 2; // negatives and zero too
            }
            v.add(x);
        }
        return v;
    }

    static boolean[] directions(long seed, int dims) {
        Random r = new Random(~seed);
        boolean[] max = new boolean[dims];
        for (int d = 0; d < dims; d++) {
            max[d] = r.nextBoolean();
        }
        return max;
    }

    @Property(tries = 1000)
    void frontEqualsTheAllPairsCheck(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int n,
                                     @ForAll @IntRange(min = 1, max = 4) int dims,
                                     @ForAll @IntRange(min = 1, max = 6) int range) {
        List<double[]> v = random(seed, n, dims, range);
        boolean[] max = directions(seed, dims);
        assertThat(Pareto.front(v, max)).containsExactly(bruteForce(v, max));
    }

    /**
     * The streaming scan as the Spark job uses it, fed in sorted order (one partition's group) and in
     * any order at all (a sort that disagreed with {@code <}): the same set as the definition.
     */
    @Property(tries = 1000)
    void scanInAnyOrderEqualsTheAllPairsCheck(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int n,
                                              @ForAll @IntRange(min = 1, max = 4) int dims,
                                              @ForAll @IntRange(min = 1, max = 6) int range,
                                              @ForAll boolean sorted) {
        List<double[]> v = random(seed, n, dims, range);
        boolean[] max = directions(seed, dims);
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        if (sorted) {
            order.sort((a, b) -> Pareto.compareKeys(Pareto.key(v.get(a), max), Pareto.key(v.get(b), max)));
        } else {
            Collections.shuffle(order, new Random(seed));
        }
        Pareto.Scan<Integer> scan = new Pareto.Scan<>(dims);
        for (int i : order) {
            scan.add(Pareto.key(v.get(i), max), i);
        }
        assertThat(scan.considered()).isEqualTo(n);
        assertThat(scan.front().stream().mapToInt(Integer::intValue).sorted().toArray())
                .containsExactly(bruteForce(v, max));
    }

    @Test
    void equalVectorsAreAllKept() {
        List<double[]> v = List.of(new double[] {1, 2}, new double[] {1, 2}, new double[] {2, 1}, new double[] {2, 2});
        assertThat(Pareto.front(v, new boolean[] {false, false})).containsExactly(0, 1, 2);
    }

    @Test
    void maximisedObjectivesPreferLargerValues() {
        // (latency, speedup): 1 dominates 0 (as fast, faster-up); 2 trades latency for speedup
        List<double[]> v = List.of(new double[] {5, 2}, new double[] {5, 3}, new double[] {7, 4});
        assertThat(Pareto.front(v, new boolean[] {false, true})).containsExactly(1, 2);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // -0.0 and 0.0 are the same value: (0, 1) dominates (-0, 2) although -0.0 sorts first by Double.compare
        List<double[]> v = List.of(new double[] {-0.0, 2}, new double[] {0.0, 1});
        assertThat(Pareto.front(v, new boolean[] {false, false})).containsExactly(1);
        assertThat(Pareto.front(v, new boolean[] {true, false})).containsExactly(1);
    }

    @Test
    void itemsComeBackInInputOrder() {
        record Design(String name, double latency, double energy) {
        }
        List<Design> designs = List.of(new Design("a", 3, 1), new Design("b", 1, 3), new Design("c", 3, 3),
                new Design("d", 2, 2));
        assertThat(Pareto.front(designs, d -> new double[] {d.latency(), d.energy()},
                List.of(Pareto.Objective.min("latency_ns"), Pareto.Objective.min("energy_pj"))))
                .extracting(Design::name).containsExactly("a", "b", "d");
    }

    @Test
    void aLargeTwoObjectiveFrontIsLinear() {
        // 200,000 designs all on the front (latency up, energy down): the running minimum keeps it O(n)
        int n = 200_000;
        List<double[]> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(new double[] {i, n - i});
        }
        Collections.shuffle(v, new Random(1));
        long t0 = System.nanoTime();
        assertThat(Pareto.front(v, new boolean[] {false, false})).hasSize(n);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void nanIsRefused() {
        assertThatThrownBy(() -> Pareto.key(new double[] {Double.NaN}, new boolean[] {false}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsNameDirectionAndColumn() {
        assertThat(Pareto.label(List.of(Pareto.Objective.min("latency_ns"), Pareto.Objective.max("speedup"))))
                .isEqualTo("min latency_ns, max speedup");
    }

    @Test
    void requestDefaultsAndValidation() {
        ParetoTable.Request r = ParetoTable.Request.of(null, null, null, null);
        assertThat(Pareto.label(r.objectives())).isEqualTo("min latency_ns, min energy_pj, min area_mm2");
        assertThat(r.by()).containsExactly("network", "data", "scheme");
        assertThat(r.where()).isEmpty();
        ParetoTable.Request only = ParetoTable.Request.of(null, List.of("speedup"), List.of("network", " ou_rows"), " x > 1 ");
        assertThat(Pareto.label(only.objectives())).isEqualTo("max speedup");
        assertThat(only.by()).containsExactly("network", "ou_rows");
        assertThat(only.where()).isEqualTo("x > 1");
        assertThat(ParetoTable.Request.of(null, null, List.of(""), null).by()).isEmpty();

        assertThatThrownBy(() -> ParetoTable.Request.of(List.of("latncy_ns"), null, null, null))
                .hasMessageContaining("--minimize latncy_ns: no such column").hasMessageContaining("latency_ns, ");
        assertThatThrownBy(() -> ParetoTable.Request.of(List.of("network"), null, null, null))
                .hasMessageContaining("--minimize network: not numeric");
        assertThatThrownBy(() -> ParetoTable.Request.of(null, List.of("fits_on_chip"), null, null))
                .hasMessageContaining("--maximize fits_on_chip: not numeric");
        assertThatThrownBy(() -> ParetoTable.Request.of(List.of("sim_ms"), null, null, null))
                .hasMessageContaining("--minimize sim_ms: differs between the seeds");
        assertThatThrownBy(() -> ParetoTable.Request.of(List.of("speedup"), List.of("speedup"), null, null))
                .hasMessageContaining("--maximize speedup: already an objective");
        assertThatThrownBy(() -> ParetoTable.Request.of(List.of(""), null, null, null))
                .hasMessageContaining("no objective given");
        assertThatThrownBy(() -> ParetoTable.Request.of(null, null, List.of("speedup"), null))
                .hasMessageContaining("--by speedup: not a config column or scheme").hasMessageContaining("ou_rows");
        assertThatThrownBy(() -> ParetoTable.Request.of(null, null, List.of("seed"), null))
                .hasMessageContaining("--by seed: not allowed, points are averaged over seeds");
        assertThatThrownBy(() -> ParetoTable.Request.of(null, null, List.of("netwrk"), null))
                .hasMessageContaining("--by netwrk: no such column");
    }

    @Test
    void tableHasEveryPointsColumnButThePerRowOnes() {
        List<String> names = ParetoTable.COLUMNS.stream().map(ParetoTable.Column::name).toList();
        for (ResultColumn c : ResultSchema.POINTS) {
            if (ParetoTable.PER_ROW.contains(c.name())) {
                assertThat(names).doesNotContain(c.name());
            } else {
                assertThat(names).contains(c.name());
            }
        }
        assertThat(names).contains("seeds", "candidates", "objectives", "constraint", "group_by", "ou_rows",
                "adc_bits", "network", "data", "scheme", "config_hash", "latency_ns", "speedup", "read_error_rate");
        assertThat(ParetoTable.COLUMNS.get(ParetoTable.index("latency_ns")).column().type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(ParetoTable.COLUMNS.get(ParetoTable.index("cycles")).column().type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(ParetoTable.COLUMNS.get(ParetoTable.index("ou_rows")).role()).isEqualTo(ParetoTable.Role.KEY);
        assertThat(Arrays.asList(names.indexOf("scheme") + 1)).containsExactly(names.indexOf("seeds"));
    }
}
