package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer's own {@code ou.rows}, {@code ou.cols} and {@code adc.bits} in a network file. */
class LayerHardwareFileTest {
    @TempDir
    Path dir;

    private Network load(String layers) throws Exception {
        Path file = dir.resolve("design.yaml");
        Files.writeString(file, "name: design\ninput: [1, 12, 12]\nlayers:\n" + layers);
        return Networks.load(file);
    }

    @Test
    void flatAndNestedSpellingsAreRead() throws Exception {
        Network n = load("""
                  - {name: c1, type: conv, out: 4, kernel: 3, ou.rows: 4, ou.cols: 16, adc.bits: auto}
                  - {name: p1, type: pool, kernel: 2, stride: 2}
                  - {name: c2, type: conv, out: 4, kernel: 3, ou: {rows: 2}, adc: {bits: 6}}
                  - {name: f1, type: fc, out: 10}
                """);
        assertThat(n.matrixLayers().get(0).hardware()).isEqualTo(new LayerHardware(4, 16, LayerHardware.AUTO));
        assertThat(n.matrixLayers().get(1).hardware()).isEqualTo(new LayerHardware(2, null, 6));
        assertThat(n.matrixLayers().get(2).hardware()).isNull();
    }

    @Test
    void writtenDesignsReadBackEqual() throws Exception {
        Network n = load("""
                  - {name: c1, type: conv, out: 4, kernel: 3, ou.rows: 4, ou.cols: 16, adc.bits: auto}
                  - {name: p1, type: pool, kernel: 2, stride: 2}
                  - {name: c2, type: conv, out: 4, kernel: 3, pruning: {filter: 0.25, shape: 0.1, element: 0.5}, adc.bits: 6}
                  - {name: f1, type: fc, out: 10, ou.rows: 32}
                """);
        Path again = dir.resolve("again.yaml");
        Files.writeString(again, NetworkWriter.yaml(n, java.util.List.of("a design")));
        assertThat(Networks.load(again)).isEqualTo(n);
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheLayerAndKey() {
        assertThatThrownBy(() -> load("  - {name: c1, type: conv, out: 4, kernel: 3, adc.bits: max}\n"))
                .hasMessageEndingWith("design.yaml: layer 'c1': 'adc.bits' must be auto or an integer in 1..16, got 'max'");
        assertThatThrownBy(() -> load("  - {name: c1, type: conv, out: 4, kernel: 3, ou.rows: 0}\n"))
                .hasMessageEndingWith("layer 'c1': 'ou.rows' must be an integer in 1..4096, got 0");
        assertThatThrownBy(() -> load("  - {name: c1, type: conv, out: 4, kernel: 3, ou.rows: 4, ou: {rows: 8}}\n"))
                .hasMessageContaining("'ou.rows' is given twice");
        assertThatThrownBy(() -> load("""
                  - {name: c1, type: conv, out: 4, kernel: 3}
                  - {name: p1, type: pool, kernel: 2, ou.cols: 8}
                """)).hasMessageContaining("layer 'p1': a pool layer has no crossbars");
        assertThatThrownBy(() -> load("  - {name: c1, type: conv, out: 4, kernel: 3, ou: {row: 8}}\n"))
                .hasMessageContaining("layer 'c1': unknown key 'ou.row'");
    }
}
