package org.sresim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.sresim.config.Config;
import org.sresim.config.ConfigLoader;
import org.sresim.config.Key;
import org.sresim.config.Keys;
import org.sresim.sweep.ResultColumn;
import org.sresim.sweep.ResultSchema;

/**
 * Writes the reference pages that mirror code, {@code docs/configuration.md} (from {@link Keys} and
 * the bundled defaults) and {@code docs/schema.md} (from {@link ResultSchema}), so they cannot drift:
 * {@code ReferenceDocsTest} fails when the committed pages differ from what this class makes.
 */
public final class ReferenceDocs {
    /** The command that rewrites both pages; named in their headers and in the test's failure. */
    public static final String REGENERATE = "mvn -B test -Dtest=ReferenceDocsTest -Dregenerate.docs=true";

    public static final String CONFIGURATION = "configuration.md";
    public static final String SCHEMA = "schema.md";

    private ReferenceDocs() {
    }

    /** Writes both pages into {@code args[0]} (default {@code docs}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs");
        for (Map.Entry<String, String> page : pages().entrySet()) {
            Files.writeString(dir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** File name to content, for every generated page. */
    public static Map<String, String> pages() {
        return Map.of(CONFIGURATION, configuration(), SCHEMA, schema());
    }

    static String configuration() {
        Config defaults = ConfigLoader.defaults();
        StringBuilder md = new StringBuilder();
        header(md, "Configuration keys", "`org.sresim.config.Keys` and `conf/sre-isaac.yaml`");
        md.append("""
                Every key has a default in [`conf/sre-isaac.yaml`](../conf/sre-isaac.yaml), which is also bundled
                into the jar. The same dotted names work everywhere: `--set key=value` (simulate), `fixed:` and
                `grid:` in [sweep files](sweeps.md), and `--conf FILE`, which replaces the base file (keys it
                leaves out keep the bundled defaults). Unknown keys, wrong types and impossible values (an OU
                larger than the crossbar, `adc.bits` below 1, a ratio outside [0, 1), ...) are one-line errors
                naming the key, reported before anything runs.

                In the result tables a key's column is its name with `.` and `-` turned into `_`
                (`ou.rows` -> `ou_rows`); energy prices become `price_*` (`energy.dac-pj` -> `price_dac_pj`)
                so they never clash with the `energy_*_pj` metrics ([schema](schema.md)). Keys that accept
                `auto` are stored as text.

                Sources in brackets: ISAAC = Shafiee et al., ISCA 2016 (ISAAC-CE: its compute-efficient
                configuration); SRE = Yang et al., ISCA 2019; Chen'18 = W.-H. Chen et al., ISSCC 2018; PUMA =
                Ankit et al., ASPLOS 2019; Accelergy = the ISAAC table of Accelergy's hwcomponents-library;
                Saberi'11 = Saberi et al., IEEE TCAS-I 2011. "Assumption" marks a value the project chose where
                the sources are silent ([the model](model.md#choices-the-paper-leaves-open)).

                | key | default | allowed values | unit | meaning [source] |
                | --- | --- | --- | --- | --- |
                """);
        for (Key k : Keys.all()) {
            row(md, code(k.name()), code(defaultText(defaults.value(k.name()))), k.allowedValues(), k.unit(),
                    k.description());
        }
        return md.toString();
    }

    static String schema() {
        StringBuilder md = new StringBuilder();
        header(md, "Result tables", "`org.sresim.sweep.ResultSchema`");
        md.append("""
                A sweep writes two Parquet tables ([sweeps](sweeps.md#output)): `points`, one row per design
                point and scheme, and `layers`, one row per point, layer and scheme. Their schemas are the same
                in every sweep, so tables of different sweeps union without schema merging; `simulate --format
                json` uses the same names. `network` is the partition column (folders `network=X`).

                Every numeric column is finite or NULL, never Infinity or NaN: a ratio without a defined value
                (a zero denominator) is NULL, which `avg()` and the other aggregates skip; `simulate` prints it
                as `n/a` in a table and `null` in JSON. On a layer row a metric is the layer's own; on a point
                row it is the network's, a sum over layers unless the meaning says otherwise. `sim_ms` is the
                only column that differs between two runs of the same point.

                ## points

                | column | type | unit | meaning |
                | --- | --- | --- | --- |
                """);
        Set<String> pointColumns = new LinkedHashSet<>();
        for (ResultColumn c : ResultSchema.POINTS) {
            pointColumns.add(c.name());
            columnRow(md, c);
        }
        md.append("""

                ## layers

                Every column of `points`, and these two after `config_hash`:

                | column | type | unit | meaning |
                | --- | --- | --- | --- |
                """);
        for (ResultColumn c : ResultSchema.LAYERS) {
            if (!pointColumns.contains(c.name())) {
                columnRow(md, c);
            }
        }
        return md.toString();
    }

    private static void header(StringBuilder md, String title, String source) {
        md.append("<!-- Generated by org.sresim.cli.ReferenceDocs; do not edit. Rewrite with: ").append(REGENERATE)
                .append(" -->\n")
                .append("# ").append(title).append("\n\n")
                .append("This page is generated from ").append(source).append(". After changing the code,\n")
                .append("rewrite it with `").append(REGENERATE).append("`;\n")
                .append("`ReferenceDocsTest` fails while it is out of date.\n\n");
    }

    private static void columnRow(StringBuilder md, ResultColumn c) {
        String meaning = c.description();
        String keyPrefix = "configuration key ";
        if (meaning.startsWith(keyPrefix)) {
            meaning = "the value of [`" + meaning.substring(keyPrefix.length()) + "`](configuration.md)";
        }
        row(md, code(c.name()), c.type().name().toLowerCase(java.util.Locale.ROOT), c.unit(), meaning);
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }

    private static String defaultText(Object value) {
        String text = value.toString();
        return text.isEmpty() ? "\"\"" : text;
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
