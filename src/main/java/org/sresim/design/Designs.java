package org.sresim.design;

import java.util.ArrayList;
import java.util.List;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.Network;

/** Designs as networks: a base network whose conv and fc layers carry their chosen settings. */
public final class Designs {
    private Designs() {
    }

    /**
     * {@code base} renamed {@code name}, matrix layer l set to {@code settings.get(l)}; everything
     * else (shapes, pruning, activations) as in the base, so the design draws the same workload.
     */
    public static Network design(Network base, String name, List<Setting> settings) {
        List<LayerSpec> layers = new ArrayList<>();
        int m = 0;
        for (LayerSpec l : base.layers()) {
            if (!l.type().isMatrix()) {
                layers.add(l);
            } else {
                if (m >= settings.size()) {
                    throw new IllegalArgumentException(base.name() + " has more conv/fc layers than the "
                            + settings.size() + " settings given");
                }
                layers.add(l.withHardware(settings.get(m++).hardware()));
            }
        }
        if (m != settings.size()) {
            throw new IllegalArgumentException(base.name() + " has " + m + " conv/fc layers, " + settings.size()
                    + " settings given");
        }
        return new Network(name, base.input(), layers);
    }

    /** {@code conv1=9x8/auto conv2=4x4/4 ...}: the choices as one text, in layer order. */
    public static String choices(List<String> layers, List<Setting> settings) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < settings.size(); l++) {
            sb.append(l == 0 ? "" : " ").append(layers.get(l)).append('=').append(settings.get(l).label());
        }
        return sb.toString();
    }

    /** Whether every layer has the same setting. */
    public static boolean uniform(List<Setting> settings) {
        return settings.stream().distinct().count() <= 1;
    }
}
