package org.sresim.sweep;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/** The {@code seeds} as written: a list of integers, or a {@link Range}. */
@JsonDeserialize(using = SeedValues.Reader.class)
sealed interface SeedValues permits SeedValues.SeedList, Range {
    /** {@code [1, 2, 3]}. */
    record SeedList(List<Long> seeds) implements SeedValues {
    }

    final class Reader extends ListOrRange<SeedValues, Long> {
        Reader() {
            super(SeedValues.class, Long.class, SeedList::new);
        }
    }
}
