package org.sresim.sweep;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/** An axis' values as written: a list of scalars, or a {@link Range}. */
@JsonDeserialize(using = AxisValues.Reader.class)
sealed interface AxisValues permits AxisValues.ValueList, Range {
    /** The values in order, as Integer, Long, Double, Boolean or String; not yet checked against the key. */
    List<Object> values();

    /** {@code [4, 9, 16]}. */
    record ValueList(List<Scalar> scalars) implements AxisValues {
        @Override
        public List<Object> values() {
            return scalars.stream().map(Scalar::value).toList();
        }
    }

    final class Reader extends ListOrRange<AxisValues, Scalar> {
        Reader() {
            super(AxisValues.class, Scalar.class, ValueList::new);
        }
    }
}
