package org.sresim.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key the simulator knows, in the order of {@code conf/sre-isaac.yaml}.
 * Defaults live in that file (bundled in the jar); this registry knows types, ranges and units,
 * so a typo or an impossible value fails before anything runs.
 */
public final class Keys {
    private static final double INF = Double.MAX_VALUE;
    /** What a key affects unless it says otherwise: everything, so points differing in it share nothing. */
    private static final Set<Effect> ANYTHING = Set.of(Effect.values());
    private static final Set<Effect> COSTS = Set.of(Effect.PRICES);
    private static final Set<Effect> TIMING = Set.of(Effect.PROVISIONING, Effect.PRICES);
    private static final Set<Effect> PROVISIONS = Set.of(Effect.PROVISIONING);
    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        text("network", "",
                "built-in network (lenet5, mlp-300-100, cifar10-quick, alexnet, vgg16, resnet18; "
                + "published profiles vgg16-ssl, cifar10-ssl, alexnet-han, lenet5-han; transformers "
                + "bert-base, vit-b16) or a network YAML file");
        text("data", "",
                "real model: a folder of .npy files or an .npz archive, on any Hadoop file system; empty "
                + "= synthetic weights and activations");
        add("seed", KeyType.LONG, Long.MIN_VALUE, INF, false, "",
                "root of every random draw: each derives from (seed, layer index, purpose)");
        integer("crossbar.rows", 1, 4096, "wordlines", "wordlines per crossbar [ISAAC]");
        integer("crossbar.cols", 1, 4096, "bitlines", "bitlines per crossbar [ISAAC]");
        integer("cell.bits", 1, 8, "bits", "bits stored per ReRAM cell [ISAAC]");
        integer("weight.bits", 2, 16, "bits",
                "signed fixed-point weight width, sign-magnitude [ISAAC]; cells hold slices of |w|, the "
                + "sign is applied digitally (assumption)");
        integer("input.bits", 1, 24, "bits", "input width, fed bit-serially [ISAAC]; signed inputs span "
                + "+-(2^(input.bits-1) - 1)");
        choice("input.encoding",
                "how a layer with negative inputs (normal or gelu activations, signed data) is fed: offset "
                + "= shifted by the map's minimum (biased, one pass), twos-complement = the two's-complement "
                + "bits, the sign step subtracted in shift-and-add (one pass), sign-magnitude = positive "
                + "and negative parts in two passes; unsigned layers are fed as they are",
                "offset", "twos-complement", "sign-magnitude");
        integer("dac.bits", 1, 8, "bits",
                "input bits applied per step (input.bits / dac.bits steps per window) [ISAAC]");
        integer("ou.rows", 1, 4096, "wordlines", "wordlines activated per OU operation [SRE, Chen'18]");
        integer("ou.cols", 1, 4096, "bitlines", "bitlines converted per OU operation [SRE, Chen'18]");
        add("ou.cycle-ns", TIMING, KeyType.DOUBLE_OR_AUTO, 1e-6, INF, false, "ns",
                "time of one OU operation; auto = ou.cols / (adc.per-crossbar x adc.sample-rate-gsps) = "
                + "6.25 ns [derived]");
        add("adc.bits", COSTS, KeyType.INT_OR_AUTO, 1, 16, false, "bits",
                "ADC resolution; auto = ceil(log2(ou.rows x (2^cell.bits - 1) x (2^dac.bits - 1) + 1)), "
                + "lossless (5 for 9x8) [derived]");
        choice("adc.model", COSTS,
                "ADC energy per conversion against resolution: isaac-scaled = E8 x (2^N / (N+1)) / (2^8 "
                + "/ 9) [SRE group's simulator], linear = E8 x N / 8 [PUMA], table = energy.adc-table-pj",
                "isaac-scaled", "linear", "table");
        add("adc.sample-rate-gsps", TIMING, KeyType.DOUBLE, 1e-6, INF, false, "GS/s",
                "conversions per ns per ADC [ISAAC]");
        integer("adc.per-crossbar", TIMING, 1, 4096, "ADCs", "ADCs shared by one crossbar [ISAAC]");
        // declared with everything, as before Key.affects: like adc.bits it only prices the ideal read, but
        // sweeps varying it are ordered with it as a counting axis (ExecutionOrder), and resumed folders rely on it
        integer("ideal.adc-bits", 1, 16, "bits",
                "ADC of the over-idealised full-crossbar read (all rows, all columns at once) [ISAAC]");
        choice("latency.model", PROVISIONS,
                "crossbar provisioning: replicated = ISAAC-style copies of layers balancing the pipeline "
                + "within the chips' crossbars; parallel-tiles = one crossbar per tile, no copies",
                "replicated", "parallel-tiles");
        add("chip.crossbars", PROVISIONS, KeyType.LONG, 1, INF, false, "crossbars",
                "crossbars on one chip: 168 tiles x 12 IMAs x 8 crossbars [ISAAC]");
        add("chip.count", PROVISIONS, KeyType.INT_OR_AUTO, 1, 1 << 20, false, "chips",
                "chips whose crossbars the copy plan shares; auto = the fewest chips that hold one copy of "
                + "every layer");
        add("pruning.ratio", KeyType.DOUBLE, 0, 1, true, "fraction",
                "fraction of each layer's weights set to zero");
        choice("pruning.method",
                "what pruning zeroes: unstructured (smallest magnitudes), filter (columns), channel "
                + "(input channels), shape (rows), structured (SSL mix of shape and filter, Wen et al. "
                + "NIPS 2016), N:M such as 2:4 (in every M consecutive rows of a column the N largest "
                + "magnitudes stay; pruning.ratio > 0 turns it on, its value is ignored)",
                "structured", "unstructured", "filter", "channel", "shape", KeyType.N_OF_M);
        bool("pruning.prune-first-layer", "prune layer 1 too (it is usually left dense)");
        add("activation.sparsity", KeyType.DOUBLE, 0, 1, true, "fraction",
                "probability that an input activation is zero (ReLU networks: typically 0.4-0.7)");
        integer("activation.scale-bits", 0, 24, "bits",
                "non-zero activations are max(1, round(|N(0,1)| x 2^scale-bits)), clipped to the input "
                + "range");
        choice("activation.distribution",
                "synthetic non-zero activations before scaling: half-normal = |N(0,1)| (ReLU outputs), "
                + "normal = N(0,1) (LayerNorm outputs), gelu = x Phi(x) of x ~ N(0,1); a layer's network "
                + "file may set its own", "half-normal", "normal", "gelu");
        bool("activation.sparse-first-layer",
                "make the network input (an image) sparse too; it is dense unless true");
        add("device.sigma", Set.of(Effect.ACCURACY), KeyType.DOUBLE, 0, INF, false, "relative",
                "relative standard deviation of a conducting cell's conductance (assumption)");
        add("device.r-ratio", Set.of(Effect.ACCURACY), KeyType.DOUBLE, 1.000001, INF, false, "gmax/gmin",
                "gmax / gmin [ISAAC-class HfOx devices]");
        integer("sim.windows", Set.of(Effect.COUNTS), 0, 1 << 30, "windows",
                "0 = exact; N > 0: act-* and sre-* simulate N windows per layer drawn uniformly without "
                + "replacement (seeded), scale up and report *_stderr");
        integer("accuracy.windows", Set.of(Effect.ACCURACY), 1, 1 << 20, "windows",
                "windows per layer sampled for the accuracy proxies (all when the layer has fewer)");
        integer("accuracy.tiles", Set.of(Effect.ACCURACY), 1, 1 << 20, "tiles",
                "crossbar tiles per sampled window for the accuracy proxies (all when the layer has "
                + "fewer)");
        add("energy.reference-cycle-ns", COSTS, KeyType.DOUBLE, 1e-6, INF, false, "ns",
                "the OU cycle the time-based prices (dac, cell-read, sample-hold) are quoted for; they "
                + "scale with the real cycle");
        price("energy.adc-8bit-pj", "pJ", "one 8-bit conversion: 2 mW / 1.28 GS/s [ISAAC]");
        text("energy.adc-table-pj", COSTS, "pJ",
                "adc.model = table only: \"bits:pJ,...\", e.g. \"4:0.2,5:0.3,8:1.5625\"");
        price("energy.dac-pj", "pJ",
                "one 1-bit DAC drive for one reference cycle: 3.9 uW x 6.25 ns (4 mW / 1024 DACs) "
                + "[ISAAC]");
        price("energy.cell-read-pj", "pJ",
                "one cell read for one reference cycle: 0.3 mW per array / 16384 cells x 6.25 ns [ISAAC]");
        price("energy.sample-hold-pj", "pJ", "one sample-and-hold: 10 uW / 1024 x 6.25 ns [ISAAC]");
        price("energy.shift-add-pj", "pJ", "one shift-and-add: ISAAC's 0.05 mW unit [Accelergy ISAAC table]");
        price("energy.edram-access-pj", "pJ",
                "one 256-bit eDRAM buffer access [ISAAC 64 KB eDRAM, Accelergy ISAAC table]");
        price("energy.index-bit-pj", "pJ",
                "one bit of compressed-row index read from a small SRAM (assumption)");
        price("energy.prefix-sum-row-pj", "pJ",
                "zero-detect / prefix-sum logic per row examined (assumption)");
        price("energy.digital-mac-pj", "pJ",
                "one 16-bit multiply-accumulate of attention (Q.K^T, softmax.V) on a digital unit: 16-bit "
                + "multiply 0.8 pJ + 32-bit add 0.1 pJ at 45 nm [Horowitz, ISSCC 2014], not scaled to 32 nm");
        add("digital.macs-per-ns", TIMING, KeyType.DOUBLE, 1e-6, INF, false, "MACs/ns",
                "attention multiply-accumulates the chip's digital units complete per ns: a 32 x 32 MAC "
                + "array at 1 GHz (assumption)");
        integer("chip.crossbars-per-ima", COSTS, 1, 1 << 20, "crossbars",
                "crossbars per IMA, for area and static power [ISAAC-CE]");
        integer("chip.imas-per-tile", COSTS, 1, 1 << 20, "IMAs",
                "IMAs per tile, for area and static power [ISAAC-CE]; tiles per chip = "
                + "ceil(chip.crossbars / (8 x 12)) = 168");
        integer("chip.tiles-per-router", COSTS, 1, 1 << 20, "tiles", "tiles sharing one router [ISAAC]");
        choice("adc.area-model", COSTS,
                "ADC area against resolution: accelergy = area.adc-8bit-mm2 x Accelergy's ISAAC table / "
                + "1200 um2 (4..10 bits, doubling per bit outside) [Accelergy, Saberi'11], doubling = A8 x "
                + "2^(N-8), table = area.adc-table-mm2", "accelergy", "doubling", "table");
        price("area.adc-8bit-mm2", "mm2",
                "one 8-bit ADC: 8 per IMA = 0.0096 mm2 [ISAAC; Accelergy 1200 um2]");
        text("area.adc-table-mm2", COSTS, "mm2",
                "adc.area-model = table only: \"bits:mm2,...\", must not decrease with bits");
        price("area.crossbar-mm2", "mm2",
                "one 128x128 array: 8 = 0.0002 mm2 per IMA [ISAAC]; scales with rows x cols");
        price("area.dac-mm2", "mm2",
                "one 1-bit DAC: 1024 = 0.00017 mm2 per IMA [ISAAC]; x 2^(dac.bits-1) [Accelergy]");
        price("area.sample-hold-mm2", "mm2", "one sample-and-hold: 1024 = 0.00004 mm2 per IMA [ISAAC]");
        price("area.ima-shift-adds-mm2", "mm2", "an IMA's 4 shift-and-add units [ISAAC]");
        price("area.ima-input-register-mm2", "mm2", "an IMA's 2 KB input register [ISAAC]");
        price("area.ima-output-register-mm2", "mm2", "an IMA's 256 B output register [ISAAC]");
        price("area.edram-mm2", "mm2", "a tile's 64 KB eDRAM buffer [ISAAC; Accelergy]");
        price("area.edram-bus-mm2", "mm2", "a tile's eDRAM-to-IMA bus [ISAAC; Accelergy]");
        price("area.router-mm2", "mm2",
                "one router, shared by chip.tiles-per-router tiles [ISAAC; Accelergy]");
        price("area.sigmoid-mm2", "mm2", "a tile's 2 sigmoid units [ISAAC]");
        price("area.tile-shift-add-mm2", "mm2", "a tile's shift-and-add unit [ISAAC]");
        price("area.maxpool-mm2", "mm2", "a tile's max-pool unit [ISAAC]");
        price("area.tile-output-register-mm2", "mm2", "a tile's 3 KB output register [ISAAC]");
        price("area.hyper-transport-mm2", "mm2", "a chip's 4 HyperTransport links [ISAAC]");
        price("area.index-bit-mm2", "mm2",
                "one compressed-row index bit: SRAM at the density of ISAAC's 2 KB input register "
                + "(assumption)");
        price("area.prefix-logic-mm2", "mm2",
                "zero-detect / prefix logic of one OU column group: half an ISAAC shift-and-add unit "
                + "(assumption)");
        choice("power.static-scope", COSTS,
                "what draws static power: chip = every block of the chips; used = only the occupied "
                + "share (unused tiles power-gated) plus the links", "chip", "used");
        price("power.ima-input-register-mw", "mW", "static power of an IMA's input register [ISAAC]");
        price("power.ima-output-register-mw", "mW", "static power of an IMA's output register [ISAAC]");
        price("power.edram-bus-mw", "mW", "static power of a tile's eDRAM-to-IMA bus [ISAAC]");
        price("power.router-mw", "mW", "static power of one router [ISAAC]");
        price("power.sigmoid-mw", "mW", "static power of a tile's sigmoid units [ISAAC]");
        price("power.tile-shift-add-mw", "mW", "static power of a tile's shift-and-add unit [ISAAC]");
        price("power.maxpool-mw", "mW", "static power of a tile's max-pool unit [ISAAC]");
        price("power.tile-output-register-mw", "mW", "static power of a tile's output register [ISAAC]");
        price("power.hyper-transport-mw", "mW", "static power of a chip's HyperTransport links [ISAAC]");
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
        add(name, ANYTHING, type, min, max, maxExclusive, unit, description);
    }

    private static void add(String name, Set<Effect> affects, KeyType type, double min, double max,
                            boolean maxExclusive, String unit, String description) {
        KEYS.put(name, new Key(name, type, min, max, maxExclusive, List.of(), unit, description, affects));
    }

    private static void integer(String name, int min, int max, String unit, String description) {
        integer(name, ANYTHING, min, max, unit, description);
    }

    private static void integer(String name, Set<Effect> affects, int min, int max, String unit,
                                String description) {
        add(name, affects, KeyType.INT, min, max, false, unit, description);
    }

    /** A price: energy of an action, area or static power of a block. */
    private static void price(String name, String unit, String description) {
        add(name, COSTS, KeyType.DOUBLE, 0, INF, false, unit, description);
    }

    private static void bool(String name, String description) {
        add(name, KeyType.BOOL, 0, INF, false, "", description);
    }

    private static void text(String name, String unit, String description) {
        text(name, ANYTHING, unit, description);
    }

    private static void text(String name, Set<Effect> affects, String unit, String description) {
        add(name, affects, KeyType.TEXT, 0, INF, false, unit, description);
    }

    private static void choice(String name, String description, String... choices) {
        choice(name, ANYTHING, description, choices);
    }

    private static void choice(String name, Set<Effect> affects, String description, String... choices) {
        KEYS.put(name, new Key(name, KeyType.CHOICE, 0, INF, false, List.of(choices), "", description, affects));
    }
}
