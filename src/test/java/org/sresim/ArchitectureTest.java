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
    /** The core, and the report package (rendering and HTML/Markdown only; its SQL runs through an interface). */
    private static final List<String> CORE = List.of("config", "hw", "workload", "engine", "sweep", "report");
    private static final List<String> FORBIDDEN = List.of("import org.apache.spark", "import scala.",
            "import org.apache.hadoop", "import org.sresim.cli", "import org.sresim.spark", "import org.sresim.report");

    @Test
    void theCoreImportsNeitherSparkNorTheLayersAboveIt() throws IOException {
        int files = 0;
        for (String pkg : CORE) {
            try (Stream<Path> sources = Files.walk(Path.of("src/main/java/org/sresim", pkg))) {
                for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    for (String forbidden : FORBIDDEN) {
                        assertThat(text).as(f.toString()).doesNotContain(forbidden);
                    }
                    files++;
                }
            }
        }
        assertThat(files).isGreaterThan(40);
    }
}
