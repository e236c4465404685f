package org.sresim.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.sweep.SweepException;
import org.sresim.sweep.SweepFile;

class DuplicateKeysTest {
    @TempDir
    Path dir;

    @Test
    void aKeyTwiceInOneMapIsNamedWithBothLines() {
        assertThat(DuplicateKeys.inYaml("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n"))
                .isEqualTo("key 'b.c' is written twice (lines 3 and 5)");
        assertThat(DuplicateKeys.inJson("{\"a\": 1,\n \"a\": 2}")).isEqualTo("key 'a' is written twice (lines 1 and 2)");
    }

    @Test
    void equalKeysInDifferentMapsOrListItemsAreFine() {
        assertThat(DuplicateKeys.inYaml("a: {x: 1}\nb: {x: 2}\nl:\n  - {x: 1}\n  - {x: 2}\n")).isNull();
        assertThat(DuplicateKeys.inYaml("a: [1\n")).isNull(); // malformed: left to the YAML parser
    }

    @Test
    void twoOuBlocksInAConfigFileAreAnError() throws IOException {
        Path conf = Files.writeString(dir.resolve("c.yaml"), "ou:\n  rows: 16\nadc:\n  bits: 5\nou:\n  cols: 8\n");
        assertThatThrownBy(() -> ConfigLoader.load(conf)).isInstanceOf(ConfigException.class)
                .hasMessage(conf + ": key 'ou' is written twice (lines 1 and 5)");
    }

    @Test
    void anAxisTwiceUnderGridIsAnError() throws IOException {
        Path sweep = Files.writeString(dir.resolve("s.yaml"),
                "name: s\ngrid:\n  ou.rows: [4, 9]\n  ou.rows: [16]\n");
        assertThatThrownBy(() -> SweepFile.load(sweep)).isInstanceOf(SweepException.class)
                .hasMessage(sweep + ": key 'grid.ou.rows' is written twice (lines 3 and 4)");
    }
}
