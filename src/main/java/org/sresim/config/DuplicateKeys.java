package org.sresim.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a key written twice in one map of a YAML or JSON document. Jackson's tree keeps the last
 * value silently, so {@code ou.rows} twice under {@code grid:} would give fewer points and two
 * {@code ou:} blocks would drop the first; config, sweep and network files are checked with this
 * first. Keys are compared as written within one map ({@code ou: {rows}} against a top-level
 * {@code ou.rows} is caught later, when the maps are flattened).
 */
public final class DuplicateKeys {
    private static final JsonFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private DuplicateKeys() {
    }

    /** In YAML text: {@code key 'grid.ou.rows' is written twice (lines 4 and 6)}, or null if none. */
    public static String inYaml(String text) {
        return find(YAML, text);
    }

    /** As {@link #inYaml} for JSON text. */
    public static String inJson(String text) {
        return find(JSON, text);
    }

    private static String find(JsonFactory factory, String text) {
        Deque<Map<String, Integer>> maps = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT -> {
                        maps.push(new HashMap<>());
                        path.push(p.getParsingContext().getParent() == null ? ""
                                : String.valueOf(p.getParsingContext().getParent().getCurrentName()));
                    }
                    case END_OBJECT -> {
                        maps.pop();
                        path.pop();
                    }
                    case FIELD_NAME -> {
                        String name = p.getCurrentName();
                        int line = p.getTokenLocation().getLineNr();
                        Integer first = maps.peek().putIfAbsent(name, line);
                        if (first != null) {
                            return "key '" + dotted(path, name) + "' is written twice (lines " + first + " and "
                                    + line + ")";
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // not well-formed: the regular parser reports that with its own message
        }
        return null;
    }

    /** The key with the names of the maps enclosing it (list positions are skipped). */
    private static String dotted(Deque<String> path, String name) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            String p = it.next();
            if (!p.isEmpty() && !p.equals("null")) {
                sb.append(p).append('.');
            }
        }
        return sb.append(name).toString();
    }
}
