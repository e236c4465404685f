package org.sresim.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Binds a value written either as a list of {@code E} or as a {@link Range}. Nothing in the YAML
 * names the shape, so Jackson cannot choose a subtype by itself; this looks at the first token
 * (list or map) and hands the rest back to Jackson. Anything else, a number or a text, is a
 * binding error that {@link SpecErrors} words.
 */
abstract class ListOrRange<T, E> extends StdDeserializer<T> {
    private final Class<T> type;
    private final Class<E> element;
    private final Function<List<E>, T> list;

    ListOrRange(Class<T> type, Class<E> element, Function<List<E>, T> list) {
        super(type);
        this.type = type;
        this.element = element;
        this.list = list;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.isExpectedStartArrayToken()) {
            List<E> values = ctx.readValue(p, ctx.getTypeFactory().constructCollectionType(List.class, element));
            return list.apply(values);
        }
        if (p.isExpectedStartObjectToken()) {
            return type.cast(ctx.readValue(p, Range.class));
        }
        return type.cast(ctx.handleUnexpectedToken(type, p));
    }
}
