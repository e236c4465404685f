package org.sresim.workload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Network} as a network file that {@link NetworkFile} reads back to an equal
 * network: one flow map per layer, only the keys that differ from their defaults. Numbers are
 * written as their shortest decimal, so what a twin's file says is exactly what it runs.
 */
public final class NetworkWriter {
    private NetworkWriter() {
    }

    /** The file's text; {@code comments} become {@code #} lines at the top. */
    public static String yaml(Network network, List<String> comments) {
        StringBuilder sb = new StringBuilder();
        for (String c : comments) {
            sb.append(c.isEmpty() ? "#" : "# " + c).append('\n');
        }
        sb.append("name: ").append(network.name()).append('\n');
        sb.append("input: ").append(network.input()).append('\n');
        sb.append("layers:\n");
        for (LayerSpec l : network.layers()) {
            sb.append("  - ").append(layer(l)).append('\n');
        }
        return sb.toString();
    }

    private static String layer(LayerSpec l) {
        List<String> kv = new ArrayList<>();
        kv.add("name: " + text(l.name()));
        kv.add("type: " + l.type().yamlName());
        shape(l, kv);
        if (l.from() != null) {
            kv.add("from: " + text(l.from()));
        }
        flowMap(kv, "pruning", pruning(l));
        flowMap(kv, "activation", activation(l));
        hardware(l.hardware(), kv);
        return "{" + String.join(", ", kv) + "}";
    }

    /** The keys that size the layer, by its type. */
    private static void shape(LayerSpec l, List<String> kv) {
        switch (l.type()) {
            case CONV, POOL -> {
                if (l.type() == LayerType.CONV) {
                    kv.add("out: " + l.out());
                }
                kv.add("kernel: " + l.kernel());
                kv.add("stride: " + l.stride());
                kv.add("padding: " + l.padding());
            }
            case FC, LINEAR -> kv.add("out: " + l.out());
            case ATTENTION -> kv.add("heads: " + l.heads());
            case TOKENS -> kv.add("class-tokens: " + l.classTokens());
        }
    }

    /** {@code key: {a, b}}, left out when there is nothing in it. */
    private static void flowMap(List<String> kv, String key, List<String> entries) {
        if (!entries.isEmpty()) {
            kv.add(key + ": {" + String.join(", ", entries) + "}");
        }
    }

    private static List<String> pruning(LayerSpec l) {
        List<String> pruning = new ArrayList<>();
        if (l.pruningRatio() != null) {
            pruning.add("ratio: " + number(l.pruningRatio()));
        }
        PruningProfile p = l.pruningProfile();
        if (p != null) {
            pruning.add("filter: " + number(p.filter()));
            pruning.add("shape: " + number(p.shape()));
            pruning.add("element: " + number(p.element()));
        }
        return pruning;
    }

    private static List<String> activation(LayerSpec l) {
        List<String> activation = new ArrayList<>();
        if (l.activationSparsity() != null) {
            activation.add("sparsity: " + number(l.activationSparsity()));
        }
        ActivationDraw d = l.activationDraw();
        if (d != null) {
            if (d.scaleBits() != null) {
                activation.add("scale-bits: " + number(d.scaleBits()));
            }
            activation.add("draw: " + (d.stratified() ? ActivationDraw.STRATIFIED : ActivationDraw.RANDOM));
            if (d.distribution() != null) {
                activation.add("distribution: " + d.distribution().configName());
            }
        }
        return activation;
    }

    /** A heterogeneous design's own OU shape and ADC for the layer, where it sets them. */
    private static void hardware(LayerHardware h, List<String> kv) {
        if (h == null) {
            return;
        }
        if (h.ouRows() != null) {
            kv.add("ou.rows: " + h.ouRows());
        }
        if (h.ouCols() != null) {
            kv.add("ou.cols: " + h.ouCols());
        }
        if (h.adcBits() != null) {
            kv.add("adc.bits: " + h.adcBitsText());
        }
    }

    /** A name as a plain YAML scalar when it is one, else double-quoted. */
    static String text(String s) {
        if (s.matches("[A-Za-z_][A-Za-z0-9_./-]*") && !s.matches("(?i)true|false|yes|no|on|off|null|y|n")) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The shortest decimal that reads back as {@code v}: 0.5, 0.34, 12.3456, 0. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
    }
}
