package org.sresim.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key the simulator knows, in the order of {@code conf/sre-isaac.yaml}.
 * Defaults live in that file (bundled in the jar); this registry knows types, ranges and units,
 * so a typo or an impossible value fails before anything runs.
 */
public final class Keys {
    private static final double INF = Double.MAX_VALUE;
    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        text("network", "", "built-in network name or network file");
        text("data", "", "real model data: a folder of .npy files or an .npz archive (empty: synthetic)");
        add("seed", KeyType.LONG, Long.MIN_VALUE, INF, false, "", "root of every random draw");
        integer("crossbar.rows", 1, 4096, "wordlines", "rows per crossbar");
        integer("crossbar.cols", 1, 4096, "bitlines", "columns per crossbar");
        integer("cell.bits", 1, 8, "bits", "bits per cell");
        integer("weight.bits", 2, 16, "bits", "signed weight width");
        integer("input.bits", 1, 24, "bits", "unsigned input width");
        integer("dac.bits", 1, 8, "bits", "input bits per step");
        integer("ou.rows", 1, 4096, "wordlines", "rows activated per OU operation");
        integer("ou.cols", 1, 4096, "bitlines", "columns converted per OU operation");
        add("ou.cycle-ns", KeyType.DOUBLE_OR_AUTO, 1e-6, INF, false, "ns", "time of one OU operation");
        add("adc.bits", KeyType.INT_OR_AUTO, 1, 16, false, "bits", "ADC resolution");
        choice("adc.model", "ADC energy vs resolution", "isaac-scaled", "linear", "table");
        add("adc.sample-rate-gsps", KeyType.DOUBLE, 1e-6, INF, false, "GS/s", "ADC sample rate");
        integer("adc.per-crossbar", 1, 4096, "ADCs", "ADCs per crossbar");
        integer("ideal.adc-bits", 1, 16, "bits", "ADC of the full-crossbar read");
        choice("latency.model", "crossbar provisioning", "replicated", "parallel-tiles");
        add("chip.crossbars", KeyType.LONG, 1, INF, false, "crossbars", "crossbars on the chip");
        add("chip.count", KeyType.INT_OR_AUTO, 1, 1 << 20, false, "chips",
                "chips whose crossbars the copy plan shares; auto = fewest that hold one copy of every layer");
        add("pruning.ratio", KeyType.DOUBLE, 0, 1, true, "fraction", "weights set to zero");
        choice("pruning.method", "what pruning zeroes", "structured", "unstructured", "filter", "channel", "shape");
        bool("pruning.prune-first-layer", "prune layer 1 too");
        add("activation.sparsity", KeyType.DOUBLE, 0, 1, true, "fraction", "zero input activations");
        integer("activation.scale-bits", 0, 24, "bits", "scale of non-zero activations");
        bool("activation.sparse-first-layer", "sparse network input");
        add("device.sigma", KeyType.DOUBLE, 0, INF, false, "relative", "conductance deviation");
        add("device.r-ratio", KeyType.DOUBLE, 1.000001, INF, false, "gmax/gmin", "on/off ratio");
        integer("sim.windows", 0, 1 << 30, "windows", "windows per layer simulated for act-*/sre-* (0: all)");
        integer("accuracy.windows", 1, 1 << 20, "windows", "windows sampled per layer for the proxies");
        integer("accuracy.tiles", 1, 1 << 20, "tiles", "tiles per sampled window for the proxies");
        add("energy.reference-cycle-ns", KeyType.DOUBLE, 1e-6, INF, false, "ns", "cycle the time-based prices are quoted for");
        price("energy.adc-8bit-pj", "pJ", "8-bit ADC conversion");
        text("energy.adc-table-pj", "pJ", "per-resolution ADC prices for adc.model=table");
        price("energy.dac-pj", "pJ", "DAC drive per reference cycle");
        price("energy.cell-read-pj", "pJ", "cell read per reference cycle");
        price("energy.sample-hold-pj", "pJ", "sample-and-hold per reference cycle");
        price("energy.shift-add-pj", "pJ", "shift-and-add");
        price("energy.edram-access-pj", "pJ", "256-bit eDRAM access");
        price("energy.index-bit-pj", "pJ", "index bit read");
        price("energy.prefix-sum-row-pj", "pJ", "zero-detect / prefix-sum per row");
        integer("chip.crossbars-per-ima", 1, 1 << 20, "crossbars", "crossbars per IMA (area and static power)");
        integer("chip.imas-per-tile", 1, 1 << 20, "IMAs", "IMAs per tile (area and static power)");
        integer("chip.tiles-per-router", 1, 1 << 20, "tiles", "tiles sharing one router");
        choice("adc.area-model", "ADC area vs resolution", "accelergy", "doubling", "table");
        price("area.adc-8bit-mm2", "mm2", "one 8-bit ADC");
        text("area.adc-table-mm2", "mm2", "per-resolution ADC areas for adc.area-model=table");
        price("area.crossbar-mm2", "mm2", "one 128x128 crossbar array (scaled by cells)");
        price("area.dac-mm2", "mm2", "one 1-bit DAC (x 2^(dac.bits-1))");
        price("area.sample-hold-mm2", "mm2", "one sample-and-hold");
        price("area.ima-shift-adds-mm2", "mm2", "an IMA's shift-and-add units");
        price("area.ima-input-register-mm2", "mm2", "an IMA's input register");
        price("area.ima-output-register-mm2", "mm2", "an IMA's output register");
        price("area.edram-mm2", "mm2", "a tile's eDRAM buffer");
        price("area.edram-bus-mm2", "mm2", "a tile's eDRAM-to-IMA bus");
        price("area.router-mm2", "mm2", "one router");
        price("area.sigmoid-mm2", "mm2", "a tile's sigmoid units");
        price("area.tile-shift-add-mm2", "mm2", "a tile's shift-and-add unit");
        price("area.maxpool-mm2", "mm2", "a tile's max-pool unit");
        price("area.tile-output-register-mm2", "mm2", "a tile's output register");
        price("area.hyper-transport-mm2", "mm2", "a chip's HyperTransport links");
        price("area.index-bit-mm2", "mm2", "one bit of compressed-row index SRAM");
        price("area.prefix-logic-mm2", "mm2", "zero-detect / prefix logic of one OU column group");
        choice("power.static-scope", "what draws static power", "chip", "used");
        price("power.ima-input-register-mw", "mW", "an IMA's input register");
        price("power.ima-output-register-mw", "mW", "an IMA's output register");
        price("power.edram-bus-mw", "mW", "a tile's eDRAM-to-IMA bus");
        price("power.router-mw", "mW", "one router");
        price("power.sigmoid-mw", "mW", "a tile's sigmoid units");
        price("power.tile-shift-add-mw", "mW", "a tile's shift-and-add unit");
        price("power.maxpool-mw", "mW", "a tile's max-pool unit");
        price("power.tile-output-register-mw", "mW", "a tile's output register");
        price("power.hyper-transport-mw", "mW", "a chip's HyperTransport links");
    }

    private Keys() {
    }

    /** Rules between keys; each failure names both keys and their values. */
    static void checkCombination(Config c) {
        notAbove(c, "ou.rows", "crossbar.rows");
        notAbove(c, "ou.cols", "crossbar.cols");
        notAbove(c, "dac.bits", "input.bits");
        notAbove(c, "cell.bits", "weight.bits");
        notAbove(c, "activation.scale-bits", "input.bits");
    }

    private static void notAbove(Config c, String small, String large) {
        int a = c.intValue(small);
        int b = c.intValue(large);
        if (a > b) {
            throw new ConfigException("key '" + small + "': " + a + " is larger than " + large + " = " + b
                    + " (allowed: 1.." + b + ")");
        }
    }

    /** All keys in canonical order. */
    public static List<Key> all() {
        return List.copyOf(KEYS.values());
    }

    /** The key, or a one-line error naming the unknown key and where it came from. */
    public static Key require(String name, String origin) {
        Key key = KEYS.get(name);
        if (key == null) {
            throw new ConfigException(origin + ": unknown key '" + name + "'" + suggestion(name)
                    + " (see conf/sre-isaac.yaml for every key)");
        }
        return key;
    }

    private static String suggestion(String name) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : KEYS.keySet()) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static void add(String name, KeyType type, double min, double max, boolean maxExclusive,
                            String unit, String description) {
        KEYS.put(name, new Key(name, type, min, max, maxExclusive, List.of(), unit, description));
    }

    private static void integer(String name, int min, int max, String unit, String description) {
        add(name, KeyType.INT, min, max, false, unit, description);
    }

    private static void price(String name, String unit, String description) {
        add(name, KeyType.DOUBLE, 0, INF, false, unit, description);
    }

    private static void bool(String name, String description) {
        add(name, KeyType.BOOL, 0, INF, false, "", description);
    }

    private static void text(String name, String unit, String description) {
        add(name, KeyType.TEXT, 0, INF, false, unit, description);
    }

    private static void choice(String name, String description, String... choices) {
        KEYS.put(name, new Key(name, KeyType.CHOICE, 0, INF, false, List.of(choices), "", description));
    }
}
