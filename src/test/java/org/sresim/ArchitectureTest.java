package org.sresim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The simulation core never talks to Spark: that is what makes every task independent. */
class ArchitectureTest {
    private static final List<String> CORE = List.of("config", "hw", "workload", "engine", "sweep");

    @Test
    void theCoreImportsNoSpark() throws IOException {
        for (String pkg : CORE) {
            Path dir = Path.of("src/main/java/org/sresim", pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(f)).as(f.toString())
                            .doesNotContain("import org.apache.spark").doesNotContain("import scala.")
                            .doesNotContain("import org.apache.hadoop");
                }
            }
        }
    }

    @Test
    void theCoreDoesNotReachIntoTheCliOrSpark() throws IOException {
        for (String pkg : CORE) {
            Path dir = Path.of("src/main/java/org/sresim", pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(f)).as(f.toString())
                            .doesNotContain("import org.sresim.cli").doesNotContain("import org.sresim.spark");
                }
            }
        }
    }
}
