package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sgdbench.results.Outcome;

class VerdictTest {
    @Test
    void decidesEveryOutcome() {
        assertThat(Verdict.decide(1.0, 0.01, 0.02, 1, true)).isEqualTo(Outcome.OK);
        assertThat(Verdict.decide(1.0, -0.03, 0.02, 1, true)).isEqualTo(Outcome.LARGE_ERROR);
        assertThat(Verdict.decide(1.0, 0.01, 0.02, 1, false)).isEqualTo(Outcome.LARGE_ERROR);
        assertThat(Verdict.decide(Double.NaN, Double.NaN, 0.02, 1, true)).isEqualTo(Outcome.DIVERGED);
        assertThat(Verdict.decide(Double.POSITIVE_INFINITY, 0, 0.02, 1, true)).isEqualTo(Outcome.DIVERGED);
        assertThat(Verdict.decide(1.0, 0.01, Double.NaN, 1, true)).isEqualTo(Outcome.NOT_JUDGED);
    }

    @Test
    void aToleranceAsWideAsTheQuantityJudgesNothing() {
        assertThat(Verdict.decide(1.0, 0.5, 1.0, 1, true)).isEqualTo(Outcome.NOT_JUDGED);
        assertThat(Verdict.decide(0.1, 0.05, 0.2, 0.1, true)).isEqualTo(Outcome.NOT_JUDGED);
        assertThat(Verdict.decide(0.1, 0.05, 0.09, 0.1, true)).isEqualTo(Outcome.OK);
        assertThat(Verdict.tooWideReason(7.05, 1, "tail")).startsWith("not judged: tolerance too wide");
    }

    @Test
    void rowsBuiltWithAToleranceTooWideSaySo() {
        var ctx = new Rows.Context("c", "confined", Method.ENSEMBLE, org.sgdbench.kernel.Backend.SCALAR, org.sgdbench.problem.Precision.F64, null);
        var r = Rows.judged(ctx, "variance", Baselines.Quantity.VARIANCE, 1, 0.8, 1.0, true, 7.05, 1, "truncation", true);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_JUDGED);
        assertThat(r.reason()).contains("tolerance too wide").contains("truncation");
    }
}
