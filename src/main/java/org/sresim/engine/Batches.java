package org.sresim.engine;

import java.util.ArrayList;
import java.util.List;
import org.sresim.hw.Action;
import org.sresim.hw.Hardware;
import org.sresim.workload.Network;

/**
 * One point over a batch of inputs: every row is the per-inference mean over the samples, and
 * the {@code *_stderr} columns are the standard error of that mean, s / sqrt(B) with s the
 * sample standard deviation of the per-sample estimates. When {@code sim.windows} samples windows
 * too, each per-sample estimate already carries its window-sampling noise, so s covers both
 * stages (two-stage sampling: the between-sample variance estimates the variance of the mean).
 * Provisioning (crossbars, copies, chips) depends on the weights only and is the same in every
 * sample; counts are rounded to whole events; speedups and efficiency are recomputed from the
 * means.
 */
final class Batches {
    private Batches() {
    }

    static SimulationResult combine(List<SimulationResult> samples, Hardware hw, Network network) {
        SimulationResult first = samples.get(0);
        List<Metrics> networkRows = new ArrayList<>();
        for (int r = 0; r < first.networkRows().size(); r++) {
            networkRows.add(mean(samples, r, false));
        }
        List<Metrics> layerRows = new ArrayList<>();
        for (int r = 0; r < first.layerRows().size(); r++) {
            layerRows.add(mean(samples, r, true));
        }
        return Efficiency.attach(new SimulationResult(first.config(), first.network(),
                Pricing.relative(networkRows), Pricing.relative(layerRows)), hw, network);
    }

    private static Metrics mean(List<SimulationResult> samples, int row, boolean layer) {
        int b = samples.size();
        List<Metrics> rows = new ArrayList<>(b);
        for (SimulationResult s : samples) {
            rows.add((layer ? s.layerRows() : s.networkRows()).get(row));
        }
        Metrics m = rows.get(0);
        long[] counts = new long[Action.values().length];
        double[] energy = new double[Action.values().length];
        for (Action a : Action.values()) {
            counts[a.ordinal()] = Math.round(avg(rows, x -> x.count(a)));
            energy[a.ordinal()] = avg(rows, x -> x.energyPj(a));
        }
        return Metrics.builder(m.layerIndex(), m.layer(), m.scheme())
                .work(Math.round(avg(rows, x -> x.ouOps())), Math.round(avg(rows, x -> x.cycles())),
                        avg(rows, Metrics::latencyNs))
                .actions(counts, energy, avg(rows, Metrics::energyPj))
                .placement(m.crossbars(), m.copies(), m.chips(), m.fitsOnChip(), m.indexBits())
                .data(m.weightDensity(), avg(rows, Metrics::activationDensity), avg(rows, Metrics::inputOneBitFraction))
                .conversion(m.adcBits(), avg(rows, Metrics::adcClipRate), avg(rows, Metrics::readErrorRate),
                        m.operationNs())
                .stderr(stderr(rows, x -> x.ouOps()), stderr(rows, x -> x.cycles()), stderr(rows, Metrics::energyPj))
                .samples(b)
                .ownSettings(m.ownSettings())
                .build();
    }

    /** Mean in sample order (a fixed order: the same bits on every run). */
    static double avg(List<Metrics> rows, java.util.function.ToDoubleFunction<Metrics> f) {
        double sum = 0;
        for (Metrics m : rows) {
            sum += f.applyAsDouble(m);
        }
        return sum / rows.size();
    }

    /** s / sqrt(B), s the sample standard deviation (B - 1 in the denominator). */
    static double stderr(List<Metrics> rows, java.util.function.ToDoubleFunction<Metrics> f) {
        int b = rows.size();
        if (b < 2) {
            return 0;
        }
        double mean = avg(rows, f);
        double squares = 0;
        for (Metrics m : rows) {
            double d = f.applyAsDouble(m) - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (b - 1) / b);
    }
}
