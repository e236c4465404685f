package org.sresim.engine.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.numbers.gamma.Erfc;

/** The memo returns exactly the function's value and evaluates each distinct argument once, through growth. */
class MisreadMemoTest {

    @Property(tries = 50)
    void returnsTheFunctionsValueAndEvaluatesEachArgumentOnce(@ForAll long seed) {
        Map<Double, Integer> calls = new HashMap<>();
        MisreadMemo memo = new MisreadMemo(x -> {
            calls.merge(x, 1, Integer::sum);
            return Erfc.value(1 / Math.sqrt(x));
        });
        SplittableRandom r = new SplittableRandom(seed);
        int distinct = 1 + r.nextInt(5000); // up to several doublings of the 1024-entry table
        double[] arguments = new double[distinct];
        for (int i = 0; i < distinct; i++) {
            // sums of squares as the proxies make them: a few integer combinations of fixed prices
            arguments[i] = 0.0035 * r.nextInt(129) + 0.0207 * r.nextInt(385) + 0.0936 * r.nextInt(1153) + 1e-3;
        }
        for (int k = 0; k < 4 * distinct; k++) {
            double x = arguments[r.nextInt(distinct)];
            assertThat(Double.doubleToRawLongBits(memo.apply(x)))
                    .isEqualTo(Double.doubleToRawLongBits(Erfc.value(1 / Math.sqrt(x))));
        }
        assertThat(calls.values()).allMatch(n -> n == 1);
    }
}
