package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatioStatisticsTest {
    @Test
    void smallestExactMannWhitneyPIsTwoOverTheBinomial() {
        assertThat(RatioStatistics.minimumP(3, 3)).isCloseTo(2.0 / 20, within(1e-12));
        assertThat(RatioStatistics.minimumP(5, 5)).isCloseTo(2.0 / 252, within(1e-12));
        assertThat(RatioStatistics.minimumP(0, 5)).isEqualTo(1);
    }

    @Test
    void fullySeparatedSamplesReachTheSmallestP() {
        double[] b = {10, 10.1, 10.2, 10.3, 10.4}, c = {7, 7.1, 7.2, 7.3, 7.4};
        RatioStatistics.Estimate e = RatioStatistics.compare(b, c, 0.01);
        assertThat(e.pValue()).isCloseTo(2.0 / 252, within(1e-9));
        assertThat(e.ratio()).isCloseTo(7.2 / 10.2, within(1e-12));
        assertThat(e.lower()).isLessThan(e.ratio());
        assertThat(e.upper()).isGreaterThan(e.ratio()).isLessThan(1);
    }

    @Test
    void theIntervalWidensWithNoiseAndContainsTheRatio() {
        double[] b = {9, 11, 10, 10.5, 9.5}, c = {9, 11, 10, 10.5, 9.5};
        RatioStatistics.Estimate e = RatioStatistics.compare(b, c, 0.01);
        assertThat(e.ratio()).isEqualTo(1);
        assertThat(e.lower()).isLessThan(1);
        assertThat(e.upper()).isGreaterThan(1);
        // log-symmetric: lower × upper = ratio²
        assertThat(e.lower() * e.upper()).isCloseTo(1, within(1e-12));
        assertThat(e.pValue()).isGreaterThan(0.5);
    }

    @Test
    void oneSampleASideGivesNoInterval() {
        RatioStatistics.Estimate e = RatioStatistics.compare(new double[] {1}, new double[] {2}, 0.01);
        assertThat(e.ratio()).isEqualTo(2);
        assertThat(e.lower()).isNaN();
    }
}
