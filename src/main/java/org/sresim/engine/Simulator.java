package org.sresim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.config.Effect;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.engine.accuracy.Accuracy;
import org.sresim.engine.accuracy.AccuracyProxy;
import org.sresim.engine.counting.BitsetCounter;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.engine.counting.OuCounter;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;
import org.sresim.workload.Seeds;
import org.sresim.workload.WorkloadSource;

/**
 * Simulates one design point in two steps: every layer's workload is counted under every scheme
 * ({@link LayerStatistics}, shared through a memo by points that differ only in the hardware
 * variant), then {@link Pricing} provisions the chip and turns counts into cycles, latency and
 * energy. Pure: the result is a function of
 * (config, network, workload data, seed) only, whatever thread or Spark task calls it.
 */
public final class Simulator {
    /**
     * The OU height changes counts, yet points differing in it share a counting pass: one pass
     * counts every announced height ({@link #expect}) and the memo keeps them by height.
     */
    private static final String COUNTED_PER_HEIGHT = "ou.rows";

    /**
     * Counted layers of the most recent points, by workload and counting key, then by OU height (a
     * few entries, LRU; room for every sample of a batch). The OU height is not part of the
     * counting key because one counting pass serves every height (see {@link #expect}).
     */
    private final Map<Object, Map<Integer, List<LayerStatistics>>> memo = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Map<Integer, List<LayerStatistics>>> eldest) {
            return size() > memoEntries;
        }
    };
    private int memoEntries = 4;

    /** The OU heights announced for each counting key, counted together on the first miss. */
    private final Map<String, java.util.SortedSet<Integer>> expectedHeights = new java.util.HashMap<>();

    private final OuCounter counter;

    public Simulator() {
        this(new BitsetCounter());
    }

    Simulator(OuCounter counter) {
        this.counter = counter;
    }

    public SimulationResult simulate(Config config, Network network, WorkloadSource source) {
        return simulate(config, network, source, null);
    }

    /**
     * Announces points this simulator will be asked for: points sharing a workload and counting key
     * are then counted for all their OU heights in one pass, on the first of them. Changes no number.
     */
    public void expect(java.util.Collection<Config> points) {
        for (Config c : points) {
            expectedHeights.computeIfAbsent(countingKey(c), k -> new java.util.TreeSet<>()).add(Hardware.from(c).ouRows());
        }
    }

    /**
     * As {@link #simulate(Config, Network, WorkloadSource)}, reusing the layer counts of an earlier
     * point of this simulator whose {@code workloadKey} and {@link #countingKey} are equal: such
     * points differ only in provisioning and prices. {@code workloadKey} must identify the
     * source's data completely (null: never reuse).
     */
    public SimulationResult simulate(Config config, Network network, WorkloadSource source, Object workloadKey) {
        int samples = source.samples();
        memoEntries = Math.max(memoEntries, 4 * samples);
        if (samples == 1) {
            return simulateOne(config, network, source, workloadKey);
        }
        List<SimulationResult> each = new ArrayList<>(samples);
        for (int b = 0; b < samples; b++) {
            each.add(simulateOne(config, network, source.sample(b), workloadKey == null ? null : List.of(workloadKey, b)));
        }
        return Batches.combine(each, provisioned(config, Hardware.from(config), network), network);
    }

    /** One inference: every layer counted on one input (or taken from the memo), then priced. */
    private SimulationResult simulateOne(Config config, Network network, WorkloadSource source, Object workloadKey) {
        Hardware hw = Hardware.from(config);
        List<LayerStatistics> layers = countedLayers(config, network, source, hw, workloadKey);
        return Efficiency.attach(Pricing.of(config, hw).price(config, network.name(), layers, network.attentionMacs()),
                provisioned(config, hw, network), network);
    }

    /**
     * The layers counted at this point's OU height: from the memo when an earlier point of the same
     * workload and counting key had them, else counted now together with every height announced
     * for that key (see {@link #expect}) that is not in the memo yet.
     */
    private List<LayerStatistics> countedLayers(Config config, Network network, WorkloadSource source, Hardware hw,
                                                Object workloadKey) {
        int height = hw.ouRows();
        if (workloadKey == null) {
            return count(config, network, source, hw, new int[] {height}).get(height);
        }
        String countingKey = countingKey(config);
        Object key = List.of(workloadKey, network, countingKey);
        Map<Integer, List<LayerStatistics>> byHeight = memo.computeIfAbsent(key, k -> new java.util.HashMap<>());
        List<LayerStatistics> layers = byHeight.get(height);
        if (layers == null) {
            java.util.SortedSet<Integer> heights = new java.util.TreeSet<>(
                    expectedHeights.getOrDefault(countingKey, java.util.Collections.emptySortedSet()));
            heights.add(height);
            heights.removeAll(byHeight.keySet()); // counted before: keep those
            byHeight.putAll(count(config, network, source, hw, heights.stream().mapToInt(Integer::intValue).toArray()));
            layers = byHeight.get(height);
        }
        return layers;
    }

    /**
     * Every layer's counts, accuracy tallies and densities for each OU height: the data-dependent
     * half of a point. One counting pass and one accuracy sample serve every height.
     */
    private Map<Integer, List<LayerStatistics>> count(Config config, Network network, WorkloadSource source,
                                                      Hardware hw, int[] heights) {
        CountSettings settings = CountSettings.from(config);
        long seed = settings.seed();
        int simWindows = settings.simWindows();
        AccuracyProxy proxy = proxy(settings, hw, heights);
        List<List<LayerStatistics>> perHeight = new ArrayList<>();
        for (int h = 0; h < heights.length; h++) {
            perHeight.add(new ArrayList<>());
        }
        for (MatrixLayer layer : network.matrixLayers()) {
            LayerWorkload w = source.load(layer);
            double wd = w.weightDensity();
            double ad = w.activationDensity();
            long ones = w.inputOneBits();
            LayerCounts[] counts;
            List<Map<Scheme, Accuracy>> accuracy;
            if (layer.hardware() == null) {
                counts = counter.count(w, hw, windowSample(layer, w.windows(), simWindows, seed), heights);
                accuracy = proxy.estimateEach(w, seed);
            } else { // a layer of a heterogeneous design: counted once at its own OU shape, whatever the chip's height
                Hardware own = LayerHardwares.of(config, hw, layer);
                LayerCounts one = counter.count(w, own, windowSample(layer, w.windows(), simWindows, seed),
                        new int[] {own.ouRows()})[0];
                Map<Scheme, Accuracy> acc = proxy(settings, own, new int[] {own.ouRows()}).estimateEach(w, seed).get(0);
                counts = new LayerCounts[heights.length];
                java.util.Arrays.fill(counts, one);
                accuracy = java.util.Collections.nCopies(heights.length, acc);
            }
            for (int h = 0; h < heights.length; h++) {
                perHeight.get(h).add(new LayerStatistics(layer, counts[h], accuracy.get(h), wd,
                        w.nonZeroWeights(), ad, w.nonZeroInputs(), ones));
            }
        }
        Map<Integer, List<LayerStatistics>> byHeight = new java.util.HashMap<>();
        for (int h = 0; h < heights.length; h++) {
            byHeight.put(heights[h], List.copyOf(perHeight.get(h)));
        }
        return byHeight;
    }

    /** The chip as area and static power see it: ADCs at the largest resolution any layer uses. */
    private static Hardware provisioned(Config config, Hardware chip, Network network) {
        List<MatrixLayer> layers = network.matrixLayers();
        return LayerHardwares.heterogeneous(layers) ? chip.provisionedFor(LayerHardwares.of(config, chip, layers)) : chip;
    }

    private static AccuracyProxy proxy(CountSettings s, Hardware hw, int[] heights) {
        return new AccuracyProxy(hw, heights, s.sigma(), s.rRatio(), s.accuracyWindows(), s.accuracyTiles());
    }

    /**
     * The config values a point's counts depend on: everything but provisioning, timing and
     * prices. Points with equal counting keys and the same workload share their layer counts.
     */
    public static String countingKey(Config config) {
        StringBuilder sb = new StringBuilder();
        for (Key k : Keys.all()) {
            if (!sharesCounts(k)) {
                sb.append(k.name()).append('=').append(config.value(k.name())).append(';');
            }
        }
        return sb.toString();
    }

    /**
     * Whether points differing in nothing but {@code key} share their workload and every layer's
     * counts and accuracy tallies (model section 9, last invariant), taken from {@link #memo}
     * instead of being counted again: keys that change neither ({@link Key#affects}), such as
     * provisioning, timing, prices and the ADC resolution (the tallies keep the ideal value of every
     * sampled conversion, from which the clipping rate of any resolution follows), and the OU height.
     */
    public static boolean sharesCounts(Key key) {
        return !key.affects(Effect.COUNTS) && !key.affects(Effect.ACCURACY) || key.name().equals(COUNTED_PER_HEIGHT);
    }

    /** {@link #sharesCounts(Key)} of the key named {@code name}. */
    public static boolean sharesCounts(String name) {
        return sharesCounts(Keys.require(name, "counting key"));
    }

    /**
     * {@code sim.windows} distinct windows of the layer drawn uniformly at random (seeded by the
     * point seed and layer), sorted; null when every window is simulated. {@code windows} is the
     * layer workload's ({@code LayerWorkload.windows()}): a layer fed in two passes has 2V.
     */
    public static int[] windowSample(MatrixLayer layer, int windows, int simWindows, long seed) {
        if (simWindows <= 0 || simWindows >= windows) {
            return null;
        }
        int[] sample = AccuracyProxy.sample(windows, simWindows,
                Seeds.stream(seed, layer.index(), Seeds.Purpose.WINDOW_SAMPLE));
        java.util.Arrays.sort(sample);
        return sample;
    }
}
