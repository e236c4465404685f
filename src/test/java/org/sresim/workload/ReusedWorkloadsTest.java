package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Kept workloads: shared between callers, equal to fresh draws, dropped least recently used first. */
class ReusedWorkloadsTest {
    private static final Network LENET = Networks.builtin("lenet5");
    private static final long LENET_WEIGHTS = LENET.matrixLayers().stream()
            .mapToLong(l -> (long) l.rows() * l.cols()).sum();

    private static WorkloadSettings seed(long seed) {
        return new WorkloadSettings(seed, 0.6, PruningMethod.values()[0], false, 0.5, 12, false, 16, 16);
    }

    @Test
    void twoSourcesOfOneKeyShareTheLayersAndTheyEqualAFreshDraw() {
        ReusedWorkloads reuse = new ReusedWorkloads(LENET_WEIGHTS, 2 * LENET_WEIGHTS);
        MatrixLayer conv = LENET.matrixLayers().get(1);
        LayerWorkload first = reuse.source(LENET, seed(1)).load(conv);
        LayerWorkload second = reuse.source(LENET, seed(1)).load(conv);
        assertThat(second).isSameAs(first);
        LayerWorkload fresh = WorkloadSource.synthetic(seed(1)).load(conv);
        assertThat(first.weights()).isEqualTo(fresh.weights());
        assertThat(first.inputs()).isEqualTo(fresh.inputs());
        assertThat(reuse.source(LENET, seed(2)).load(conv)).isNotSameAs(first);
    }

    @Test
    void theLeastRecentlyUsedWorkloadGoesWhenTheBudgetIsFull() {
        ReusedWorkloads reuse = new ReusedWorkloads(LENET_WEIGHTS, 2 * LENET_WEIGHTS);
        MatrixLayer fc = LENET.matrixLayers().get(2);
        LayerWorkload one = reuse.source(LENET, seed(1)).load(fc);
        LayerWorkload two = reuse.source(LENET, seed(2)).load(fc);
        reuse.source(LENET, seed(1)); // seed 1 used again: seed 2 is now the oldest
        LayerWorkload three = reuse.source(LENET, seed(3)).load(fc);
        // a kept workload hands out the layer it holds; a dropped one draws it again
        assertThat(reuse.source(LENET, seed(1)).load(fc)).isSameAs(one);
        assertThat(reuse.source(LENET, seed(3)).load(fc)).isSameAs(three);
        assertThat(reuse.source(LENET, seed(2)).load(fc)).as("seed 2 was dropped").isNotSameAs(two);
    }

    @Test
    void aNetworkAboveEitherLimitIsNotKept() {
        MatrixLayer conv = LENET.matrixLayers().get(0);
        for (ReusedWorkloads reuse : List.of(new ReusedWorkloads(LENET_WEIGHTS - 1, 10 * LENET_WEIGHTS),
                new ReusedWorkloads(10 * LENET_WEIGHTS, LENET_WEIGHTS - 1))) {
            assertThat(reuse.source(LENET, seed(1)).load(conv)).isNotSameAs(reuse.source(LENET, seed(1)).load(conv));
        }
    }

    @Test
    void tasksAskingAtOnceGetOneLayer() throws Exception {
        ReusedWorkloads reuse = new ReusedWorkloads(LENET_WEIGHTS, LENET_WEIGHTS);
        MatrixLayer fc = LENET.matrixLayers().get(2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LayerWorkload>> got = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                got.add(pool.submit(() -> {
                    go.await();
                    return reuse.source(LENET, seed(7)).load(fc);
                }));
            }
            go.countDown();
            for (Future<LayerWorkload> f : got) {
                assertThat(f.get()).isSameAs(got.get(0).get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
