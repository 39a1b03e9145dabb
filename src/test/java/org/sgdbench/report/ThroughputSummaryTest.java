package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

class ThroughputSummaryTest {
    static ThroughputRow row(String backend, int threads, double pct, double... samples) {
        double mean = 0;
        for (double s : samples) mean += s / samples.length;
        return new ThroughputRow("sgd-ensemble", backend, "F32", threads, backend + "-device",
            Map.of("backend", backend, "precision", "F32", "threads", Integer.toString(threads), "walkers", "64"),
            "walker-mode-steps", mean, 0, Double.NaN, 1, 1, pct, "F32 FMA peak", Outcome.OK, "", samples);
    }

    @Test
    void fastestBackendWinsWithAnIntervalAboveOneWhenClearlyFaster() {
        List<ThroughputRow> rows = List.of(row("scalar", 1, 10, 100, 101, 99, 100),
            row("simd", 1, 40, 400, 404, 396, 400), row("nd4j", 1, 5, 50, 51, 49, 50));
        ThroughputSummary.Line l = ThroughputSummary.lines(rows).get(0);
        assertThat(l.fastest()).isEqualTo("simd");
        assertThat(l.runnerUp()).isEqualTo("scalar");
        assertThat(l.margin()).isEqualTo(4.0);
        assertThat(l.lower()).isGreaterThan(1).isLessThan(4);
        assertThat(l.upper()).isGreaterThan(4);
        assertThat(l.significant()).isTrue();
        assertThat(l.backends()).isEqualTo(3);
        assertThat(ThroughputSummary.table(rows).markdown()).contains("| fastest |").doesNotContain("not significant");
    }

    @Test
    void overlappingBackendsAreNotSignificant() {
        List<ThroughputRow> rows = List.of(row("scalar", 1, 10, 100, 120, 80, 100), row("simd", 1, 10, 103, 83, 123, 103));
        ThroughputSummary.Line l = ThroughputSummary.lines(rows).get(0);
        assertThat(l.fastest()).isEqualTo("simd");
        assertThat(l.lower()).isLessThan(1);
        assertThat(l.significant()).isFalse();
        assertThat(ThroughputSummary.table(rows).markdown()).contains("not significant");
    }

    @Test
    void groupsByThreadsAndScalingEfficiencyCarriesAnInterval() {
        List<ThroughputRow> rows = List.of(row("scalar", 1, 10, 100, 101, 99), row("scalar", 2, 10, 180, 182, 178));
        assertThat(ThroughputSummary.lines(rows)).hasSize(2).allMatch(l -> l.runnerUp() == null);
        String scaling = ThroughputReport.scaling(rows).markdown();
        // 180 / (2 × 100) = 90 %, with an interval around it
        assertThat(scaling).containsPattern("90 % \\(\\d\\d–\\d\\d\\)").contains("1.80× (");
    }

    @Test
    void aRowAboveItsCeilingIsShownAsABugNotAsANumber() {
        List<ThroughputRow> rows = List.of(row("scalar", 1, 119.9, 100, 101, 99), row("simd", 1, 99.5, 50, 51, 49));
        String md = ThroughputReport.markdown(rows, "t");
        assertThat(md).contains(ThroughputReport.ABOVE_CEILING).contains("99.5 %").doesNotContain("119.9");
        // the summary comes first
        assertThat(md.indexOf("## Summary")).isLessThan(md.indexOf("## All rows"));
        assertThat(md).contains("0.50× (");
    }
}
