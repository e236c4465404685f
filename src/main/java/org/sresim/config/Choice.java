package org.sresim.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A value of a choice key ({@link KeyType#CHOICE}) as the enum constant the code switches on. The
 * enum lives beside the code the choice steers; {@link Config#choice} parses the key once, so no
 * code compares the key's text and a misspelt value can never take another branch.
 */
public interface Choice {
    /** The enum constant's name (implemented by {@link Enum#name}). */
    String name();

    /**
     * The value as written in a config file: the constant's name in lower case with dashes, e.g.
     * {@code PARALLEL_TILES} is {@code parallel-tiles}.
     */
    default String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} spelt {@code text}, or the one-line error of a bad value of
     * {@code key} naming the value and the allowed ones (as {@link KeyType} words it).
     */
    static <E extends Enum<E> & Choice> E parse(String key, String text, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(text)) {
                return e;
            }
            names.add(e.configName());
        }
        throw new ConfigException("key '" + key + "': '" + text + "' is not " + KeyType.CHOICE.describe(names));
    }
}
