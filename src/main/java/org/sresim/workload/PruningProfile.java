package org.sresim.workload;

/**
 * The sparsity a pruning paper published for one layer (model section 3.2, "published profiles"),
 * written in a network file as {@code pruning: {filter: f, shape: s, element: e}}.
 *
 * <p>Whole shapes (matrix rows, one (c, ky, kx) position across every filter) are zeroed first, a
 * fraction {@code shape} of the K rows; then whole filters (matrix columns), a fraction {@code filter}
 * of the N columns; then the smallest-magnitude remaining weights until a fraction {@code element}
 * of all K x N weights is zero. When the structured parts already zero more than {@code element},
 * nothing more is pruned. Each selection is a prefix of a seed-fixed order, so a larger fraction
 * zeroes a superset. A layer with a profile ignores the global {@code pruning.*} keys and the
 * first-layer exemption: the published numbers already say what the authors did to that layer.
 *
 * @param filter  fraction of whole filters (columns) that are zero, in [0, 1)
 * @param shape   fraction of whole shapes (rows) that are zero, in [0, 1)
 * @param element total fraction of zero weights, in [0, 1)
 */
public record PruningProfile(double filter, double shape, double element) implements java.io.Serializable {

    /** The keys of a profile block, in the order they are documented. */
    static final java.util.List<String> KEYS = java.util.List.of("filter", "shape", "element");

    public PruningProfile {
        check("filter", filter);
        check("shape", shape);
        check("element", element);
    }

    /** Only magnitude pruning to {@code element}: what Han et al. publish (weights remaining = 1 - element). */
    public static PruningProfile elementOnly(double element) {
        return new PruningProfile(0, 0, element);
    }

    private static void check(String key, double v) {
        if (!(v >= 0.0 && v < 1.0)) {
            throw new WorkloadException("'pruning." + key + "' must be in [0, 1), got " + v);
        }
    }
}
