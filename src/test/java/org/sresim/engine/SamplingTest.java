package org.sresim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.workload.Networks;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** sim.windows: estimates scaled up from a window sample, with honest standard errors. */
class SamplingTest {
    static SimulationResult run(String network, Map<String, Object> o) {
        Config c = ConfigLoader.defaults().with(o, "test").with(Map.of("network", network), "test");
        return new Simulator().simulate(c, Networks.resolve(network), WorkloadSource.synthetic(WorkloadSettings.from(c)));
    }

    @Test
    void exactRunsReportZeroErrorAndClosedFormSchemesStayExactWhenSampling() {
        Map<String, Object> base = Map.of("pruning.ratio", 0.5, "activation.sparsity", 0.5);
        SimulationResult exact = run("cifar10-quick", base);
        SimulationResult sampled = run("cifar10-quick", Map.of("pruning.ratio", 0.5, "activation.sparsity", 0.5,
                "sim.windows", 16));
        for (Scheme s : Scheme.values()) {
            assertThat(exact.network(s).ouOpsStderr()).isZero();
            assertThat(exact.network(s).energyPjStderr()).isZero();
        }
        for (Scheme s : new Scheme[] {Scheme.DENSE, Scheme.WEIGHT, Scheme.IDEAL}) {
            assertThat(sampled.network(s).ouOps()).isEqualTo(exact.network(s).ouOps());
            assertThat(sampled.network(s).ouOpsStderr()).isZero();
        }
        for (Scheme s : new Scheme[] {Scheme.ACT_VALUE, Scheme.ACT_BIT, Scheme.SRE_VALUE, Scheme.SRE_BIT}) {
            assertThat(sampled.network(s).ouOpsStderr()).as(s.id()).isPositive();
            assertThat(sampled.network(s).energyPjStderr()).as(s.id()).isPositive();
            assertThat(sampled.network(s).cyclesStderr()).as(s.id()).isPositive();
        }
    }

    @Test
    void sampling256WindowsOfVgg16IsWithinOnePercentForEveryScheme() {
        Map<String, Object> o = Map.of("pruning.ratio", 0.7, "activation.sparsity", 0.5, "accuracy.windows", 1,
                "accuracy.tiles", 1);
        SimulationResult exact = run("vgg16", o);
        SimulationResult sampled = run("vgg16", Map.of("pruning.ratio", 0.7, "activation.sparsity", 0.5,
                "accuracy.windows", 1, "accuracy.tiles", 1, "sim.windows", 256));
        for (Scheme s : Scheme.values()) {
            double e = exact.network(s).ouOps();
            assertThat(Math.abs(sampled.network(s).ouOps() - e) / e).as(s.id()).isLessThan(0.01);
        }
    }

    @Test
    void errorBarsCoverTheExactValueAboutAsOftenAsTheyClaim() {
        // 1.96 standard errors should cover the exact total ~95% of the time; over 80 seeds and
        // four schemes (320 intervals) a well-calibrated estimator lands between 88% and 99%
        int covered = 0;
        int intervals = 0;
        for (long seed = 1; seed <= 80; seed++) {
            Map<String, Object> o = Map.of("pruning.ratio", 0.5, "activation.sparsity", 0.5, "seed", seed,
                    "accuracy.windows", 1, "accuracy.tiles", 1);
            SimulationResult exact = run("cifar10-quick", o);
            Map<String, Object> s = new java.util.HashMap<>(o);
            s.put("sim.windows", 24);
            SimulationResult sampled = run("cifar10-quick", s);
            for (Scheme scheme : new Scheme[] {Scheme.ACT_VALUE, Scheme.ACT_BIT, Scheme.SRE_VALUE, Scheme.SRE_BIT}) {
                Metrics m = sampled.network(scheme);
                double error = Math.abs(m.ouOps() - exact.network(scheme).ouOps());
                covered += error <= 1.96 * m.ouOpsStderr() ? 1 : 0;
                intervals++;
            }
        }
        System.out.printf("coverage of 1.96 stderr intervals: %d/%d%n", covered, intervals);
        assertThat((double) covered / intervals).isBetween(0.88, 0.99);
    }
}
