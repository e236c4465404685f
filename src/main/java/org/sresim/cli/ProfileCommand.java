package org.sresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sresim.config.Config;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ModelData;
import org.sresim.workload.ModelProfile;
import org.sresim.workload.ModelProfile.LayerStats;
import org.sresim.workload.Network;
import org.sresim.workload.NetworkWriter;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sre profile}: what a real model looks like to SRE (model section 3.6). Measures every
 * matrix layer of the data, writes the synthetic twin's network file and prints measured beside
 * what the twin realises when generated at the configured seed, measured the same way.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Measure a real model's per-layer sparsity (filter, shape, element, zero inputs, one-bit"
                + " fraction) and write its synthetic twin network file.")
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOCATION",
            description = "the model data: a folder of <layer>.weight.npy / <layer>.input.npy or one .npz archive")
    Path data;

    @Option(names = "--network", required = true, paramLabel = "NAME|FILE",
            description = "the network the data belongs to (built-in name or network YAML file)")
    String network;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write the twin's network file (default: <network name>-twin.yaml in the working"
                    + " directory; '-' writes it to standard output and the table to standard error)")
    String out;

    @Option(names = "--conf", paramLabel = "FILE", description = "base configuration (default: the bundled conf/sre-isaac.yaml)")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a configuration key (input.bits, weight.bits, seed matter here)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", description = "seed at which the twin is generated for the table; same as --set seed=N")
    Long seed;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(data) && !Files.isRegularFile(data)) {
            throw new UserException(data + ": no such folder or .npz file");
        }
        Config config = SimulateCommand.resolveConfig(conf, sets, network, seed);
        Network net = Networks.resolve(network);
        WorkloadSettings settings = WorkloadSettings.from(config);
        ModelData model = ModelData.open(data.toString(), FileOpener.LOCAL);
        List<LayerStats> measured = ModelProfile.measure(model, net, settings);
        ModelProfile.Twin twin = ModelProfile.twin(net, measured, settings);
        List<LayerStats> realised = ModelProfile.realise(twin.network(), settings);
        String yaml = NetworkWriter.yaml(twin.network(), header(net, model, measured, realised));

        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter table = "-".equals(out) ? spec.commandLine().getErr() : stdout;
        Path file = "-".equals(out) ? null : Path.of(out != null ? out : net.name() + "-twin.yaml");
        print(net, model, measured, realised, settings.seed(), table);
        if (file == null) {
            stdout.print(yaml);
        } else {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserException("--out " + file + ": folder " + parent + " does not exist");
            }
            Files.writeString(file, yaml);
            table.println();
            table.println("twin written to " + file + " (network '" + twin.network().name() + "')");
        }
        stdout.flush();
        table.flush();
        return 0;
    }

    /**
     * The twin file's comment: where it comes from and the fit per layer. A function of the data's
     * content, the network and the settings (no paths, no clock), so a committed twin can be
     * checked against a fresh run.
     */
    static List<String> header(Network net, ModelData model, List<LayerStats> measured, List<LayerStats> realised) {
        String fileName = Path.of(model.location()).getFileName().toString();
        List<String> c = new ArrayList<>();
        c.add("Synthetic twin of network '" + net.name() + "' with the data " + fileName + " (sha256 "
                + ModelData.sha256(model.location(), FileOpener.LOCAL).substring(0, 16) + "), written by");
        c.add("  sre profile " + fileName + " --network " + net.name());
        c.add("Per layer: pruning {filter, shape, element} = the measured fractions of all-zero weight columns,");
        c.add("all-zero rows and zero weights; activation.sparsity = the measured fraction of zero inputs over the");
        c.add("batch; scale-bits fitted so that the stratified non-zero values carry the measured fraction of");
        c.add("1-bits (docs/real-models.md). Measured -> twin one-bit fraction:");
        for (int i = 0; i < measured.size(); i++) {
            LayerStats m = measured.get(i);
            LayerStats t = realised.get(i);
            c.add(String.format(Locale.ROOT, "  %s: %s -> %s", m.layer(), fmt(m.oneBitFraction()),
                    fmt(t.oneBitFraction())));
        }
        return c;
    }

    static void print(Network net, ModelData model, List<LayerStats> measured, List<LayerStats> realised, long seed,
                      PrintWriter out) {
        out.printf(Locale.ROOT, "profile of %s with network %s: measured (real) vs the twin generated at seed %d%n%n",
                model.location(), net.name(), seed);
        out.printf(Locale.ROOT, "%-16s %11s  %15s  %15s  %15s  %15s  %15s%n", "layer", "K x N", "filter real/twin",
                "shape real/twin", "element r/t", "act dens r/t", "one-bit r/t");
        for (int i = 0; i < measured.size(); i++) {
            LayerStats m = measured.get(i);
            LayerStats t = realised.get(i);
            out.printf(Locale.ROOT, "%-16s %11s  %7s/%-7s  %7s/%-7s  %7s/%-7s  %7s/%-7s  %7s/%-7s%n", m.layer(),
                    m.rows() + "x" + m.cols(), fmt(m.filter()), fmt(t.filter()), fmt(m.shape()), fmt(t.shape()),
                    fmt(m.element()), fmt(t.element()), fmt(m.activationDensity()), fmt(t.activationDensity()),
                    fmt(m.oneBitFraction()), fmt(t.oneBitFraction()));
        }
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
