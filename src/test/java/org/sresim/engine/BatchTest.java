package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.workload.FileOpener;
import org.sresim.workload.ImportedWorkload;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.ModelData;
import org.sresim.workload.ModelFixtures;
import org.sresim.workload.Network;
import org.sresim.workload.Networks;
import org.sresim.workload.Npy;
import org.sresim.workload.NpyWriter;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** Batches of imported inputs: per-inference means and their standard errors. */
class BatchTest {
    @TempDir
    Path dir;

    SimulationResult run(Config c, Network net, Path folder) {
        ModelData data = ModelData.open(folder.toString(), FileOpener.LOCAL);
        return new Simulator().simulate(c, net, WorkloadSource.importedBatch(data, WorkloadSettings.from(c),
                ImportedWorkload.check(data, net)), "k");
    }

    /** The folder with only sample b of each input. */
    Path slice(Path batch, int b, String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        for (String f : new String[] {"fc1", "fc2"}) {
            Files.copy(batch.resolve(f + ".weight.npy"), out.resolve(f + ".weight.npy"));
            Npy.NpyArray in = Npy.read(batch.resolve(f + ".input.npy"));
            int per = in.shape()[1];
            NpyWriter.write(out.resolve(f + ".input.npy"), Npy.NpyArray.ofInts(in.descr(), new int[] {per},
                    Arrays.copyOfRange(in.ints(), b * per, (b + 1) * per)));
        }
        return out;
    }

    @Test
    void aBatchReportsThePerInferenceMeanAndItsStandardError() throws IOException {
        Network net = Networks.resolve(ModelFixtures.writeNetwork(dir.resolve("tiny.yaml")).toString());
        Path batch = ModelFixtures.writeFolder(dir.resolve("batch"), 2, 1);
        Config c = ConfigLoader.defaults().with(Map.of("ou.rows", 2, "ou.cols", 2), "test");
        SimulationResult both = run(c, net, batch);
        SimulationResult first = run(c, net, slice(batch, 0, "s0"));
        SimulationResult second = run(c, net, slice(batch, 1, "s1"));
        for (Scheme s : Scheme.values()) {
            long x0 = first.network(s).ouOps();
            long x1 = second.network(s).ouOps();
            Metrics m = both.network(s);
            assertThat(m.samples()).isEqualTo(2);
            assertThat(m.ouOps()).as(s.id()).isEqualTo(Math.round((x0 + x1) / 2.0));
            // B = 2: s = |x0 - x1| / sqrt 2, s / sqrt B = |x0 - x1| / 2
            assertThat(m.ouOpsStderr()).as(s.id()).isCloseTo(Math.abs(x0 - x1) / 2.0, within(1e-9));
            assertThat(m.energyPj()).isCloseTo((first.network(s).energyPj() + second.network(s).energyPj()) / 2,
                    within(1e-6));
            assertThat(m.activationDensity()).isCloseTo(
                    (first.network(s).activationDensity() + second.network(s).activationDensity()) / 2, within(1e-12));
        }
        // the two samples differ in their activations, so the bit-level schemes' ops do
        assertThat(first.network(Scheme.ACT_BIT).ouOps()).isNotEqualTo(second.network(Scheme.ACT_BIT).ouOps());
        assertThat(first.network(Scheme.DENSE).samples()).isEqualTo(1);
        assertThat(both.network(Scheme.DENSE).ouOpsStderr()).isZero(); // dense ignores the data
    }

    @Test
    void inputOneBitFractionCountsBitsOfNonZeroActivations() {
        // input.bits 4; inputs 3 (0011), 0, 8 (1000), 15 (1111): 2 + 1 + 4 = 7 ones in 3 x 4 bits
        Config c = ConfigLoader.defaults().with(Map.of("input.bits", 4, "activation.scale-bits", 2), "test");
        Network net = new Network("n", java.util.List.of(4), java.util.List.of(
                new LayerSpec("fc", LayerType.FC, 2, 1, 1, 0, null, null, null)));
        LayerWorkload w = new LayerWorkload(net.matrixLayers().get(0), new short[] {1, 0, 2, 0, 0, 3, 1, 1},
                new int[] {3, 0, 8, 15});
        SimulationResult r = new Simulator().simulate(c, net, layer -> w);
        assertThat(r.layer(0, Scheme.DENSE).inputOneBitFraction()).isEqualTo(7.0 / 12);
        assertThat(r.network(Scheme.SRE_BIT).inputOneBitFraction()).isEqualTo(7.0 / 12);
        assertThat(r.network(Scheme.SRE_BIT).activationDensity()).isEqualTo(0.75);
    }
}
