package org.sresim.engine;

import java.util.ArrayList;
import java.util.List;
import org.sresim.engine.pricing.AreaModel;
import org.sresim.engine.pricing.ComponentCounts;
import org.sresim.hw.Component;
import org.sresim.hw.DigitalUnits;
import org.sresim.hw.Hardware;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;

/**
 * Area, power and efficiency of one row (issue 11). A value whose denominator is 0 (a row whose
 * latency is 0 has no throughput, power or GOPs) is NaN here and NULL in every output.
 *
 * @param areaMm2       area of the chips the point runs on ({@code chips} whole chips, links included)
 * @param areaUsedMm2   crossbars and peripherals the mapping occupies, with its share of IMA-, tile- and
 *                      router-level blocks and the index bits it stores (no links)
 * @param indexAreaMm2  the stored compressed-row index (every copy), part of {@code areaUsedMm2}
 * @param staticPowerW  static power of what {@code power.static-scope} powers
 * @param powerW        energy per inference x throughput + static power (a layer row: its energy /
 *                      its latency + static power)
 * @param throughputIps inferences per second with the layers as a pipeline stage each: 1 / the slowest
 *                      layer's latency, attention layers included (a layer row: 1 / its latency)
 * @param gops          useful work: 2 x the dense MACs (attention's included) x throughput, in 10^9
 *                      operations per second
 */
public record Efficiency(double areaMm2, double areaUsedMm2, double indexAreaMm2, double staticPowerW,
                         double powerW, double throughputIps, double gops, double gopsPerMm2, double gopsPerW) {

    /** Appends the efficiency columns (after every other metric column). */
    static void addColumns(List<Metrics.Column> c) {
        c.add(column("area_mm2", "mm2", Efficiency::areaMm2));
        c.add(column("area_used_mm2", "mm2", Efficiency::areaUsedMm2));
        c.add(column("index_area_mm2", "mm2", Efficiency::indexAreaMm2));
        c.add(column("static_power_w", "W", Efficiency::staticPowerW));
        c.add(column("power_w", "W", Efficiency::powerW));
        c.add(column("throughput_ips", "inferences/s", Efficiency::throughputIps));
        c.add(column("gops", "GOP/s", Efficiency::gops));
        c.add(column("gops_per_mm2", "GOP/s/mm2", Efficiency::gopsPerMm2));
        c.add(column("gops_per_w", "GOP/s/W", Efficiency::gopsPerW));
    }

    private static Metrics.Column column(String name, String unit, java.util.function.ToDoubleFunction<Efficiency> f) {
        return new Metrics.Column(name, Metrics.Kind.DOUBLE, unit, m -> {
            if (m.efficiency() == null) {
                return null;
            }
            double v = f.applyAsDouble(m.efficiency());
            return Double.isFinite(v) ? v : null;
        });
    }

    /** {@code a / b}, NaN when {@code b} is 0. */
    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /**
     * The result with every row's efficiency filled in: layer rows first (each a pipeline stage),
     * then the network rows from the layer rows of the same scheme.
     */
    static SimulationResult attach(SimulationResult r, Hardware hw, Network network) {
        AreaModel model = AreaModel.from(r.config(), hw);
        List<MatrixLayer> layers = network.matrixLayers();
        List<Metrics> layerRows = new ArrayList<>();
        for (Metrics m : r.layerRows()) {
            long stored = m.indexBits() * m.copies();
            layerRows.add(m.withEfficiency(of(model, m, layers.get(m.layerIndex()).macs(), m.latencyNs(), stored)));
        }
        List<Metrics> networkRows = new ArrayList<>();
        // each attention layer is a pipeline stage of its own, on the digital units
        double attentionStageNs = 0;
        long attentionMacs = 0;
        DigitalUnits digital = DigitalUnits.from(r.config());
        for (org.sresim.workload.AttentionLayer a : network.attentionLayers()) {
            attentionStageNs = Math.max(attentionStageNs, digital.ns(a.macs()));
            attentionMacs += a.macs();
        }
        for (Metrics m : r.networkRows()) {
            double slowestNs = attentionStageNs;
            long macs = attentionMacs;
            long stored = 0;
            for (Metrics l : r.layerRows()) {
                if (l.scheme() == m.scheme()) {
                    slowestNs = Math.max(slowestNs, l.latencyNs());
                    macs += layers.get(l.layerIndex()).macs();
                    stored += l.indexBits() * l.copies();
                }
            }
            networkRows.add(m.withEfficiency(of(model, m, macs, slowestNs, stored)));
        }
        return new SimulationResult(r.config(), r.network(), networkRows, layerRows);
    }

    /** One row's efficiency given its dense MACs, its pipeline-stage time and its stored index bits. */
    static Efficiency of(AreaModel model, Metrics m, long macs, double stageNs, long indexBitsStored) {
        Scheme s = m.scheme();
        ComponentCounts used = model.used(m.crossbars(), indexBitsStored, s);
        double area = model.areaMm2(model.chips(m.chips(), s), s);
        double staticW = model.staticPowerW(m.chips(), m.crossbars(), indexBitsStored, s);
        double ips = ratio(1e9, stageNs);
        double powerW = m.energyPj() * 1e-12 * ips + staticW;
        double gops = 2.0 * macs * ips / 1e9;
        double indexArea = used.count(Component.INDEX_BIT) * model.unitAreaMm2(Component.INDEX_BIT, s);
        return new Efficiency(area, model.areaMm2(used, s), indexArea, staticW, powerW, ips, gops,
                ratio(gops, area), ratio(gops, powerW));
    }
}
