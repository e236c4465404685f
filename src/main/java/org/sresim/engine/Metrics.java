package org.sresim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.sresim.hw.Action;

/**
 * What one scheme costs, for one layer ({@code layerIndex >= 0}) or the whole network
 * ({@code layerIndex == -1}, {@code layer == null}). Counts first, energy second: every
 * {@code energyPj(a)} is {@code count(a) * price(a)} and {@code energyPj()} their sum.
 * Immutable; built by name through {@link #builder} so no two of its numbers can be swapped.
 * Its numbers come in groups, one record each; the row's accessors read through them.
 */
public final class Metrics {
    /** Operations, critical-path cycles (operations on the critical crossbar), and the latency they take. */
    public record Work(long ouOps, long cycles, double latencyNs) {
    }

    /**
     * Every action's count and energy (indexed by {@link Action#ordinal}, the energy {@code count x price})
     * and their total energy. The arrays are copied in and out.
     */
    public record Actions(long[] counts, double[] energyByActionPj, double energyPj) {
        public Actions {
            if (counts.length != Action.values().length || energyByActionPj.length != Action.values().length) {
                throw new IllegalArgumentException("one count and one energy per action");
            }
            counts = counts.clone();
            energyByActionPj = energyByActionPj.clone();
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        @Override
        public double[] energyByActionPj() {
            return energyByActionPj.clone();
        }

        public long count(Action a) {
            return counts[a.ordinal()];
        }

        public double energyPj(Action a) {
            return energyByActionPj[a.ordinal()];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Actions x && Arrays.equals(counts, x.counts)
                    && Arrays.equals(energyByActionPj, x.energyByActionPj)
                    && Double.compare(energyPj, x.energyPj) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(counts), Arrays.hashCode(energyByActionPj), energyPj);
        }

        @Override
        public String toString() {
            return "Actions[counts=" + Arrays.toString(counts) + ", energyByActionPj="
                    + Arrays.toString(energyByActionPj) + ", energyPj=" + energyPj + "]";
        }
    }

    /** The comparison with the dense row of the same layer; NaN until compared. */
    public record Relative(double speedup, double opsSpeedup, double energySaving) {
    }

    /**
     * Where the row runs: crossbars (tiles per copy x copies), copies, chips ({@code chip.count}, with
     * {@code auto} resolved), whether one copy of everything fits, stored index bits.
     */
    public record Placement(long crossbars, long copies, long chips, boolean fitsOnChip, long indexBits) {
    }

    /** The data: densities of weights and input activations, 1-bit share of non-zero inputs. */
    public record Data(double weightDensity, double activationDensity, double inputOneBitFraction) {
    }

    /**
     * The conversion the scheme makes: ADC resolution, clipping and read-error rates, time of one
     * operation (OU cycle, or the ideal full-crossbar read).
     */
    public record Conversion(int adcBits, double adcClipRate, double readErrorRate, double operationNs) {
    }

    /**
     * Standard errors of ou_ops, cycles and energy when estimated from a window sample
     * ({@code sim.windows}) or a batch; 0 when exact.
     */
    public record Stderr(double ouOps, double cycles, double energyPj) {
    }

    private final int layerIndex;
    private final String layer;
    private final Scheme scheme;
    private final Work work;
    private final Actions actions;
    private final Relative relative;
    private final Placement placement;
    private final Data data;
    private final Conversion conversion;
    private final Stderr stderr;
    private final Efficiency efficiency;
    private final int samples;
    private final Map<String, Object> ownSettings;

    private Metrics(Builder b) {
        layerIndex = b.layerIndex;
        layer = b.layer;
        scheme = Objects.requireNonNull(b.scheme, "scheme");
        work = b.work;
        actions = b.actions;
        relative = b.relative;
        placement = b.placement;
        data = b.data;
        conversion = b.conversion;
        stderr = b.stderr;
        efficiency = b.efficiency;
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
        b.work = work;
        b.actions = actions;
        b.relative = relative;
        b.placement = placement;
        b.data = data;
        b.conversion = conversion;
        b.stderr = stderr;
        b.efficiency = efficiency;
        b.samples = samples;
        b.ownSettings = ownSettings;
        return b;
    }

    /**
     * Collects a row's values by name, so no two of its many numbers can be swapped by position.
     * A value not set keeps its default: 0, the relative columns NaN (not yet compared with the
     * dense row), no efficiency, 1 sample. Arrays are copied when they are set.
     */
    static final class Builder {
        private final int layerIndex;
        private final String layer;
        private final Scheme scheme;
        private Work work = new Work(0, 0, 0);
        private Actions actions = new Actions(new long[Action.values().length], new double[Action.values().length], 0);
        private Relative relative = new Relative(Double.NaN, Double.NaN, Double.NaN);
        private Placement placement = new Placement(0, 0, 0, false, 0);
        private Data data = new Data(0, 0, 0);
        private Conversion conversion = new Conversion(0, 0, 0, 0);
        private Stderr stderr = new Stderr(0, 0, 0);
        private Efficiency efficiency;
        private int samples = 1;
        private Map<String, Object> ownSettings = Map.of();

        private Builder(int layerIndex, String layer, Scheme scheme) {
            this.layerIndex = layerIndex;
            this.layer = layer;
            this.scheme = scheme;
        }

        /** See {@link Work}. */
        Builder work(long ouOps, long cycles, double latencyNs) {
            this.work = new Work(ouOps, cycles, latencyNs);
            return this;
        }

        /** See {@link Actions}. */
        Builder actions(long[] counts, double[] energyByActionPj, double energyPj) {
            this.actions = new Actions(counts, energyByActionPj, energyPj);
            return this;
        }

        /** See {@link Relative}. */
        Builder relative(double speedup, double opsSpeedup, double energySaving) {
            this.relative = new Relative(speedup, opsSpeedup, energySaving);
            return this;
        }

        /** See {@link Placement}. */
        Builder placement(long crossbars, long copies, long chips, boolean fitsOnChip, long indexBits) {
            this.placement = new Placement(crossbars, copies, chips, fitsOnChip, indexBits);
            return this;
        }

        /** See {@link Data}. */
        Builder data(double weightDensity, double activationDensity, double inputOneBitFraction) {
            this.data = new Data(weightDensity, activationDensity, inputOneBitFraction);
            return this;
        }

        /** See {@link Conversion}. */
        Builder conversion(int adcBits, double adcClipRate, double readErrorRate, double operationNs) {
            this.conversion = new Conversion(adcBits, adcClipRate, readErrorRate, operationNs);
            return this;
        }

        /** See {@link Stderr}. */
        Builder stderr(double ouOps, double cycles, double energyPj) {
            this.stderr = new Stderr(ouOps, cycles, energyPj);
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
        Builder ownSettings(Map<String, Object> settings) {
            this.ownSettings = Map.copyOf(settings);
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

    public Work work() {
        return work;
    }

    public Actions actions() {
        return actions;
    }

    public Relative relative() {
        return relative;
    }

    public Placement placement() {
        return placement;
    }

    public Data data() {
        return data;
    }

    public Conversion conversion() {
        return conversion;
    }

    public Stderr stderr() {
        return stderr;
    }

    public long ouOps() {
        return work.ouOps();
    }

    /** Operations on the critical crossbar under the latency model (ideal: reads). */
    public long cycles() {
        return work.cycles();
    }

    public double latencyNs() {
        return work.latencyNs();
    }

    public double energyPj() {
        return actions.energyPj();
    }

    public double speedup() {
        return relative.speedup();
    }

    public double opsSpeedup() {
        return relative.opsSpeedup();
    }

    public double energySaving() {
        return relative.energySaving();
    }

    /** Crossbars the row occupies: tiles per copy x copies. */
    public long crossbars() {
        return placement.crossbars();
    }

    public long copies() {
        return placement.copies();
    }

    public boolean fitsOnChip() {
        return placement.fitsOnChip();
    }

    public long indexBits() {
        return placement.indexBits();
    }

    public double weightDensity() {
        return data.weightDensity();
    }

    public double activationDensity() {
        return data.activationDensity();
    }

    public double adcClipRate() {
        return conversion.adcClipRate();
    }

    public double readErrorRate() {
        return conversion.readErrorRate();
    }

    /** ADC resolution the scheme converts at. */
    public int adcBits() {
        return conversion.adcBits();
    }

    /** Time of one operation (OU cycle, or the ideal full-crossbar read). */
    public double operationNs() {
        return conversion.operationNs();
    }

    /** Standard error of {@link #ouOps} when estimated from a window sample ({@code sim.windows}) or a batch; 0 when exact. */
    public double ouOpsStderr() {
        return stderr.ouOps();
    }

    public double cyclesStderr() {
        return stderr.cycles();
    }

    public double energyPjStderr() {
        return stderr.energyPj();
    }

    /** Chips the point runs on ({@code chip.count}, with {@code auto} resolved). */
    public long chips() {
        return placement.chips();
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
        return data.inputOneBitFraction();
    }

    /** Inferences the row averages: the batch size of imported inputs, else 1. */
    public int samples() {
        return samples;
    }

    /**
     * Config values that this layer row holds instead of the point's: in a heterogeneous design a
     * layer's own {@code ou.rows}, {@code ou.cols} and {@code adc.bits}; empty otherwise.
     */
    public Map<String, Object> ownSettings() {
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
        return actions.count(a);
    }

    /** The energy of action {@code a}: {@code count(a)} x its price. */
    public double energyPj(Action a) {
        return actions.energyPj(a);
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
            if (!Objects.equals(c.value().apply(this), c.value().apply(m))) {
                return false;
            }
        }
        return layerIndex == m.layerIndex && Objects.equals(layer, m.layer) && scheme == m.scheme;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(actions.counts) * 31 + scheme.hashCode();
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
