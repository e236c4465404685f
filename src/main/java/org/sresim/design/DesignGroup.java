package org.sresim.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs of one per-layer search (a network, its data and the rest of its config, one scheme)
 * and the candidates they give: every uniform design whose every layer meets the constraint, plus
 * the per-layer designs a {@link LagrangianSearch} traces over the layers' feasible settings.
 *
 * @param network the base network (name or file, as the sweep's {@code network} column holds it)
 * @param data    the data location ({@code data} column), empty for synthetic workloads
 * @param context the other config values the sweep varies, {@code key=value} joined, empty when none
 * @param layers  the matrix layers' names in order
 */
public record DesignGroup(String network, String data, String context, List<String> layers,
                          Map<Setting, LayerCost[]> costs, Map<Setting, boolean[]> feasible,
                          Map<Setting, Exact> uniform) {
    public DesignGroup {
        layers = List.copyOf(layers);
        costs = new TreeMap<>(costs);
        feasible = new TreeMap<>(feasible);
        uniform = new TreeMap<>(uniform);
    }

    /** A design to be priced exactly: its settings, how it was found, and the lambda that traced it. */
    public record Candidate(List<Setting> settings, boolean perLayer, Double lambda) {
        public Candidate {
            settings = List.copyOf(settings);
        }
    }

    /** Settings whose every layer meets the constraint, in setting order. */
    public List<Setting> feasibleUniform() {
        List<Setting> out = new ArrayList<>();
        feasible.forEach((s, ok) -> {
            boolean all = uniform.containsKey(s);
            for (boolean b : ok) {
                all &= b;
            }
            if (all) {
                out.add(s);
            }
        });
        return out;
    }

    /**
     * The layers without any setting that meets the constraint (the search has no per-layer design
     * then), by name.
     */
    public List<String> infeasibleLayers() {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            if (options(l).isEmpty()) {
                out.add(layers.get(l));
            }
        }
        return out;
    }

    private List<LayerCost> options(int l) {
        List<LayerCost> out = new ArrayList<>();
        costs.forEach((s, perLayer) -> {
            if (feasible.get(s)[l] && perLayer[l] != null) {
                out.add(perLayer[l]);
            }
        });
        return out;
    }

    /** The uniform candidates, then the traced per-layer ones that are not uniform. */
    public List<Candidate> candidates() {
        Map<List<Setting>, Candidate> out = new LinkedHashMap<>();
        for (Setting s : feasibleUniform()) {
            List<Setting> all = new ArrayList<>();
            layers.forEach(l -> all.add(s));
            out.put(all, new Candidate(all, false, null));
        }
        if (infeasibleLayers().isEmpty() && !layers.isEmpty()) {
            List<List<LayerCost>> options = new ArrayList<>();
            for (int l = 0; l < layers.size(); l++) {
                options.add(options(l));
            }
            for (LagrangianSearch.Candidate c : LagrangianSearch.trace(options)) {
                out.putIfAbsent(c.settings(), new Candidate(c.settings(), !Designs.uniform(c.settings()),
                        c.lambda()));
            }
        }
        return new ArrayList<>(out.values());
    }
}
