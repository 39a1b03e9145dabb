package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.InvalidSpecException;

class ChangePointsTest {
    /** Run-to-run noise of ±4 % (uniform), like quick runs on a loaded machine, around {@code level}. */
    static double[] noisy(int n, double level, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = level * (1 + 0.04 * (2 * r.nextDouble() - 1));
        return x;
    }

    @Test
    void aStepInsertedIntoANoisySeriesIsFoundAtItsPlace() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] x = noisy(40, 100, seed);
            for (int i = 23; i < x.length; i++) x[i] *= 0.85; // a 15 % regression from run 23 on
            List<ChangePoints.Change> c = ChangePoints.find(x, ChangePoints.Settings.defaults());
            assertThat(c).as("seed " + seed).hasSize(1);
            assertThat(c.get(0).index()).as("seed " + seed).isEqualTo(23);
            assertThat(c.get(0).ratio()).isCloseTo(0.85, within(0.03));
            assertThat(c.get(0).pValue()).isLessThan(0.01);
        }
    }

    @Test
    void twoStepsAreBothFound() {
        double[] x = noisy(45, 100, 7);
        for (int i = 15; i < 30; i++) x[i] *= 1.2;
        for (int i = 30; i < 45; i++) x[i] *= 0.8;
        assertThat(ChangePoints.find(x, ChangePoints.Settings.defaults()))
            .extracting(ChangePoints.Change::index).containsExactly(15, 30);
    }

    @Test
    void aStationaryNoisySeriesHasNoChangePoint() {
        for (long seed = 11; seed <= 15; seed++)
            assertThat(ChangePoints.find(noisy(40, 100, seed), ChangePoints.Settings.defaults())).as("seed " + seed).isEmpty();
    }

    @Test
    void tooShortSeriesAndBadValuesAreHandled() {
        assertThat(ChangePoints.find(new double[] {1, 2, 3, 4, 5}, ChangePoints.Settings.defaults())).isEmpty();
        assertThatThrownBy(() -> ChangePoints.find(new double[] {1, Double.NaN}, ChangePoints.Settings.defaults()))
            .isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> new ChangePoints.Settings(0.01, 5, 3, 1, 0.05)).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void statisticPeaksAtTheTrueSplitOfACleanStep() {
        int[] at = new int[1];
        double q = ChangePoints.maxStatistic(new double[] {1, 1, 1, 1, 5, 5, 5}, 2, at);
        assertThat(at[0]).isEqualTo(4);
        // 4·3/7 · (2·4) = 96/7: cross mean 4, within means 0
        assertThat(q).isCloseTo(96.0 / 7, within(1e-12));
    }
}
