package org.sresim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static SweepSpec bind(String yaml) throws Exception {
        return SweepSpec.bind(YAML.readTree(yaml), "s.yaml");
    }

    @Test
    void sectionsKeepFileOrderAndAbsentOnesAreEmpty() throws Exception {
        SweepSpec spec = bind("""
                name: t
                grid: {ou.rows: [4], adc.bits: [6], network: [lenet5]}
                zip: [{ou.cols: [8], crossbar.rows: [128]}]
                """);
        assertThat(spec.grid().keySet()).containsExactly("ou.rows", "adc.bits", "network");
        assertThat(spec.zip().get(0).keySet()).containsExactly("ou.cols", "crossbar.rows");
        assertThat(spec.fixed()).isEmpty();
        assertThat(spec.seeds()).isNull();
        assertThat(spec.base()).isNull();
    }

    @Test
    void scalarsKeepTheJavaTypeYamlGaveThem() throws Exception {
        SweepSpec spec = bind("fixed: {a: 16, b: 99999999999, c: 0.5, d: true, e: auto, f: '', g: 99999999999999999999}");
        assertThat(spec.fixed().values()).extracting(Scalar::value)
                .containsExactly(16, 99999999999L, 0.5, true, "auto", "", new BigInteger("99999999999999999999"));
    }

    @Test
    void axisValuesAndSeedsAreListsOrRanges() throws Exception {
        SweepSpec spec = bind("""
                grid: {ou.rows: [4, 9], pruning.ratio: {from: 0, to: 0.5, step: 0.25}}
                seeds: {from: 1, to: 3, step: 1}
                """);
        assertThat(spec.grid().get("ou.rows")).isEqualTo(new AxisValues.ValueList(
                List.of(new Scalar(4), new Scalar(9))));
        assertThat(spec.grid().get("pruning.ratio")).isEqualTo(new Range(0, 0.5, 0.25));
        assertThat(spec.seeds()).isEqualTo(new Range(1, 3, 1));
        assertThat(bind("seeds: [3, 1]").seeds()).isEqualTo(new SeedValues.SeedList(List.of(3L, 1L)));
    }

    @Test
    void rangesAddUpExactlyAndStayIntegralWhenWrittenSo() {
        assertThat(new Range(0.0, 0.8, 0.2).values()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8);
        assertThat(new Range(0, 4, 2).values()).containsExactly(0L, 2L, 4L);
        // the end need not be on the grid, nor integral
        assertThat(new Range(0, 2.5, 1).values()).containsExactly(0L, 1L, 2L);
        // a fraction in from or step makes every value a double
        assertThat(new Range(1, 2, 0.5).values()).containsExactly(1.0, 1.5, 2.0);
        assertThat(new Range(1.0, 3, 1).values()).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aRangeSaysWhatIsWrongWithIt() {
        assertThat(new Range(0, 1, 0.1).problem()).isEmpty();
        assertThat(new Range(1, 0, 1).problem()).contains("a range needs step > 0 and from <= to");
        assertThat(new Range(0, 1, 0).problem()).contains("a range needs step > 0 and from <= to");
        // exactly 10^6 values is the most
        assertThat(new Range(1, 1_000_000, 1).problem()).isEmpty();
        assertThat(new Range(1, 1_000_001, 1).problem()).contains("range has more than 10^6 values");
        assertThat(new Range(0, Double.POSITIVE_INFINITY, 1).problem()).contains("'to' must be a finite number");
    }
}
