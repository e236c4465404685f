package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass generator has the distribution of normalising n Laplace draws by their maximum. */
class QuantizedLaplaceTest {
    static final int N = 400_000;
    static final int MAX = 32767;

    /** The definition, literally: draw, find the largest magnitude, scale and round. */
    static short[] direct(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[N];
        double max = 0;
        for (int i = 0; i < N; i++) {
            double u = r.nextDouble() - 0.5;
            w[i] = u < 0 ? Math.log(1 + 2 * u) : -Math.log(1 - 2 * u);
            max = Math.max(max, Math.abs(w[i]));
        }
        short[] q = new short[N];
        for (int i = 0; i < N; i++) {
            q[i] = (short) Math.round(w[i] / max * MAX);
        }
        return q;
    }

    static double[] stats(short[] q) {
        double mean = 0;
        double small = 0;
        double negative = 0;
        for (short v : q) {
            mean += Math.abs(v);
            small += Math.abs(v) < 1000 ? 1 : 0;
            negative += v < 0 ? 1 : 0;
        }
        return new double[] {mean / q.length / MAX, small / q.length, negative / q.length};
    }

    @Test
    void exactlyOneWeightHoldsTheLargestMagnitude() {
        short[] q = QuantizedLaplace.draw(1, N, null, null, MAX, 5);
        int atMax = 0;
        for (short v : q) {
            atMax += Math.abs(v) == MAX ? 1 : 0;
            assertThat(Math.abs(v)).isLessThanOrEqualTo(MAX);
        }
        assertThat(atMax).isEqualTo(1);
        assertThat(QuantizedLaplace.draw(1, N, null, null, MAX, 5)).isEqualTo(q);
    }

    @Test
    void skippingPrunedRowsAndColumnsEqualsDrawingEverythingAndZeroingThem() {
        int rows = 300;
        int cols = 170;
        boolean[] keepRows = new boolean[rows];
        boolean[] keepCols = new boolean[cols];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < rows; i++) {
            keepRows[i] = r.nextBoolean();
        }
        for (int i = 0; i < cols; i++) {
            keepCols[i] = r.nextInt(3) > 0;
        }
        short[] all = QuantizedLaplace.draw(rows, cols, null, null, MAX, 77);
        short[] kept = QuantizedLaplace.draw(rows, cols, keepRows, keepCols, MAX, 77);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertThat(kept[i * cols + j]).isEqualTo(keepRows[i] && keepCols[j] ? all[i * cols + j] : 0);
            }
        }
    }

    @Test
    void momentsMatchTheDirectDefinitionAveragedOverSeeds() {
        // the mean of |q| / max depends on the random maximum (about ln n): compare averages over seeds
        double[] fast = new double[3];
        double[] slow = new double[3];
        int seeds = 20;
        for (int s = 0; s < seeds; s++) {
            double[] a = stats(QuantizedLaplace.draw(1, N, null, null, MAX, 100 + s));
            double[] b = stats(direct(200 + s));
            for (int i = 0; i < 3; i++) {
                fast[i] += a[i] / seeds;
                slow[i] += b[i] / seeds;
            }
        }
        assertThat(fast[0]).isCloseTo(slow[0], within(0.004));   // mean |q| / max, about 1/ln(n) = 0.074
        assertThat(fast[1]).isCloseTo(slow[1], within(0.01));    // share of small magnitudes
        assertThat(fast[2]).isCloseTo(0.5, within(0.01));        // symmetric signs
        assertThat(slow[0]).isBetween(0.06, 0.09);
    }
}
