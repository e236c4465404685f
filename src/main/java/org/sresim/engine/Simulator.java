package org.sresim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.hw.Action;
import org.sresim.hw.EnergyTable;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;
import org.sresim.workload.Seeds;
import org.sresim.workload.WorkloadSource;

/**
 * Simulates one design point: every layer's workload is counted under every scheme, the chip is
 * provisioned, and counts become cycles, latency and energy. Pure: the result is a function of
 * (config, network, workload data, seed) only, whatever thread or Spark task calls it.
 */
public final class Simulator {
    /**
     * Config keys that only provision the chip or price and time its actions: points differing
     * in nothing else share every layer's counts and accuracy tallies (model section 9, last
     * invariant), so those are taken from {@link #memo} instead of being counted again. The ADC
     * resolution is one of them: counts do not depend on it and the tallies keep the ideal value
     * of every sampled conversion, from which the clipping rate of any resolution follows.
     */
    private static final java.util.Set<String> NOT_COUNTED = java.util.Set.of("latency.model", "chip.crossbars",
            "chip.count", "adc.model", "adc.bits", "ou.cycle-ns", "adc.sample-rate-gsps", "adc.per-crossbar",
            "ou.rows");

    /**
     * Counted layers of the most recent points, by workload and counting key, then by OU height (a
     * few entries, LRU; room for every sample of a batch). The OU height is not part of the
     * counting key because one counting pass serves every height (see {@link #expect}).
     */
    private final Map<Object, Map<Integer, List<LayerOutcome>>> memo = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Map<Integer, List<LayerOutcome>>> eldest) {
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

    /** The per-layer facts the network-level step needs. */
    private record LayerOutcome(MatrixLayer layer, LayerCounts counts, Map<Scheme, AccuracyTally> accuracy,
                                double weightDensity, long nonZeroWeights, double activationDensity,
                                long nonZeroInputs, long inputOneBits) {
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
            expectedHeights.computeIfAbsent(countingKey(c), k -> new java.util.TreeSet<>()).add(c.intValue("ou.rows"));
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
        return Batches.combine(each, Hardware.from(config), network);
    }

    /** One inference: every layer counted on one input. */
    private SimulationResult simulateOne(Config config, Network network, WorkloadSource source, Object workloadKey) {
        Hardware hw = Hardware.from(config);
        EnergyTable energy = EnergyTable.from(config);
        Map<Action, Double> ouPrices = energy.prices(hw.adcBits(), hw.ouCycleNs());
        Map<Action, Double> idealPrices = energy.prices(hw.idealAdcBits(), hw.idealReadNs());
        List<LayerOutcome> outcomes = countedLayers(config, network, source, hw, workloadKey);

        int n = outcomes.size();
        int[] tiles = new int[n];
        int[] windows = new int[n];
        long[] denseTime = new long[n];
        for (int l = 0; l < n; l++) {
            LayerOutcome o = outcomes.get(l);
            tiles[l] = o.counts.tiles;
            windows[l] = o.layer.windows();
            denseTime[l] = CopyPlan.cycles(o.counts.of(Scheme.DENSE).tileOps, 1);
        }
        long oneCopy = 0;
        for (int t : tiles) {
            oneCopy += t;
        }
        long chips = hw.chips(oneCopy);
        long budget = Math.multiplyExact(chips, hw.chipCrossbars());
        CopyPlan plan = "replicated".equals(config.text("latency.model"))
                ? CopyPlan.replicated(tiles, windows, denseTime, budget)
                : CopyPlan.parallelTiles(tiles, budget);

        List<Metrics> layerRows = new ArrayList<>();
        List<Metrics> networkRows = new ArrayList<>();
        for (Scheme scheme : Scheme.values()) {
            boolean ideal = scheme == Scheme.IDEAL;
            Map<Action, Double> prices = ideal ? idealPrices : ouPrices;
            double opNs = ideal ? hw.idealReadNs() : hw.ouCycleNs();
            int adcBits = ideal ? hw.idealAdcBits() : hw.adcBits();
            long[] totalCounts = new long[Action.values().length];
            long totalOps = 0;
            long totalCycles = 0;
            long totalCrossbars = 0;
            long totalCopies = 0;
            long totalIndex = 0;
            double clipWeighted = 0;
            double errorWeighted = 0;
            long weights = 0;
            long nonZeroWeights = 0;
            long inputs = 0;
            long nonZeroInputs = 0;
            long inputOneBits = 0;
            double opsVariance = 0;
            double cyclesVariance = 0;
            double energyVariance = 0;
            for (int l = 0; l < n; l++) {
                LayerOutcome o = outcomes.get(l);
                SchemeCounts c = o.counts.of(scheme);
                long cycles = CopyPlan.cycles(c.tileOps, plan.copies()[l]);
                long indexBits = scheme.compressesWeights() ? o.counts.indexStorageBits : 0;
                AccuracyTally acc = o.accuracy.get(scheme);
                double[] var = variances(o.counts, scheme, prices);
                double cyclesStderr = c.ouOps == 0 ? 0 : cycles * Math.sqrt(var[0]) / c.ouOps;
                layerRows.add(metrics(l, o.layer.name(), scheme, c.ouOps, cycles, c.actions, prices, opNs,
                        (long) tiles[l] * plan.copies()[l], plan.copies()[l], plan.fitsOnChip(), indexBits,
                        o.weightDensity, o.activationDensity, acc.clipRate(adcBits), acc.readErrorRate(), adcBits,
                        new double[] {Math.sqrt(var[0]), cyclesStderr, Math.sqrt(var[1])}, chips,
                        ratio(o.inputOneBits, o.nonZeroInputs * hw.inputBits())));
                opsVariance += var[0];
                cyclesVariance += cyclesStderr * cyclesStderr;
                energyVariance += var[1];
                for (int a = 0; a < totalCounts.length; a++) {
                    totalCounts[a] += c.actions[a];
                }
                totalOps += c.ouOps;
                totalCycles += cycles;
                totalCrossbars += (long) tiles[l] * plan.copies()[l];
                totalCopies += plan.copies()[l];
                totalIndex += indexBits;
                long conversions = c.count(Action.ADC);
                clipWeighted += acc.clipRate(adcBits) * conversions;
                errorWeighted += acc.readErrorRate() * conversions;
                weights += (long) o.layer.rows() * o.layer.cols();
                nonZeroWeights += o.nonZeroWeights;
                inputs += o.layer.inputElements();
                nonZeroInputs += o.nonZeroInputs;
                inputOneBits += o.inputOneBits;
            }
            long conversions = totalCounts[Action.ADC.ordinal()];
            networkRows.add(metrics(-1, null, scheme, totalOps, totalCycles, totalCounts, prices, opNs,
                    totalCrossbars, totalCopies, plan.fitsOnChip(), totalIndex,
                    ratio(nonZeroWeights, weights), ratio(nonZeroInputs, inputs),
                    conversions == 0 ? 0 : clipWeighted / conversions,
                    conversions == 0 ? 0 : errorWeighted / conversions, adcBits,
                    new double[] {Math.sqrt(opsVariance), Math.sqrt(cyclesVariance), Math.sqrt(energyVariance)},
                    chips, ratio(inputOneBits, nonZeroInputs * hw.inputBits())));
        }
        return Efficiency.attach(new SimulationResult(config, network.name(), relative(networkRows),
                relative(layerRows)), hw, network);
    }

    /**
     * The layers counted at this point's OU height: from the memo when an earlier point of the same
     * workload and counting key had them, else counted now together with every height announced
     * for that key (see {@link #expect}) that is not in the memo yet.
     */
    private List<LayerOutcome> countedLayers(Config config, Network network, WorkloadSource source, Hardware hw,
                                             Object workloadKey) {
        int height = hw.ouRows();
        if (workloadKey == null) {
            return count(config, network, source, hw, new int[] {height}).get(height);
        }
        String countingKey = countingKey(config);
        Object key = List.of(workloadKey, network, countingKey);
        Map<Integer, List<LayerOutcome>> byHeight = memo.computeIfAbsent(key, k -> new java.util.HashMap<>());
        List<LayerOutcome> outcomes = byHeight.get(height);
        if (outcomes == null) {
            java.util.SortedSet<Integer> heights = new java.util.TreeSet<>(
                    expectedHeights.getOrDefault(countingKey, java.util.Collections.emptySortedSet()));
            heights.add(height);
            heights.removeAll(byHeight.keySet()); // counted before: keep those
            byHeight.putAll(count(config, network, source, hw, heights.stream().mapToInt(Integer::intValue).toArray()));
            outcomes = byHeight.get(height);
        }
        return outcomes;
    }

    /**
     * Every layer's counts, accuracy tallies and densities for each OU height: the data-dependent
     * half of a point. One counting pass and one accuracy sample serve every height.
     */
    private Map<Integer, List<LayerOutcome>> count(Config config, Network network, WorkloadSource source,
                                                   Hardware hw, int[] heights) {
        long seed = config.longValue("seed");
        int simWindows = config.intValue("sim.windows");
        AccuracyProxy proxy = new AccuracyProxy(hw, heights, config.doubleValue("device.sigma"),
                config.doubleValue("device.r-ratio"), config.intValue("accuracy.windows"),
                config.intValue("accuracy.tiles"));
        List<List<LayerOutcome>> outcomes = new ArrayList<>();
        for (int h = 0; h < heights.length; h++) {
            outcomes.add(new ArrayList<>());
        }
        for (MatrixLayer layer : network.matrixLayers()) {
            LayerWorkload w = source.load(layer);
            double wd = w.weightDensity();
            double ad = w.activationDensity();
            long ones = 0;
            for (int a : w.inputs()) {
                ones += Integer.bitCount(a);
            }
            LayerCounts[] counts = counter.count(w, hw, windowSample(layer, simWindows, seed), heights);
            List<Map<Scheme, AccuracyTally>> accuracy = proxy.estimateEach(w, seed);
            for (int h = 0; h < heights.length; h++) {
                outcomes.get(h).add(new LayerOutcome(layer, counts[h], accuracy.get(h), wd,
                        Math.round(wd * w.weights().length), ad, Math.round(ad * w.inputs().length), ones));
            }
        }
        Map<Integer, List<LayerOutcome>> byHeight = new java.util.HashMap<>();
        for (int h = 0; h < heights.length; h++) {
            byHeight.put(heights[h], List.copyOf(outcomes.get(h)));
        }
        return byHeight;
    }

    /**
     * The config values a point's counts depend on: everything but provisioning, timing and
     * prices. Points with equal counting keys and the same workload share their layer counts.
     */
    public static String countingKey(Config config) {
        StringBuilder sb = new StringBuilder();
        for (org.sresim.config.Key k : org.sresim.config.Keys.all()) {
            if (!sharesCounts(k.name())) {
                sb.append(k.name()).append('=').append(config.value(k.name())).append(';');
            }
        }
        return sb.toString();
    }

    /**
     * Whether config key {@code key} only provisions, times or prices the chip: points differing in
     * nothing but such keys share their workload and every layer's counts and accuracy tallies.
     */
    public static boolean sharesCounts(String key) {
        return NOT_COUNTED.contains(key) || key.startsWith("energy.") || Efficiency.PRICES_ONLY.test(key);
    }

    /**
     * {@code sim.windows} distinct windows of the layer drawn uniformly at random (seeded by the
     * point seed and layer), sorted; null when every window is simulated.
     */
    static int[] windowSample(MatrixLayer layer, int simWindows, long seed) {
        if (simWindows <= 0 || simWindows >= layer.windows()) {
            return null;
        }
        int[] sample = AccuracyProxy.sample(layer.windows(), simWindows,
                Seeds.stream(seed, layer.index(), Seeds.Purpose.WINDOW_SAMPLE));
        java.util.Arrays.sort(sample);
        return sample;
    }

    /** Variances of a layer's sampled ou_ops and energy totals ({0, 0} when exact). */
    private static double[] variances(LayerCounts counts, Scheme scheme, Map<Action, Double> prices) {
        WindowStats stats = counts.windowStats;
        if (stats == null) {
            return new double[] {0, 0};
        }
        double perConversion = prices.get(Action.ADC) + prices.get(Action.SAMPLE_HOLD) + prices.get(Action.SHIFT_ADD);
        return new double[] {
            stats.varianceOfTotal(scheme, new double[] {1, 0, 0, 0}),
            stats.varianceOfTotal(scheme, new double[] {0, prices.get(Action.DAC), prices.get(Action.CELL_READ),
                perConversion})};
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Prices the counts; speedups and savings are filled in by {@link #relative}. */
    private static Metrics metrics(int index, String layer, Scheme scheme, long ops, long cycles, long[] counts,
                                   Map<Action, Double> prices, double opNs, long crossbars, long copies,
                                   boolean fits, long indexBits, double weightDensity, double activationDensity,
                                   double clipRate, double errorRate, int adcBits, double[] stderr, long chips,
                                   double inputOneBitFraction) {
        double[] energy = new double[counts.length];
        double total = 0;
        for (Action a : Action.values()) {
            energy[a.ordinal()] = counts[a.ordinal()] * prices.get(a);
            total += energy[a.ordinal()];
        }
        return new Metrics(index, layer, scheme, ops, cycles, cycles * opNs, total, counts.clone(), energy,
                Double.NaN, Double.NaN, Double.NaN, crossbars, copies, fits, indexBits, weightDensity,
                activationDensity, clipRate, errorRate, adcBits, opNs, stderr[0], stderr[1], stderr[2], chips, null,
                inputOneBitFraction, 1);
    }

    /** Fills speedup, ops_speedup and energy_saving of each row against the dense row of the same layer. */
    static List<Metrics> relative(List<Metrics> rows) {
        Map<Integer, Metrics> dense = new java.util.HashMap<>();
        for (Metrics m : rows) {
            if (m.scheme() == Scheme.DENSE) {
                dense.put(m.layerIndex(), m);
            }
        }
        List<Metrics> out = new ArrayList<>(rows.size());
        for (Metrics m : rows) {
            Metrics d = dense.get(m.layerIndex());
            out.add(new Metrics(m.layerIndex(), m.layer(), m.scheme(), m.ouOps(), m.cycles(), m.latencyNs(),
                    m.energyPj(), m.counts(), m.energyByActionPj(), d.latencyNs() / m.latencyNs(),
                    (double) d.ouOps() / m.ouOps(), 1 - m.energyPj() / d.energyPj(), m.crossbars(), m.copies(),
                    m.fitsOnChip(), m.indexBits(), m.weightDensity(), m.activationDensity(), m.adcClipRate(),
                    m.readErrorRate(), m.adcBits(), m.operationNs(), m.ouOpsStderr(), m.cyclesStderr(),
                    m.energyPjStderr(), m.chips(), m.efficiency(), m.inputOneBitFraction(), m.samples()));
        }
        out.sort(java.util.Comparator.comparingInt(Metrics::layerIndex).thenComparing(Metrics::scheme));
        return out;
    }
}
