package org.sresim.engine.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.sresim.engine.accuracy.AccuracyProxy;
import org.sresim.engine.Scheme;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerType;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;

/** The invariants of model section 9 over random small layers and OU shapes. */
class CounterPropertiesTest {
    /** Sliced counting in every block of every layer, for every power-of-two height it can count. */
    private static final SlicedGroups.Policy ALWAYS_SLICED = slicing(SlicedGroups.MAX_SLICES, true);
    /** Per-mask counting only. */
    private static final SlicedGroups.Policy NEVER_SLICED = slicing(0, false);

    private static SlicedGroups.Policy slicing(int slices, boolean use) {
        return new SlicedGroups.Policy() {
            @Override
            public int slices() {
                return slices;
            }

            @Override
            public boolean worthWindows(int windows) {
                return use;
            }

            @Override
            public boolean pays(BlockMasks masks) {
                return use;
            }
        };
    }

    @Property(tries = 300)
    void fastCounterEqualsTheReferenceExactly(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        assertThat(new BitsetCounter().count(c.workload, c.hw))
                .isEqualTo(new ReferenceCounter().count(c.workload, c.hw));
    }

    @Property(tries = 200)
    void bitPlanesAndByteLanesCountAlike(@ForAll long seed) {
        // the counter picks by the number of distinct masks; force each way on the same layer
        RandomLayers c = RandomLayers.draw(seed);
        LayerCounts reference = new ReferenceCounter().count(c.workload, c.hw);
        assertThat(new BitsetCounter(0).count(c.workload, c.hw)).as("bit planes").isEqualTo(reference);
        assertThat(new BitsetCounter(Integer.MAX_VALUE).count(c.workload, c.hw)).as("byte lanes where they fit")
                .isEqualTo(reference);
    }

    @Property(tries = 300)
    void slicedCountingOfPowerOfTwoHeightsEqualsTheReference(@ForAll long seed) {
        // forced sliced in every block (the counter uses it only for many distinct masks)
        RandomLayers c = RandomLayers.draw(seed);
        SplittableRandom r = new SplittableRandom(seed);
        int maxShift = Math.min(SlicedGroups.MAX_SLICES, 31 - Integer.numberOfLeadingZeros(c.hw.crossbarRows()));
        int[] heights = new int[1 + r.nextInt(3)];
        for (int h = 0; h < heights.length; h++) {
            heights[h] = 1 << r.nextInt(maxShift + 1);
        }
        LayerCounts[] sliced = new BitsetCounter(0, ALWAYS_SLICED).count(c.workload, c.hw, null, heights);
        LayerCounts[] perMask = new BitsetCounter(0, NEVER_SLICED).count(c.workload, c.hw, null, heights);
        for (int h = 0; h < heights.length; h++) {
            LayerCounts expected = new ReferenceCounter().count(c.workload, OuHeights.withOuRows(c.hw, heights[h]));
            assertThat(sliced[h]).as("sliced, height %d", heights[h]).isEqualTo(expected);
            assertThat(perMask[h]).as("per mask, height %d", heights[h]).isEqualTo(expected);
        }
    }

    @Property(tries = 60)
    void tallCrossbarsCountAsTheReference(@ForAll long seed) {
        // row blocks of 3 to 5 words, which the random chips above never reach
        SplittableRandom r = new SplittableRandom(seed);
        Hardware h = RandomLayers.draw(seed).hw;
        int xbRows = 129 + r.nextInt(200);
        int ouRows = 1 + r.nextInt(xbRows);
        Hardware tall = new Hardware(xbRows, h.crossbarCols(), h.cellBits(), h.weightBits(), h.inputBits(),
                h.dacBits(), ouRows, h.ouCols(), Hardware.losslessAdcBits(ouRows, h.cellBits(), h.dacBits()), 6.25,
                100, 8, 1_000_000, 1);
        int k = 3 + r.nextInt(2);
        int cin = 15 + r.nextInt(20);
        int size = k + r.nextInt(3);
        int pad = r.nextInt(2);
        int out = size + 2 * pad - k + 1;
        MatrixLayer layer = new MatrixLayer(0, "c", LayerType.CONV, cin, size, size, k, 1, pad, 1 + r.nextInt(6),
                out, out, null, null);
        LayerWorkload w = RandomLayers.randomData(layer, tall, r.nextDouble(), r.nextDouble(), r);
        LayerCounts reference = new ReferenceCounter().count(w, tall);
        assertThat(new BitsetCounter(0).count(w, tall)).as("bit planes").isEqualTo(reference);
        if (SlicedGroups.fits(new int[] {ouRows}, SlicedGroups.MAX_SLICES)) {
            assertThat(new BitsetCounter(0, ALWAYS_SLICED).count(w, tall)).as("sliced").isEqualTo(reference);
        }
        assertThat(new BitsetCounter(Integer.MAX_VALUE).count(w, tall)).as("byte lanes where they fit")
                .isEqualTo(reference);
    }

    @Property(tries = 200)
    void fastCounterEqualsTheReferenceOnAWindowSample(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        int windows = c.workload.layer().windows();
        int[] sample = AccuracyProxy.sample(windows, Math.max(1, windows / 3), new SplittableRandom(seed));
        Arrays.sort(sample);
        assertThat(new BitsetCounter().count(c.workload, c.hw, sample))
                .isEqualTo(new ReferenceCounter().count(c.workload, c.hw, sample));
    }

    @Property(tries = 200)
    void oneCountingPassForSeveralOuHeightsEqualsCountingEachHeight(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        SplittableRandom r = new SplittableRandom(seed);
        int[] heights = new int[1 + r.nextInt(4)];
        for (int h = 0; h < heights.length; h++) {
            heights[h] = 1 + r.nextInt(c.hw.crossbarRows());
        }
        int windows = c.workload.layer().windows();
        int[] sample = null;
        if (r.nextBoolean()) {
            sample = AccuracyProxy.sample(windows, Math.max(1, windows / 3), r);
            Arrays.sort(sample);
        }
        LayerCounts[] together = new BitsetCounter().count(c.workload, c.hw, sample, heights);
        for (int h = 0; h < heights.length; h++) {
            Hardware alone = OuHeights.withOuRows(c.hw, heights[h]);
            LayerCounts expected = new ReferenceCounter().count(c.workload, alone, sample);
            assertThat(together[h]).as("height %d", heights[h]).isEqualTo(expected);
            LayerCounts fast = new BitsetCounter().count(c.workload, alone, sample);
            if (sample != null) {
                assertThat(together[h].windowStats.values).isDeepEqualTo(fast.windowStats.values);
            } else {
                assertThat(together[h].windowStats).isNull();
            }
        }
    }

    @Property(tries = 300)
    void schemesAreOrderedOnEveryTile(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        LayerCounts counts = new BitsetCounter().count(c.workload, c.hw);
        for (int t = 0; t < counts.tiles; t++) {
            long dense = ops(counts, Scheme.DENSE, t);
            long weight = ops(counts, Scheme.WEIGHT, t);
            long actValue = ops(counts, Scheme.ACT_VALUE, t);
            long actBit = ops(counts, Scheme.ACT_BIT, t);
            long sreValue = ops(counts, Scheme.SRE_VALUE, t);
            long sreBit = ops(counts, Scheme.SRE_BIT, t);
            assertThat(sreValue).isLessThanOrEqualTo(weight).isLessThanOrEqualTo(actValue);
            assertThat(sreBit).isLessThanOrEqualTo(weight).isLessThanOrEqualTo(actBit).isLessThanOrEqualTo(sreValue);
            assertThat(weight).isLessThanOrEqualTo(dense);
            assertThat(actBit).isLessThanOrEqualTo(actValue).isLessThanOrEqualTo(dense);
        }
    }

    @Property(tries = 200)
    void denseCountsAreClosedForm(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        Hardware hw = c.hw;
        LayerCounts counts = new BitsetCounter().count(c.workload, hw);
        LayerMapping m = new LayerMapping(c.workload.layer(), hw);
        long windows = c.workload.layer().windows();
        for (int rb = 0; rb < m.rowBlocks; rb++) {
            for (int cb = 0; cb < m.colBlocks; cb++) {
                long expected = windows * hw.inputSteps() * m.groups(cb)
                        * ((m.rowsIn(rb) + hw.ouRows() - 1) / hw.ouRows());
                assertThat(counts.of(Scheme.DENSE).tileOps[m.tile(rb, cb)]).isEqualTo(expected);
                assertThat(counts.of(Scheme.IDEAL).tileOps[m.tile(rb, cb)]).isEqualTo(windows * hw.inputSteps());
            }
        }
    }

    @Property(tries = 200)
    void allZeroInputsCostNothingWhenActivationsAreSkipped(@ForAll long seed) {
        RandomLayers c = RandomLayers.draw(seed);
        LayerWorkload zeros = new LayerWorkload(c.workload.layer(), c.workload.weights(),
                new int[c.workload.inputs().length]);
        LayerCounts counts = new BitsetCounter().count(zeros, c.hw);
        for (Scheme s : new Scheme[] {Scheme.ACT_VALUE, Scheme.ACT_BIT, Scheme.SRE_VALUE, Scheme.SRE_BIT}) {
            assertThat(counts.of(s).ouOps).as(s.id()).isZero();
        }
    }

    @Property(tries = 200)
    void fullDensityMakesCompressionAndValueSkippingEqualDense(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RandomLayers c = RandomLayers.draw(seed);
        Hardware h = c.hw;
        // groups that hold whole weights: then a non-zero weight keeps its row in every group
        int cpw = h.cellsPerWeight();
        int xbCols = cpw * (1 + r.nextInt(6));
        int ouCols = cpw * (1 + r.nextInt(xbCols / cpw));
        Hardware hw = new Hardware(h.crossbarRows(), xbCols, h.cellBits(), h.weightBits(), h.inputBits(),
                h.dacBits(), h.ouRows(), ouCols, h.adcBits(), 6.25, 100, 8, 1_000_000, 1);
        LayerWorkload dense = RandomLayers.randomData(c.workload.layer(), hw, 1.0, 1.0, r);
        // padding positions read zero by design: only check layers without padding
        if (dense.layer().padding() > 0) {
            return;
        }
        LayerCounts counts = new BitsetCounter().count(dense, hw);
        long expected = counts.of(Scheme.DENSE).ouOps;
        assertThat(counts.of(Scheme.WEIGHT).ouOps).isEqualTo(expected);
        assertThat(counts.of(Scheme.ACT_VALUE).ouOps).isEqualTo(expected);
        assertThat(counts.of(Scheme.SRE_VALUE).ouOps).isEqualTo(expected);
    }

    @Property(tries = 100)
    void countingIsDeterministic(@ForAll long seed) {
        RandomLayers a = RandomLayers.draw(seed);
        RandomLayers b = RandomLayers.draw(seed);
        LayerCounts first = new BitsetCounter().count(a.workload, a.hw);
        assertThat(new BitsetCounter().count(b.workload, b.hw)).isEqualTo(first);
        assertThat(Arrays.equals(a.workload.weights(), b.workload.weights())).isTrue();
    }

    private static long ops(LayerCounts counts, Scheme s, int tile) {
        return counts.of(s).tileOps[tile];
    }
}
