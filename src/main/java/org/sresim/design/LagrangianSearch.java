package org.sresim.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer design candidates traced by a Lagrangian sweep: for each multiplier lambda, every layer
 * independently takes the setting that minimises {@code energy + lambda * latency} among its
 * feasible ones. Work is layers x settings per lambda, never settings^layers. With additive
 * objectives every such design lies on the lower convex hull of the (latency, energy) front of the
 * combinations (Everett 1963); layers couple through the copy plan, so these are candidates only,
 * to be simulated exactly.
 */
public final class LagrangianSearch {
    /** Lambdas per decade of the log grid around the reference energy/latency ratio. */
    static final int STEPS_PER_DECADE = 4;
    /** Decades either side of the reference ratio. */
    static final int DECADES = 4;

    private LagrangianSearch() {
    }

    /** A traced design and the smallest lambda that chose it (0: energy alone; infinity: latency alone). */
    public record Candidate(List<Setting> settings, double lambda) {
        public Candidate {
            settings = List.copyOf(settings);
        }
    }

    /**
     * Distinct designs, one setting per layer, in order of increasing lambda. {@code options.get(l)}
     * holds layer l's feasible settings (at least one each). Lambda runs over 0, a log grid of
     * {@link #DECADES} decades either side of the ratio of the layers' mean energy to mean latency
     * ({@link #STEPS_PER_DECADE} per decade), and infinity.
     */
    public static List<Candidate> trace(List<List<LayerCost>> options) {
        for (int l = 0; l < options.size(); l++) {
            if (options.get(l).isEmpty()) {
                throw new IllegalArgumentException("layer " + l + " has no feasible setting");
            }
        }
        Map<List<Setting>, Double> designs = new LinkedHashMap<>();
        for (double lambda : lambdas(referenceRatio(options))) {
            designs.putIfAbsent(choose(options, lambda), lambda);
        }
        List<Candidate> out = new ArrayList<>();
        designs.forEach((settings, lambda) -> out.add(new Candidate(settings, lambda)));
        return out;
    }

    /** 0, the log grid around {@code ratio}, infinity. */
    static double[] lambdas(double ratio) {
        int n = 2 * DECADES * STEPS_PER_DECADE + 1;
        double[] out = new double[n + 2];
        for (int i = 0; i < n; i++) {
            out[i + 1] = ratio * Math.pow(10, (double) (i - DECADES * STEPS_PER_DECADE) / STEPS_PER_DECADE);
        }
        out[n + 1] = Double.POSITIVE_INFINITY;
        return out;
    }

    /** Mean energy over mean latency of every option (1 when latencies are all 0). */
    static double referenceRatio(List<List<LayerCost>> options) {
        double e = 0;
        double t = 0;
        for (List<LayerCost> layer : options) {
            for (LayerCost c : layer) {
                e += c.energyPj();
                t += c.latencyNs();
            }
        }
        return t > 0 && e > 0 ? e / t : 1;
    }

    /** Each layer's best setting at this lambda. */
    static List<Setting> choose(List<List<LayerCost>> options, double lambda) {
        List<Setting> design = new ArrayList<>(options.size());
        for (List<LayerCost> layer : options) {
            LayerCost best = null;
            for (LayerCost c : layer) {
                if (best == null || better(c, best, lambda)) {
                    best = c;
                }
            }
            design.add(best.setting());
        }
        return design;
    }

    /**
     * Whether {@code a} beats {@code b} at this lambda: lower {@code energy + lambda * latency};
     * lambda 0 and infinity order by energy then latency and latency then energy; remaining ties
     * go to the smaller setting, so the trace never depends on the order of the options.
     */
    static boolean better(LayerCost a, LayerCost b, double lambda) {
        int c;
        if (lambda == 0) {
            c = compare(a.energyPj(), b.energyPj(), a.latencyNs(), b.latencyNs());
        } else if (Double.isInfinite(lambda)) {
            c = compare(a.latencyNs(), b.latencyNs(), a.energyPj(), b.energyPj());
        } else {
            c = compare(a.energyPj() + lambda * a.latencyNs(), b.energyPj() + lambda * b.latencyNs(),
                    a.latencyNs(), b.latencyNs());
        }
        return c < 0 || c == 0 && a.setting().compareTo(b.setting()) < 0;
    }

    private static int compare(double a1, double b1, double a2, double b2) {
        int c = Double.compare(a1, b1);
        return c != 0 ? c : Double.compare(a2, b2);
    }
}
