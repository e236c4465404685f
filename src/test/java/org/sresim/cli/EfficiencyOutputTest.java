package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** simulate shows area, power and efficiency in both formats (issue 11). */
class EfficiencyOutputTest {
    @Test
    void jsonRowsCarryTheColumnsAndTheTableAnEfficiencyBlock() throws Exception {
        CliRunner json = CliRunner.run("simulate", "--network", "lenet5", "--format", "json");
        assertThat(json.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        for (JsonNode row : root.get("network")) {
            for (String c : new String[] {"area_mm2", "area_used_mm2", "index_area_mm2", "static_power_w", "power_w",
                "throughput_ips", "gops", "gops_per_mm2", "gops_per_w"}) {
                assertThat(row.get(c).isNumber()).as(c).isTrue();
            }
            // one ISAAC chip; the ideal design is ISAAC's 85.42 mm², the 5-bit OU designs are smaller
            if (row.get("scheme").asText().equals("ideal")) {
                assertThat(row.get("area_mm2").asDouble()).isBetween(85.42, 85.43);
            }
        }
        assertThat(root.get("layers").get(0).get("area_used_mm2").asDouble()).isPositive();
        CliRunner table = CliRunner.run("simulate", "--network", "lenet5");
        assertThat(table.out()).contains("efficiency").contains("gops/mm2").containsPattern("\\(network\\)\\s+ideal\\s+1\\s+85\\.42");
    }
}
