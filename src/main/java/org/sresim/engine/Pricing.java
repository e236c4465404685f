package org.sresim.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.engine.accuracy.Accuracy;
import org.sresim.engine.counting.LayerCounts;
import org.sresim.engine.counting.SchemeCounts;
import org.sresim.engine.counting.WindowStats;
import org.sresim.engine.pricing.CopyPlan;
import org.sresim.hw.Action;
import org.sresim.hw.EnergyTable;
import org.sresim.hw.DigitalUnits;
import org.sresim.hw.Hardware;
import org.sresim.hw.LatencyModel;

/**
 * Turns the counted statistics of every layer into one hardware variant's priced rows: the chip
 * is provisioned (chips and copy plan), each layer is priced under each scheme, layer rows add up
 * to network rows, and every row is compared with the dense row of its layer. Pure arithmetic on
 * counts: no workload data is read here, so any number of variants can price one counting pass.
 */
final class Pricing {
    private final Hardware hw;
    private final EnergyTable energy;
    private final LatencyModel latencyModel;
    private final Rate ou;
    private final Rate ideal;
    /** The units that run attention's MACs. */
    private final DigitalUnits digital;

    /**
     * How one scheme's operations are priced and timed.
     *
     * @param operationNs time of one operation (OU cycle, or the ideal full-crossbar read)
     * @param adcBits     the resolution the scheme converts at
     */
    record Rate(Map<Action, Double> prices, double operationNs, int adcBits) {
        Rate {
            prices = Map.copyOf(prices);
        }

        double price(Action a) {
            return prices.get(a);
        }
    }

    /**
     * The chip a network runs on under one variant.
     *
     * @param tiles crossbars one copy of each layer occupies
     */
    record Provision(long chips, CopyPlan plan, int[] tiles) {
        int copies(int layer) {
            return plan.copies()[layer];
        }

        long crossbars(int layer) {
            return (long) tiles[layer] * plan.copies()[layer];
        }
    }

    /**
     * One layer priced under one scheme, with the variances its network row sums (variances add
     * over independently sampled layers; standard errors do not).
     */
    record PricedLayer(Metrics row, LayerStatistics statistics, Variances variances) {
    }

    /** Variances of a layer's sampled ou_ops and energy totals (0 when every window was counted). */
    record Variances(double ouOps, double energyPj) {
        static final Variances EXACT = new Variances(0, 0);
    }

    Pricing(Hardware hw, EnergyTable energy, LatencyModel latencyModel, double digitalMacsPerNs) {
        this.digital = new DigitalUnits(digitalMacsPerNs);
        this.hw = hw;
        this.energy = energy;
        this.latencyModel = latencyModel;
        this.ou = new Rate(energy.prices(hw.adcBits(), hw.ouCycleNs()), hw.ouCycleNs(), hw.adcBits());
        this.ideal = new Rate(energy.prices(hw.idealAdcBits(), hw.idealReadNs()), hw.idealReadNs(), hw.idealAdcBits());
    }

    /** The variant {@code config} describes, on hardware {@code hw} ({@code Hardware.from(config)}). */
    static Pricing of(Config config, Hardware hw) {
        return new Pricing(hw, EnergyTable.from(config), config.choice("latency.model", LatencyModel.class),
                DigitalUnits.from(config).macsPerNs());
    }

    /** Every layer and network row of a network without attention layers. */
    SimulationResult price(Config config, String network, List<LayerStatistics> layers) {
        return price(config, network, layers, 0);
    }

    /**
     * Every layer and network row of every scheme, speedups filled in; efficiency still null. The
     * network's {@code attentionMacs} run on digital units after the crossbar layers: every network
     * row counts them as {@link Action#DIGITAL_MAC}, pays their energy and adds their time.
     */
    SimulationResult price(Config config, String network, List<LayerStatistics> layers, long attentionMacs) {
        List<Hardware> own = new ArrayList<>(layers.size());
        List<Rate> ouRates = new ArrayList<>(layers.size());
        Map<Hardware, Rate> rates = new HashMap<>(Map.of(hw, ou));
        for (LayerStatistics o : layers) {
            Hardware h = LayerHardwares.of(config, hw, o.layer());
            own.add(h);
            ouRates.add(rates.computeIfAbsent(h, x -> new Rate(energy.prices(x.adcBits(), x.ouCycleNs()),
                    x.ouCycleNs(), x.adcBits())));
        }
        // every layer on the same hardware (the chip's, or one that every layer sets): priced as a uniform design
        boolean uniform = own.stream().distinct().count() <= 1;
        Rate networkRate = uniform && !own.isEmpty() ? ouRates.get(0) : ou;
        Provision provision = provision(layers, uniform ? null : own);
        List<Metrics> layerRows = new ArrayList<>();
        List<Metrics> networkRows = new ArrayList<>();
        for (Scheme scheme : Scheme.values()) {
            List<PricedLayer> priced = new ArrayList<>(layers.size());
            for (int l = 0; l < layers.size(); l++) {
                Rate rate = scheme == Scheme.IDEAL ? ideal : ouRates.get(l);
                PricedLayer p = priceLayer(l, layers.get(l), scheme, rate, provision);
                if (!own.get(l).equals(hw)) {
                    p = new PricedLayer(p.row().toBuilder().ownSettings(LayerHardwares.ownSettings(
                            layers.get(l).layer(), own.get(l))).build(), p.statistics(), p.variances());
                }
                priced.add(p);
            }
            priced.forEach(p -> layerRows.add(p.row()));
            Rate rate = scheme == Scheme.IDEAL ? ideal : networkRate;
            networkRows.add(networkRow(scheme, rate, provision, priced, uniform || scheme == Scheme.IDEAL,
                    provisionedAdcBits(scheme, own), attentionMacs));
        }
        return new SimulationResult(config, network, relative(networkRows), relative(layerRows));
    }

    /** The resolution the network row reports: the chip's ADCs, provisioned for the largest any layer uses. */
    private int provisionedAdcBits(Scheme scheme, List<Hardware> own) {
        if (scheme == Scheme.IDEAL) {
            return hw.idealAdcBits();
        }
        int bits = own.isEmpty() ? hw.adcBits() : 0;
        for (Hardware h : own) {
            bits = Math.max(bits, h.adcBits());
        }
        return bits;
    }

    /** The scheme's prices, operation time and ADC resolution: the ideal design's, or the OU design's. */
    Rate rate(Scheme scheme) {
        return scheme == Scheme.IDEAL ? ideal : ou;
    }

    /**
     * The chips ({@code chip.count}, or for {@code auto} the fewest that hold one copy of every
     * layer) and the copies of each layer they hold under the latency model, planned on the dense
     * design's times.
     */
    Provision provision(List<LayerStatistics> layers) {
        return provision(layers, null);
    }

    /**
     * As {@link #provision(List)}; with {@code own} (each layer's hardware in a heterogeneous
     * design, null when uniform) the dense times the copy plan balances are in nanoseconds, since
     * layers then differ in their OU cycle.
     */
    Provision provision(List<LayerStatistics> layers, List<Hardware> own) {
        int n = layers.size();
        int[] tiles = new int[n];
        int[] windows = new int[n];
        long[] denseTime = new long[n];
        long oneCopy = 0;
        for (int l = 0; l < n; l++) {
            LayerStatistics o = layers.get(l);
            tiles[l] = o.counts().tiles();
            windows[l] = o.layer().windows();
            denseTime[l] = CopyPlan.cycles(o.counts().of(Scheme.DENSE).tileOps(), 1);
            oneCopy += tiles[l];
        }
        long chips = hw.chips(oneCopy);
        long budget = Math.multiplyExact(chips, hw.chipCrossbars());
        double[] cycleNs = null;
        if (own != null) {
            cycleNs = new double[n];
            for (int l = 0; l < n; l++) {
                cycleNs[l] = own.get(l).ouCycleNs();
            }
        }
        CopyPlan plan = switch (latencyModel) {
            case REPLICATED -> CopyPlan.replicated(tiles, windows, denseTime, cycleNs, budget);
            case PARALLEL_TILES -> CopyPlan.parallelTiles(tiles, budget);
        };
        return new Provision(chips, plan, tiles);
    }

    /** Layer {@code l} under one scheme: its counts priced, its cycles under the copy plan. */
    PricedLayer priceLayer(int l, LayerStatistics o, Scheme scheme, Rate rate, Provision provision) {
        SchemeCounts c = o.counts().of(scheme);
        long cycles = CopyPlan.cycles(c.tileOps(), provision.copies(l));
        Accuracy acc = o.accuracy().get(scheme);
        Variances var = variances(o.counts(), scheme, rate);
        double cyclesStderr = c.ouOps() == 0 ? 0 : cycles * Math.sqrt(var.ouOps()) / c.ouOps();
        Metrics row = priced(Metrics.builder(l, o.layer().name(), scheme), c.actions(), rate)
                .work(c.ouOps(), cycles, cycles * rate.operationNs())
                .placement(provision.crossbars(l), provision.copies(l), provision.chips(),
                        provision.plan().fitsOnChip(), scheme.compressesWeights() ? o.counts().indexStorageBits() : 0)
                .data(o.weightDensity(), o.activationDensity(),
                        ratio(o.inputOneBits(), o.nonZeroInputs() * hw.inputBits()))
                .conversion(rate.adcBits(), acc.clipRate(rate.adcBits()), acc.readErrorRate(), rate.operationNs())
                .stderr(Math.sqrt(var.ouOps()), cyclesStderr, Math.sqrt(var.energyPj()))
                .build();
        return new PricedLayer(row, o, var);
    }

    /**
     * The network row of one scheme, its layer rows added up ({@link NetworkTotals}); with {@code oneRate} false (layers of a heterogeneous design priced at their
     * own rates) its energy is the sum of the layers' energies per action and its latency the sum of
     * their latencies, and it reports the chip's OU cycle and provisioned ADC resolution.
     */
    Metrics networkRow(Scheme scheme, Rate rate, Provision provision, List<PricedLayer> layers, boolean oneRate,
                       int adcBits, long attentionMacs) {
        NetworkTotals totals = new NetworkTotals();
        layers.forEach(totals::add);
        totals.addDigital(attentionMacs, rate.price(Action.DIGITAL_MAC), digital.ns(attentionMacs));
        return oneRate ? totals.row(scheme, rate, provision, hw.inputBits())
                : totals.rowOfLayerRates(scheme, rate, provision, hw.inputBits(), adcBits);
    }

    /**
     * Layer rows of one scheme added up (in layer order, so the sums are the same bits on every
     * run): counts, operations, cycles (layers run one after another), crossbars, copies and index
     * bits add; densities are ratios of the summed elements; clip and read-error rates are
     * averages weighted by ADC conversions; variances add, standard errors are their roots.
     */
    private static final class NetworkTotals {
        private final long[] counts = new long[Action.values().length];
        private long ops;
        private long cycles;
        private long crossbars;
        private long copies;
        private long indexBits;
        private double clipWeighted;
        private double errorWeighted;
        private long weights;
        private long nonZeroWeights;
        private long inputs;
        private long nonZeroInputs;
        private long inputOneBits;
        private double opsVariance;
        private double cyclesVariance;
        private double energyVariance;
        private final double[] energyByAction = new double[Action.values().length];
        private double latencyNs;
        /** Time of the digital attention, added to the row's latency. */
        private double digitalNs;

        /** The digital attention MACs: counted, priced and timed on their own. */
        void addDigital(long macs, double pricePj, double ns) {
            counts[Action.DIGITAL_MAC.ordinal()] += macs;
            energyByAction[Action.DIGITAL_MAC.ordinal()] += macs * pricePj;
            digitalNs += ns;
        }

        void add(PricedLayer p) {
            Metrics m = p.row();
            LayerStatistics o = p.statistics();
            opsVariance += p.variances().ouOps();
            cyclesVariance += m.cyclesStderr() * m.cyclesStderr();
            energyVariance += p.variances().energyPj();
            for (Action a : Action.values()) {
                counts[a.ordinal()] += m.count(a);
                energyByAction[a.ordinal()] += m.energyPj(a);
            }
            latencyNs += m.latencyNs();
            ops += m.ouOps();
            cycles += m.cycles();
            crossbars += m.crossbars();
            copies += m.copies();
            indexBits += m.indexBits();
            long conversions = m.count(Action.ADC);
            clipWeighted += m.adcClipRate() * conversions;
            errorWeighted += m.readErrorRate() * conversions;
            weights += (long) o.layer().rows() * o.layer().cols();
            nonZeroWeights += o.nonZeroWeights();
            inputs += o.layer().inputElements();
            nonZeroInputs += o.nonZeroInputs();
            inputOneBits += o.inputOneBits();
        }

        Metrics row(Scheme scheme, Rate rate, Provision provision, int inputBits) {
            return common(priced(Metrics.builder(-1, null, scheme), counts, rate)
                    .work(ops, cycles, cycles * rate.operationNs() + digitalNs), rate.adcBits(), rate.operationNs(),
                    provision, inputBits);
        }

        /** The row of layers priced at their own rates: energies and latencies add up as they are. */
        Metrics rowOfLayerRates(Scheme scheme, Rate chipRate, Provision provision, int inputBits, int adcBits) {
            double total = 0;
            for (double e : energyByAction) {
                total += e;
            }
            return common(Metrics.builder(-1, null, scheme).actions(counts, energyByAction, total)
                    .work(ops, cycles, latencyNs + digitalNs), adcBits, chipRate.operationNs(), provision, inputBits);
        }

        private Metrics common(Metrics.Builder b, int adcBits, double operationNs, Provision provision, int inputBits) {
            long conversions = counts[Action.ADC.ordinal()];
            return b
                    .placement(crossbars, copies, provision.chips(), provision.plan().fitsOnChip(), indexBits)
                    .data(ratio(nonZeroWeights, weights), ratio(nonZeroInputs, inputs),
                            ratio(inputOneBits, nonZeroInputs * inputBits))
                    .conversion(adcBits, conversions == 0 ? 0 : clipWeighted / conversions,
                            conversions == 0 ? 0 : errorWeighted / conversions, operationNs)
                    .stderr(Math.sqrt(opsVariance), Math.sqrt(cyclesVariance), Math.sqrt(energyVariance))
                    .build();
        }
    }

    /** The builder with the action counts, each action's energy (count x price) and their sum. */
    static Metrics.Builder priced(Metrics.Builder row, long[] counts, Rate rate) {
        double[] energy = new double[counts.length];
        double total = 0;
        for (Action a : Action.values()) {
            energy[a.ordinal()] = counts[a.ordinal()] * rate.price(a);
            total += energy[a.ordinal()];
        }
        return row.actions(counts, energy, total);
    }

    /**
     * Variances of a layer's sampled ou_ops and energy totals: each window's energy is its DAC
     * drives, cell reads and conversions (with their sample-and-hold and shift-and-add) at this
     * rate's prices.
     */
    static Variances variances(LayerCounts counts, Scheme scheme, Rate rate) {
        WindowStats stats = counts.windowStats();
        if (stats == null) {
            return Variances.EXACT;
        }
        double perConversion = rate.price(Action.ADC) + rate.price(Action.SAMPLE_HOLD) + rate.price(Action.SHIFT_ADD);
        return new Variances(stats.varianceOfTotal(scheme, new double[] {1, 0, 0, 0}),
                stats.varianceOfTotal(scheme, new double[] {0, rate.price(Action.DAC), rate.price(Action.CELL_READ),
                    perConversion}));
    }

    /**
     * The rows with speedup, ops_speedup and energy_saving against the dense row of the same layer,
     * sorted by layer, then scheme.
     */
    static List<Metrics> relative(List<Metrics> rows) {
        Map<Integer, Metrics> dense = new HashMap<>();
        for (Metrics m : rows) {
            if (m.scheme() == Scheme.DENSE) {
                dense.put(m.layerIndex(), m);
            }
        }
        List<Metrics> out = new ArrayList<>(rows.size());
        for (Metrics m : rows) {
            Metrics d = dense.get(m.layerIndex());
            out.add(m.toBuilder().relative(d.latencyNs() / m.latencyNs(), (double) d.ouOps() / m.ouOps(),
                    1 - m.energyPj() / d.energyPj()).build());
        }
        out.sort(Comparator.comparingInt(Metrics::layerIndex).thenComparing(Metrics::scheme));
        return out;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
