package org.sresim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.sresim.hw.Action;

/**
 * What one scheme costs, for one layer ({@code layerIndex >= 0}) or the whole network
 * ({@code layerIndex == -1}, {@code layer == null}). Counts first, energy second: every
 * {@code energyPj(a)} is {@code count(a) * price(a)} and {@code energyPj()} their sum.
 * Immutable; built by name through {@link #builder} so no two of its numbers can be swapped.
 */
public final class Metrics {
    private final int layerIndex;
    private final String layer;
    private final Scheme scheme;
    private final long ouOps;
    private final long cycles;
    private final double latencyNs;
    private final double energyPj;
    private final long[] counts;
    private final double[] energyByActionPj;
    private final double speedup;
    private final double opsSpeedup;
    private final double energySaving;
    private final long crossbars;
    private final long copies;
    private final boolean fitsOnChip;
    private final long indexBits;
    private final double weightDensity;
    private final double activationDensity;
    private final double adcClipRate;
    private final double readErrorRate;
    private final int adcBits;
    private final double operationNs;
    private final double ouOpsStderr;
    private final double cyclesStderr;
    private final double energyPjStderr;
    private final long chips;
    private final Efficiency efficiency;
    private final double inputOneBitFraction;
    private final int samples;
    private final java.util.Map<String, Object> ownSettings;

    private Metrics(Builder b) {
        layerIndex = b.layerIndex;
        layer = b.layer;
        scheme = java.util.Objects.requireNonNull(b.scheme, "scheme");
        ouOps = b.ouOps;
        cycles = b.cycles;
        latencyNs = b.latencyNs;
        energyPj = b.energyPj;
        counts = b.counts.clone();
        energyByActionPj = b.energyByActionPj.clone();
        speedup = b.speedup;
        opsSpeedup = b.opsSpeedup;
        energySaving = b.energySaving;
        crossbars = b.crossbars;
        copies = b.copies;
        fitsOnChip = b.fitsOnChip;
        indexBits = b.indexBits;
        weightDensity = b.weightDensity;
        activationDensity = b.activationDensity;
        adcClipRate = b.adcClipRate;
        readErrorRate = b.readErrorRate;
        adcBits = b.adcBits;
        operationNs = b.operationNs;
        ouOpsStderr = b.ouOpsStderr;
        cyclesStderr = b.cyclesStderr;
        energyPjStderr = b.energyPjStderr;
        chips = b.chips;
        efficiency = b.efficiency;
        inputOneBitFraction = b.inputOneBitFraction;
        samples = b.samples;
        ownSettings = b.ownSettings;
    }

    /** A row of {@code scheme} for layer {@code layerIndex} ({@code -1} and a null name: the network). */
    static Builder builder(int layerIndex, String layer, Scheme scheme) {
        return new Builder(layerIndex, layer, scheme);
    }

    /** A builder holding every value of this row, to derive a changed copy. */
    Builder toBuilder() {
        Builder b = new Builder(layerIndex, layer, scheme);
        b.ouOps = ouOps;
        b.cycles = cycles;
        b.latencyNs = latencyNs;
        b.energyPj = energyPj;
        b.counts = counts;
        b.energyByActionPj = energyByActionPj;
        b.speedup = speedup;
        b.opsSpeedup = opsSpeedup;
        b.energySaving = energySaving;
        b.crossbars = crossbars;
        b.copies = copies;
        b.fitsOnChip = fitsOnChip;
        b.indexBits = indexBits;
        b.weightDensity = weightDensity;
        b.activationDensity = activationDensity;
        b.adcClipRate = adcClipRate;
        b.readErrorRate = readErrorRate;
        b.adcBits = adcBits;
        b.operationNs = operationNs;
        b.ouOpsStderr = ouOpsStderr;
        b.cyclesStderr = cyclesStderr;
        b.energyPjStderr = energyPjStderr;
        b.chips = chips;
        b.efficiency = efficiency;
        b.inputOneBitFraction = inputOneBitFraction;
        b.samples = samples;
        b.ownSettings = ownSettings;
        return b;
    }

    /**
     * Collects a row's values by name, so no two of its many numbers can be swapped by position.
     * A value not set keeps its default: 0, the relative columns NaN (not yet compared with the
     * dense row), no efficiency, 1 sample. Arrays are copied when the row is built.
     */
    static final class Builder {
        private final int layerIndex;
        private final String layer;
        private final Scheme scheme;
        private long ouOps;
        private long cycles;
        private double latencyNs;
        private double energyPj;
        private long[] counts = new long[Action.values().length];
        private double[] energyByActionPj = new double[Action.values().length];
        private double speedup = Double.NaN;
        private double opsSpeedup = Double.NaN;
        private double energySaving = Double.NaN;
        private long crossbars;
        private long copies;
        private boolean fitsOnChip;
        private long indexBits;
        private double weightDensity;
        private double activationDensity;
        private double adcClipRate;
        private double readErrorRate;
        private int adcBits;
        private double operationNs;
        private double ouOpsStderr;
        private double cyclesStderr;
        private double energyPjStderr;
        private long chips;
        private Efficiency efficiency;
        private double inputOneBitFraction;
        private int samples = 1;
        private java.util.Map<String, Object> ownSettings = java.util.Map.of();

        private Builder(int layerIndex, String layer, Scheme scheme) {
            this.layerIndex = layerIndex;
            this.layer = layer;
            this.scheme = scheme;
        }

        /** Operations, critical-path cycles, and the latency they take. */
        Builder work(long ouOps, long cycles, double latencyNs) {
            this.ouOps = ouOps;
            this.cycles = cycles;
            this.latencyNs = latencyNs;
            return this;
        }

        /**
         * Every action's count and energy (indexed by {@link Action#ordinal}) and their total energy.
         */
        Builder actions(long[] counts, double[] energyByActionPj, double energyPj) {
            if (counts.length != Action.values().length || energyByActionPj.length != Action.values().length) {
                throw new IllegalArgumentException("one count and one energy per action");
            }
            this.counts = counts;
            this.energyByActionPj = energyByActionPj;
            this.energyPj = energyPj;
            return this;
        }

        /** The comparison with the dense row of the same layer. */
        Builder relative(double speedup, double opsSpeedup, double energySaving) {
            this.speedup = speedup;
            this.opsSpeedup = opsSpeedup;
            this.energySaving = energySaving;
            return this;
        }

        /** Where the row runs: crossbars, copies, chips, whether one copy of everything fits, stored index bits. */
        Builder placement(long crossbars, long copies, long chips, boolean fitsOnChip, long indexBits) {
            this.crossbars = crossbars;
            this.copies = copies;
            this.chips = chips;
            this.fitsOnChip = fitsOnChip;
            this.indexBits = indexBits;
            return this;
        }

        /** The data: densities of weights and input activations, 1-bit share of non-zero inputs. */
        Builder data(double weightDensity, double activationDensity, double inputOneBitFraction) {
            this.weightDensity = weightDensity;
            this.activationDensity = activationDensity;
            this.inputOneBitFraction = inputOneBitFraction;
            return this;
        }

        /** The conversion the scheme makes: ADC resolution, clipping and read-error rates, operation time. */
        Builder conversion(int adcBits, double adcClipRate, double readErrorRate, double operationNs) {
            this.adcBits = adcBits;
            this.adcClipRate = adcClipRate;
            this.readErrorRate = readErrorRate;
            this.operationNs = operationNs;
            return this;
        }

        /** Standard errors of ou_ops, cycles and energy. */
        Builder stderr(double ouOps, double cycles, double energyPj) {
            this.ouOpsStderr = ouOps;
            this.cyclesStderr = cycles;
            this.energyPjStderr = energyPj;
            return this;
        }

        Builder efficiency(Efficiency efficiency) {
            this.efficiency = efficiency;
            return this;
        }

        Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        /** Config values this layer row sets for itself (a heterogeneous design's OU shape and ADC). */
        Builder ownSettings(java.util.Map<String, Object> settings) {
            this.ownSettings = java.util.Map.copyOf(settings);
            return this;
        }

        Metrics build() {
            return new Metrics(this);
        }
    }

    public int layerIndex() {
        return layerIndex;
    }

    /** The layer's name; null for a network row. */
    public String layer() {
        return layer;
    }

    public Scheme scheme() {
        return scheme;
    }

    public long ouOps() {
        return ouOps;
    }

    /** Operations on the critical crossbar under the latency model (ideal: reads). */
    public long cycles() {
        return cycles;
    }

    public double latencyNs() {
        return latencyNs;
    }

    public double energyPj() {
        return energyPj;
    }

    public double speedup() {
        return speedup;
    }

    public double opsSpeedup() {
        return opsSpeedup;
    }

    public double energySaving() {
        return energySaving;
    }

    /** Crossbars the row occupies: tiles per copy x copies. */
    public long crossbars() {
        return crossbars;
    }

    public long copies() {
        return copies;
    }

    public boolean fitsOnChip() {
        return fitsOnChip;
    }

    public long indexBits() {
        return indexBits;
    }

    public double weightDensity() {
        return weightDensity;
    }

    public double activationDensity() {
        return activationDensity;
    }

    public double adcClipRate() {
        return adcClipRate;
    }

    public double readErrorRate() {
        return readErrorRate;
    }

    /** ADC resolution the scheme converts at. */
    public int adcBits() {
        return adcBits;
    }

    /** Time of one operation (OU cycle, or the ideal full-crossbar read). */
    public double operationNs() {
        return operationNs;
    }

    /** Standard error of {@link #ouOps} when estimated from a window sample ({@code sim.windows}) or a batch; 0 when exact. */
    public double ouOpsStderr() {
        return ouOpsStderr;
    }

    public double cyclesStderr() {
        return cyclesStderr;
    }

    public double energyPjStderr() {
        return energyPjStderr;
    }

    /** Chips the point runs on ({@code chip.count}, with {@code auto} resolved). */
    public long chips() {
        return chips;
    }

    /** Area, power and efficiency; null until the simulator fills it in. */
    public Efficiency efficiency() {
        return efficiency;
    }

    /**
     * Fraction of 1-bits among the {@code input.bits} bits of the non-zero input activations (what
     * bit-level schemes skip beyond zero values).
     */
    public double inputOneBitFraction() {
        return inputOneBitFraction;
    }

    /** Inferences the row averages: the batch size of imported inputs, else 1. */
    public int samples() {
        return samples;
    }

    /**
     * Config values that this layer row holds instead of the point's: in a heterogeneous design a
     * layer's own {@code ou.rows}, {@code ou.cols} and {@code adc.bits}; empty otherwise.
     */
    public java.util.Map<String, Object> ownSettings() {
        return ownSettings;
    }

    /** The type of a metric column. */
    public enum Kind { LONG, INT, DOUBLE, BOOLEAN }

    /** One output column: snake_case name (shared by JSON and Parquet), type, unit and value. */
    public record Column(String name, Kind kind, String unit, Function<Metrics, Object> value) {
    }

    /** Every metric column in output order. */
    public static final List<Column> COLUMNS = columns();

    /** How often the scheme performs action {@code a}. */
    public long count(Action a) {
        return counts[a.ordinal()];
    }

    /** The energy of action {@code a}: {@code count(a)} x its price. */
    public double energyPj(Action a) {
        return energyByActionPj[a.ordinal()];
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("ou_ops", Kind.LONG, "operations", Metrics::ouOps));
        c.add(new Column("cycles", Kind.LONG, "operations", Metrics::cycles));
        c.add(new Column("latency_ns", Kind.DOUBLE, "ns", Metrics::latencyNs));
        c.add(new Column("energy_pj", Kind.DOUBLE, "pJ", Metrics::energyPj));
        c.add(new Column("ou_ops_stderr", Kind.DOUBLE, "operations", Metrics::ouOpsStderr));
        c.add(new Column("cycles_stderr", Kind.DOUBLE, "operations", Metrics::cyclesStderr));
        c.add(new Column("energy_pj_stderr", Kind.DOUBLE, "pJ", Metrics::energyPjStderr));
        for (Action a : Action.values()) {
            c.add(new Column("energy_" + a.column() + "_pj", Kind.DOUBLE, "pJ", m -> m.energyPj(a)));
        }
        c.add(new Column("speedup", Kind.DOUBLE, "x dense", Metrics::speedup));
        c.add(new Column("ops_speedup", Kind.DOUBLE, "x dense", Metrics::opsSpeedup));
        c.add(new Column("energy_saving", Kind.DOUBLE, "fraction of dense", Metrics::energySaving));
        c.add(new Column("crossbars", Kind.LONG, "crossbars", Metrics::crossbars));
        c.add(new Column("copies", Kind.LONG, "copies", Metrics::copies));
        c.add(new Column("fits_on_chip", Kind.BOOLEAN, "", Metrics::fitsOnChip));
        c.add(new Column("chips", Kind.LONG, "chips", Metrics::chips));
        c.add(new Column("index_bits", Kind.LONG, "bits", Metrics::indexBits));
        c.add(new Column("weight_density", Kind.DOUBLE, "fraction", Metrics::weightDensity));
        c.add(new Column("activation_density", Kind.DOUBLE, "fraction", Metrics::activationDensity));
        c.add(new Column("adc_clip_rate", Kind.DOUBLE, "fraction of conversions", Metrics::adcClipRate));
        c.add(new Column("read_error_rate", Kind.DOUBLE, "mean P per conversion", Metrics::readErrorRate));
        c.add(new Column("adc_bits_used", Kind.INT, "bits", Metrics::adcBits));
        c.add(new Column("operation_ns", Kind.DOUBLE, "ns", Metrics::operationNs));
        for (Action a : Action.values()) {
            c.add(new Column("count_" + a.column(), Kind.LONG, "events", m -> m.count(a)));
        }
        Efficiency.addColumns(c);
        c.add(new Column("input_one_bit_fraction", Kind.DOUBLE, "fraction of bits", Metrics::inputOneBitFraction));
        c.add(new Column("samples", Kind.INT, "inferences", Metrics::samples));
        return Collections.unmodifiableList(c);
    }

    /** This row with its area, power and efficiency. */
    Metrics withEfficiency(Efficiency e) {
        return toBuilder().efficiency(e).build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Metrics m)) {
            return false;
        }
        for (Column c : COLUMNS) {
            if (!java.util.Objects.equals(c.value().apply(this), c.value().apply(m))) {
                return false;
            }
        }
        return layerIndex == m.layerIndex && java.util.Objects.equals(layer, m.layer) && scheme == m.scheme;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + scheme.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Metrics{").append(layer).append(' ').append(scheme.id());
        for (Column c : COLUMNS) {
            sb.append(", ").append(c.name()).append('=').append(c.value().apply(this));
        }
        return sb.append('}').toString();
    }
}
