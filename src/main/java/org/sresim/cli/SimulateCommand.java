package org.sresim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sre simulate}: one design point, every scheme, per layer and per network. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate one design point (every scheme) and print per-layer and network results.")
final class SimulateCommand implements Callable<Integer> {
    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--network", paramLabel = "NAME|FILE",
            description = "built-in network (lenet5, vgg16, resnet18, bert-base, vit-b16, ...: see docs/workloads.md) or a network YAML file; same as --set network=...")
    String network;

    @Option(names = "--data", paramLabel = "DIR|NPZ",
            description = "directory of <layer>.weight.npy and optional <layer>.input.npy (real model data), or one .npz archive with <layer>.weight / <layer>.input entries")
    Path data;

    @Option(names = "--conf", paramLabel = "FILE", description = "base configuration (default: the bundled conf/sre-isaac.yaml)")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a configuration key, e.g. --set ou.rows=16")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", description = "random seed; same as --set seed=N")
    Long seed;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (data != null && !Files.isDirectory(data) && !Files.isRegularFile(data)) {
            throw new UserException("--data " + data + ": no such folder or .npz file");
        }
        List<String> all = new ArrayList<>(sets);
        if (data != null) {
            all.add("data=" + data.toAbsolutePath().normalize());
        }
        Config config = resolveConfig(conf, all, network, seed);
        Network net = Networks.resolve(config.network());
        WorkloadSettings settings = WorkloadSettings.from(config);
        WorkloadSource source = WorkloadSource.synthetic(settings);
        String location = config.data();
        if (!location.isEmpty()) {
            // pinned to the content like a sweep point, so point_id and config_hash cover the files
            config = config.with(java.util.Map.of("data", ModelData.pinned(ModelData.pathOf(location), FileOpener.LOCAL)),
                    "--data");
            ModelData model = ModelData.open(location, FileOpener.LOCAL);
            source = WorkloadSource.importedBatch(model, settings, ImportedWorkload.check(model, net));
        }
        SimulationResult result = new Simulator().simulate(config, net, source);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(ResultJson.toJson(result));
        } else {
            ResultTable.print(result, out);
        }
        out.flush();
        return 0;
    }

    /** Base file (or bundled defaults), then --set overrides, then the --network / --seed shortcuts. */
    static Config resolveConfig(Path conf, List<String> sets, String network, Long seed) {
        Config base = conf == null ? ConfigLoader.defaults() : ConfigLoader.load(conf);
        Map<String, Object> overrides = new LinkedHashMap<>(ConfigLoader.parseAssignments(sets));
        if (network != null) {
            overrides.put("network", network);
        }
        if (seed != null) {
            overrides.put("seed", seed);
        }
        return base.with(overrides, "--set");
    }
}
