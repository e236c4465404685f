package org.sresim.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sresim.config.Config;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerHardware;
import org.sresim.workload.MatrixLayer;

/**
 * The hardware each layer of a point runs on. In a uniform design every layer runs on the chip's
 * {@link Hardware}; in a heterogeneous one (network file keys {@code ou.rows}, {@code ou.cols},
 * {@code adc.bits} on a layer) a layer has its own OU shape, ADC resolution and, with an
 * {@code auto} OU cycle, its own cycle time, while the chip's ADCs are provisioned for the largest
 * resolution any layer uses ({@link Hardware#provisionedFor}).
 */
final class LayerHardwares {
    private LayerHardwares() {
    }

    /** Layer {@code l}'s hardware: {@code chip} itself unless the layer sets its own. */
    static Hardware of(Config config, Hardware chip, MatrixLayer l) {
        LayerHardware h = l.hardware();
        return h == null ? chip : Hardware.from(config, h.ouRows(), h.ouCols(), h.adcBits());
    }

    /** Every layer's hardware, in layer order. */
    static List<Hardware> of(Config config, Hardware chip, List<MatrixLayer> layers) {
        List<Hardware> out = new ArrayList<>(layers.size());
        for (MatrixLayer l : layers) {
            out.add(of(config, chip, l));
        }
        return out;
    }

    /** Whether any layer runs on other hardware than the chip's. */
    static boolean heterogeneous(List<MatrixLayer> layers) {
        return layers.stream().anyMatch(l -> l.hardware() != null);
    }

    /**
     * The config values a layer row shows instead of the point's: the layer's own OU shape and its
     * resolved ADC resolution, for a layer that sets any of them; nothing otherwise.
     */
    static Map<String, Object> ownSettings(MatrixLayer l, Hardware h) {
        if (l.hardware() == null) {
            return Map.of();
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ou.rows", h.ouRows());
        s.put("ou.cols", h.ouCols());
        s.put("adc.bits", Integer.toString(h.adcBits()));
        return s;
    }
}
