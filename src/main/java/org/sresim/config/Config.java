package org.sresim.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully resolved configuration: every key of {@link Keys} with a validated, typed value
 * (Integer, Long, Double, Boolean or String; {@code auto} stays the string "auto").
 * Immutable; build one with {@link ConfigLoader}.
 */
public final class Config implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, Object> values;
    /**
     * {@link #pointId} and {@link #hash}, kept once made: every result row of a point carries both,
     * and hashing the canonical text of ~100 keys for each of a ResNet-18 point's 154 rows cost
     * milliseconds per point. A function of the immutable values, so a race only computes it twice.
     */
    private transient String pointId;
    private transient String hash;

    Config(Map<String, Object> values) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Key key : Keys.all()) {
            if (!values.containsKey(key.name())) {
                throw new ConfigException("missing key '" + key.name() + "'");
            }
            ordered.put(key.name(), values.get(key.name()));
        }
        this.values = Collections.unmodifiableMap(ordered);
        Keys.checkCombination(this);
    }

    /** Every key and value in canonical order. */
    public Map<String, Object> values() {
        return values;
    }

    public Object value(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no such key " + key);
        }
        return v;
    }

    /** The network: a built-in name or a network file's path ({@code network}). */
    public String network() {
        return text("network");
    }

    /** The imported model data's pinned location, empty for synthetic workloads ({@code data}). */
    public String data() {
        return text("data");
    }

    /** The seed of every random draw ({@code seed}). */
    public long seed() {
        return longValue("seed");
    }

    public int intValue(String key) {
        return (Integer) value(key);
    }

    public long longValue(String key) {
        return (Long) value(key);
    }

    public double doubleValue(String key) {
        return (Double) value(key);
    }

    public boolean boolValue(String key) {
        return (Boolean) value(key);
    }

    public String text(String key) {
        return value(key).toString();
    }

    /** The value of choice key {@code key} as the constant of {@code type} spelt like it. */
    public <E extends Enum<E> & Choice> E choice(String key, Class<E> type) {
        return Choice.parse(key, text(key), type);
    }

    public boolean isAuto(String key) {
        return KeyType.AUTO.equals(value(key));
    }

    /** A copy with some keys replaced; values are parsed and validated like {@code --set}. */
    public Config with(Map<String, ?> overrides, String origin) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            Key key = Keys.require(e.getKey(), origin);
            try {
                copy.put(e.getKey(), key.parse(e.getValue()));
            } catch (ConfigException ex) {
                throw new ConfigException(origin + ": " + ex.getMessage());
            }
        }
        try {
            return new Config(copy);
        } catch (ConfigException ex) {
            throw new ConfigException(origin + ": " + ex.getMessage());
        }
    }

    /**
     * A stable 16-hex-digit identity of the point: SHA-256 of the canonical {@code key=value}
     * lines of every key, seed included; identical on every machine and run.
     */
    public String pointId() {
        String id = pointId;
        if (id == null) {
            id = sha256(canonical(true)).substring(0, 16);
            pointId = id;
        }
        return id;
    }

    /**
     * The same hash over every key but {@code seed}: points that differ only in their seed share
     * it, so results can be averaged over seeds with {@code GROUP BY config_hash}.
     */
    public String hash() {
        String h = hash;
        if (h == null) {
            h = sha256(canonical(false)).substring(0, 16);
            hash = h;
        }
        return h;
    }

    private String canonical(boolean withSeed) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            // no data (synthetic) leaves the key out, so ids of synthetic points predate the key
            if ((withSeed || !k.equals("seed")) && !(k.equals("data") && "".equals(v))) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }

    /** SHA-256 of the UTF-8 text as 64 hex digits. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
