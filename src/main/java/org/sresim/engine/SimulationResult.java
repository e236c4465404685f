package org.sresim.engine;

import java.util.List;
import org.sresim.config.Config;

/**
 * One design point's results: one row per scheme for the network, and one per layer and scheme.
 *
 * @param network the network's name
 */
public record SimulationResult(Config config, String network, List<Metrics> networkRows, List<Metrics> layerRows) {

    public Metrics network(Scheme scheme) {
        return networkRows.stream().filter(m -> m.scheme() == scheme).findFirst().orElseThrow();
    }

    public Metrics layer(int index, Scheme scheme) {
        return layerRows.stream().filter(m -> m.layerIndex() == index && m.scheme() == scheme)
                .findFirst().orElseThrow();
    }
}
