package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void benchmarksLeftAreEstimatedFromTheirJmhTimingUntilOneHasRun() {
        Progress p = new Progress(0);
        p.units(0, 3, 30.0);
        assertThat(p.secondsLeft()).isEqualTo(30.0);
        p.endBenchmark(10.0, false); // skipped (not supported): its estimate goes, no time is learnt from it
        assertThat(p.secondsLeft()).isEqualTo(20.0);
    }

    @Test
    void accuracyCasesLeftHaveNoEstimateBeforeTheFirstFinishes() {
        Progress p = new Progress(0);
        p.units(2, 0, 0);
        assertThat(p.secondsLeft()).isNaN();
        p.endAccuracy();
        assertThat(p.secondsLeft()).isFinite().isNotNegative();
        p.endAccuracy();
        assertThat(p.secondsLeft()).isZero();
    }

    @Test
    void anExpectedAccuracyDurationStandsInUntilTheFirstCaseHasFinished() {
        Progress p = new Progress(0);
        p.units(4, 1, 20.0, 100.0);
        assertThat(p.secondsLeft()).isEqualTo(120.0);
        p.beginAccuracy("case 1");
        p.endAccuracy(); // a measured pace (a case of no work: far under the expected 25 s) now replaces the expectation
        assertThat(p.secondsLeft()).isLessThan(120.0);
    }

    @Test
    void durationsReadAsSecondsMinutesAndHours() {
        assertThat(Progress.duration(42.4)).isEqualTo("42 s");
        assertThat(Progress.duration(125)).isEqualTo("2 min 05 s");
        assertThat(Progress.duration(3 * 3600 + 7 * 60)).isEqualTo("3 h 07 min");
    }
}
