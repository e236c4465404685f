package org.sresim.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Pareto fronts over objective vectors, without Spark: the per-group scan of the {@code pareto}
 * command's Spark job, and a plain function for small in-memory lists (per-layer design search).
 * <p>
 * Dominance (model notes 9b): a dominates b when a is no worse in every objective and strictly
 * better in at least one. The front is every vector no other vector dominates; equal vectors
 * dominate neither each other nor anything the other does not, so duplicates are all kept.
 * <p>
 * Objectives are compared as <em>keys</em>: the value itself when minimised, its negation when
 * maximised, so that smaller keys are always better. Keys are compared with {@code <}, so
 * {@code -0.0 == 0.0}; vectors must not hold NaN (callers leave out rows with a missing objective).
 * <p>
 * The scan is sort-filter-skyline (Chomicki et al., ICDE 2003): visited in ascending
 * lexicographic order of keys, a vector can only be dominated by one visited before it (a
 * dominator is lexicographically smaller), so each candidate is compared with the front found
 * so far and nothing ever leaves the front. With one or two objectives the last vector added
 * decides (the front's second key falls as the first rises): a running minimum, O(1) per candidate.
 */
public final class Pareto {
    private Pareto() {
    }

    /** One objective: a column and its direction. */
    public record Objective(String column, boolean maximize) implements java.io.Serializable {
        public Objective {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("objective column is empty");
            }
        }

        public static Objective min(String column) {
            return new Objective(column, false);
        }

        public static Objective max(String column) {
            return new Objective(column, true);
        }

        /** "min latency_ns" or "max speedup": how the table and the report name it. */
        public String label() {
            return (maximize ? "max " : "min ") + column;
        }
    }

    /** "min latency_ns, min energy_pj, min area_mm2". */
    public static String label(List<Objective> objectives) {
        return String.join(", ", objectives.stream().map(Objective::label).toList());
    }

    /** Whether each objective is maximised, in order. */
    public static boolean[] maximized(List<Objective> objectives) {
        boolean[] max = new boolean[objectives.size()];
        for (int i = 0; i < max.length; i++) {
            max[i] = objectives.get(i).maximize();
        }
        return max;
    }

    /**
     * The comparison key of a value vector: maximised values negated, -0.0 made 0.0 (so that
     * the lexicographic sort and the dominance test agree on zeros).
     */
    public static double[] key(double[] values, boolean[] maximize) {
        if (values.length != maximize.length) {
            throw new IllegalArgumentException(values.length + " values for " + maximize.length + " objectives");
        }
        double[] k = new double[values.length];
        for (int i = 0; i < k.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("objective " + i + " is NaN");
            }
            k[i] = (maximize[i] ? -values[i] : values[i]) + 0.0;
        }
        return k;
    }

    /** Whether key vector {@code a} dominates {@code b}: no worse anywhere, strictly better somewhere. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    /** Ascending lexicographic order of key vectors, by {@code <} (so -0.0 and 0.0 tie). */
    public static int compareKeys(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return -1;
            }
            if (a[i] > b[i]) {
                return 1;
            }
        }
        return 0;
    }

    /**
     * The indices of the non-dominated vectors among {@code values}, ascending. Sorts a copy and
     * scans it: O(n log n + n f) for a front of f vectors (O(n log n) for one or two objectives).
     */
    public static int[] front(List<double[]> values, boolean[] maximize) {
        int n = values.size();
        double[][] keys = new double[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(values.get(i), maximize);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compareKeys(keys[a], keys[b]));
        Scan<Integer> scan = new Scan<>(maximize.length);
        for (int i : order) {
            scan.add(keys[i], i);
        }
        return scan.front().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The items of {@code items} on the front of their {@code values}, in their input order. */
    public static <T> List<T> front(List<T> items, Function<T, double[]> values, List<Objective> objectives) {
        List<double[]> v = new ArrayList<>(items.size());
        for (T item : items) {
            v.add(values.apply(item));
        }
        List<T> out = new ArrayList<>();
        for (int i : front(v, maximized(objectives))) {
            out.add(items.get(i));
        }
        return out;
    }

    /**
     * The front of one group, fed one candidate at a time (a Spark partition's rows, say); memory
     * is the front, not the group. Fed in ascending {@link #compareKeys} order it is a
     * sort-filter-skyline scan. Fed out of order it stays exact: from the first candidate that
     * breaks the order on, it compares every candidate with the whole front and removes the front
     * vectors a newcomer dominates (block-nested-loop), so a sort that orders doubles differently
     * from {@code <} costs time, never a wrong front. Items come out only at the end
     * ({@link #front}), since out of order a later candidate may evict an earlier one.
     */
    public static final class Scan<T> {
        private final int dimensions;
        private final List<double[]> keys = new ArrayList<>();
        private final List<T> items = new ArrayList<>();
        private double[] previous;
        private boolean sorted = true;
        private long considered;

        public Scan(int dimensions) {
            if (dimensions < 1) {
                throw new IllegalArgumentException("at least one objective");
            }
            this.dimensions = dimensions;
        }

        /** Offers a candidate by its key vector ({@link Pareto#key}). */
        public void add(double[] key, T item) {
            if (key.length != dimensions) {
                throw new IllegalArgumentException(key.length + " keys for " + dimensions + " objectives");
            }
            considered++;
            if (sorted && previous != null && compareKeys(key, previous) < 0) {
                sorted = false;
            }
            previous = key;
            if (sorted) {
                if (dimensions <= 2) {
                    // the last front vector has the smallest second key; if it does not dominate, none does
                    if (!keys.isEmpty() && dominates(keys.get(keys.size() - 1), key)) {
                        return;
                    }
                } else {
                    for (int i = keys.size() - 1; i >= 0; i--) {
                        if (dominates(keys.get(i), key)) {
                            return;
                        }
                    }
                }
            } else {
                for (int i = keys.size() - 1; i >= 0; i--) {
                    if (dominates(keys.get(i), key)) {
                        return;
                    }
                }
                for (int i = keys.size() - 1; i >= 0; i--) {
                    if (dominates(key, keys.get(i))) {
                        keys.remove(i);
                        items.remove(i);
                    }
                }
            }
            keys.add(key);
            items.add(item);
        }

        /** Candidates offered so far. */
        public long considered() {
            return considered;
        }

        /** The non-dominated items, in the order they were offered. */
        public List<T> front() {
            return Collections.unmodifiableList(new ArrayList<>(items));
        }
    }
}
