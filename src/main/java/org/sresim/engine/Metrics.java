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
 * {@code energyByActionPj[a]} is {@code counts[a] * price(a)} and {@code energyPj} their sum.
 *
 * @param cycles        operations on the critical crossbar under the latency model (ideal: reads)
 * @param crossbars     crossbars the layer occupies: tiles per copy x copies
 * @param adcBits       ADC resolution the scheme converts at
 * @param operationNs   time of one operation (OU cycle, or the ideal full-crossbar read)
 * @param ouOpsStderr   standard error of {@code ouOps} when estimated from a window sample ({@code sim.windows}); 0 when exact
 * @param chips         chips the point runs on ({@code chip.count}, with {@code auto} resolved)
 * @param efficiency    area, power and efficiency ({@link Efficiency}); null until the simulator fills it in
 * @param inputOneBitFraction fraction of 1-bits among the {@code input.bits} bits of the non-zero
 *                      input activations (what bit-level schemes skip beyond zero values)
 * @param samples       inferences the row averages: the batch size of imported inputs, else 1
 */
public record Metrics(int layerIndex, String layer, Scheme scheme, long ouOps, long cycles, double latencyNs,
                      double energyPj, long[] counts, double[] energyByActionPj, double speedup, double opsSpeedup,
                      double energySaving, long crossbars, long copies, boolean fitsOnChip, long indexBits,
                      double weightDensity, double activationDensity, double adcClipRate, double readErrorRate,
                      int adcBits, double operationNs, double ouOpsStderr, double cyclesStderr,
                      double energyPjStderr, long chips, Efficiency efficiency, double inputOneBitFraction,
                      int samples) {

    /** The type of a metric column. */
    public enum Kind { LONG, INT, DOUBLE, BOOLEAN }

    /** One output column: snake_case name (shared by JSON and Parquet), type, unit and value. */
    public record Column(String name, Kind kind, String unit, Function<Metrics, Object> value) {
    }

    /** Every metric column in output order. */
    public static final List<Column> COLUMNS = columns();

    public long count(Action a) {
        return counts[a.ordinal()];
    }

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
        return new Metrics(layerIndex, layer, scheme, ouOps, cycles, latencyNs, energyPj, counts, energyByActionPj,
                speedup, opsSpeedup, energySaving, crossbars, copies, fitsOnChip, indexBits, weightDensity,
                activationDensity, adcClipRate, readErrorRate, adcBits, operationNs, ouOpsStderr, cyclesStderr,
                energyPjStderr, chips, e, inputOneBitFraction, samples);
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
