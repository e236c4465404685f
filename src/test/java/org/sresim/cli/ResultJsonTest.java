package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.engine.SimulationResult;
import org.sresim.engine.Simulator;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.Network;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** simulate's JSON holds no Infinity or NaN: a value without a definition is null, as in the tables. */
class ResultJsonTest {
    /** 16 inputs at sparsity 0.99: most seeds give all-zero inputs, so the activation schemes do no operation. */
    private static final Network TINY = new Network("tiny-fc", List.of(16),
            List.of(LayerSpec.fc("f1", 4).withActivationSparsity(0.99)));

    @Test
    void aLayerWithNoOperationsHasNullSpeedups() throws Exception {
        int zeroLayers = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Config c = ConfigLoader.defaults().with(Map.of("seed", seed), "test");
            SimulationResult r = new Simulator().simulate(c, TINY, WorkloadSource.synthetic(WorkloadSettings.from(c)));
            String json = ResultJson.toJson(r);
            assertThat(json).doesNotContain("Infinity").doesNotContain("NaN");
            JsonNode root = new ObjectMapper().readTree(json);
            for (JsonNode row : root.get("layers")) {
                if (row.get("ou_ops").asLong() == 0) {
                    zeroLayers++;
                    assertThat(row.get("speedup").isNull()).as("seed %d %s", seed, row.get("scheme")).isTrue();
                    assertThat(row.get("ops_speedup").isNull()).isTrue();
                } else {
                    assertThat(row.get("speedup").isNumber()).isTrue();
                }
            }
        }
        assertThat(zeroLayers).isPositive();
    }

    @Test
    void nonFiniteNumbersAreNullAndOtherValuesKeepTheirType() {
        assertThat(ResultJson.value(Double.POSITIVE_INFINITY).isNull()).isTrue();
        assertThat(ResultJson.value(Double.NEGATIVE_INFINITY).isNull()).isTrue();
        assertThat(ResultJson.value(Double.NaN).isNull()).isTrue();
        assertThat(ResultJson.value(Float.NaN).isNull()).isTrue();
        assertThat(ResultJson.value(null).isNull()).isTrue();
        assertThat(ResultJson.value(1.5).asDouble()).isEqualTo(1.5);
        assertThat(ResultJson.value(7L).asLong()).isEqualTo(7L);
        assertThat(ResultJson.value("auto").asText()).isEqualTo("auto");
        assertThat(ResultJson.value(true).asBoolean()).isTrue();
    }
}
