package org.sresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference pages that mirror code are what {@link ReferenceDocs} makes from it. With
 * {@code -Dregenerate.docs=true} the test rewrites them instead ({@link ReferenceDocs#REGENERATE}).
 */
class ReferenceDocsTest {
    private static final Path DOCS = Path.of("docs");

    @Test
    void configurationAndSchemaPagesMatchTheCode() throws IOException {
        boolean regenerate = Boolean.getBoolean("regenerate.docs");
        for (Map.Entry<String, String> page : ReferenceDocs.pages().entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            if (regenerate) {
                Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
            }
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            assertThat(committed)
                    .as("%s is out of date with the code; rewrite it with: %s", file, ReferenceDocs.REGENERATE)
                    .isEqualTo(page.getValue());
        }
    }

    @Test
    void everyKeyAndEveryColumnHasAMeaning() {
        for (org.sresim.config.Key k : org.sresim.config.Keys.all()) {
            assertThat(k.description()).as(k.name()).isNotBlank();
        }
        for (org.sresim.sweep.ResultColumn c : org.sresim.sweep.ResultSchema.LAYERS) {
            assertThat(c.description()).as(c.name()).isNotBlank();
        }
    }
}
