package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.workload.Npy;
import org.sresim.workload.NpyWriter;

/**
 * Model section 10 through the command line: one 18 x 8 fc layer, weights non-zero in rows 0-9,
 * activations 1 in rows 0-4 and 10-15, OU 9 x 8, 16 input bits, imported as .npy files.
 */
class WorkedExampleTest {
    @TempDir
    static Path dir;
    static JsonNode json;

    @BeforeAll
    static void simulate() throws Exception {
        Files.writeString(dir.resolve("worked.yaml"), """
                name: worked
                input: [18]
                layers:
                  - {name: fc, type: fc, out: 1}
                """);
        Path data = Files.createDirectories(dir.resolve("data"));
        long[] weights = new long[18];
        for (int k = 0; k < 10; k++) {
            weights[k] = k % 2 == 0 ? k + 1 : -(k + 1); // small values: only slice 0 and 1 hold bits
        }
        long[] inputs = new long[18];
        for (int k : new int[] {0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15}) {
            inputs[k] = 1;
        }
        NpyWriter.write(data.resolve("fc.weight.npy"), Npy.NpyArray.ofInts("<i2", new int[] {1, 18}, weights));
        NpyWriter.write(data.resolve("fc.input.npy"), Npy.NpyArray.ofInts("<i4", new int[] {18}, inputs));
        CliRunner r = CliRunner.run("simulate", "--network", dir.resolve("worked.yaml").toString(),
                "--data", data.toString(), "--format", "json");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        json = new ObjectMapper().readTree(r.out());
    }

    static Map<String, JsonNode> layerRows() {
        Map<String, JsonNode> rows = new HashMap<>();
        json.get("layers").forEach(row -> rows.put(row.get("scheme").asText(), row));
        return rows;
    }

    @Test
    void operationsMatchTheSpecTable() {
        Map<String, JsonNode> rows = layerRows();
        assertThat(rows.get("dense").get("ou_ops").asLong()).isEqualTo(32);
        assertThat(rows.get("weight").get("ou_ops").asLong()).isEqualTo(32);
        assertThat(rows.get("act-value").get("ou_ops").asLong()).isEqualTo(32);
        assertThat(rows.get("act-bit").get("ou_ops").asLong()).isEqualTo(2);
        assertThat(rows.get("sre-value").get("ou_ops").asLong()).isEqualTo(16);
        assertThat(rows.get("sre-bit").get("ou_ops").asLong()).isEqualTo(1);
        assertThat(rows.get("ideal").get("ou_ops").asLong()).isEqualTo(16);
    }

    @Test
    void latencyAndSpeedupFollowFromOneTileAndOneWindow() {
        Map<String, JsonNode> rows = layerRows();
        assertThat(rows.get("dense").get("latency_ns").asDouble()).isEqualTo(32 * 6.25);
        assertThat(rows.get("sre-value").get("speedup").asDouble()).isEqualTo(2.0);
        assertThat(rows.get("sre-bit").get("speedup").asDouble()).isEqualTo(32.0);
        assertThat(rows.get("dense").get("speedup").asDouble()).isEqualTo(1.0);
        assertThat(rows.get("ideal").get("latency_ns").asDouble()).isEqualTo(16 * 100.0);
        assertThat(rows.get("dense").get("crossbars").asLong()).isEqualTo(1);
        assertThat(rows.get("dense").get("copies").asLong()).isEqualTo(1);
    }

    @Test
    void sreBitEnergyIsTheHandPricedActionList() {
        JsonNode bit = layerRows().get("sre-bit");
        // one OU of the 5 rows {0..4}, 8 columns: 5 DAC drives, 40 cell reads, 8 conversions/S&H/shift-adds
        assertThat(bit.get("count_dac").asLong()).isEqualTo(5);
        assertThat(bit.get("count_cell_read").asLong()).isEqualTo(40);
        assertThat(bit.get("count_adc").asLong()).isEqualTo(8);
        // index: the 10 compressed rows, ceil(log2 18) = 5 bits each; eDRAM ceil(18*16/256) + ceil(16/256) = 3
        assertThat(bit.get("count_index_bit").asLong()).isEqualTo(50);
        assertThat(bit.get("count_prefix_sum_row").asLong()).isEqualTo(10);
        assertThat(bit.get("count_edram").asLong()).isEqualTo(3);
        assertThat(bit.get("index_bits").asLong()).isEqualTo(50);
        double adc5 = 1.5625 * (32.0 / 6) / (256.0 / 9);
        double expected = 8 * adc5 + 5 * 0.0244 + 40 * 0.000114 + 8 * 0.00006 + 8 * 0.021 + 3 * 20.45
                + 50 * 0.01 + 10 * 0.005;
        assertThat(bit.get("energy_pj").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bit.get("adc_bits_used").asInt()).isEqualTo(5);
    }

    @Test
    void densitiesAreRealisedFromTheFiles() {
        JsonNode dense = layerRows().get("dense");
        assertThat(dense.get("weight_density").asDouble()).isEqualTo(10.0 / 18);
        assertThat(dense.get("activation_density").asDouble()).isEqualTo(11.0 / 18);
    }

    @Test
    void jsonDescribesThePoint() {
        JsonNode point = json.get("point");
        assertThat(point.get("config").get("ou.rows").asInt()).isEqualTo(9);
        assertThat(point.get("config").get("adc.bits").asText()).isEqualTo("auto");
        assertThat(point.get("config_hash").asText()).hasSize(16);
        assertThat(json.get("network")).hasSize(7);
        assertThat(json.get("layers")).hasSize(7);
    }
}
