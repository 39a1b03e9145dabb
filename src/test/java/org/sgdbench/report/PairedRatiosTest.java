package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Paired ratios cancel drift: synthetic A/B forks on a machine whose speed wanders by ±25 % from pair to pair (the
 * run-to-run noise seen on shared 2-core machines), with 1 % noise between the two forks of a pair.
 */
class PairedRatiosTest {
    static double[][] forks(int pairs, double slowdown, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[pairs], b = new double[pairs];
        for (int k = 0; k < pairs; k++) {
            double machine = 1000 * (1 + 0.25 * (2 * r.nextDouble() - 1));
            a[k] = machine * (1 + 0.01 * (2 * r.nextDouble() - 1));
            b[k] = machine / slowdown * (1 + 0.01 * (2 * r.nextDouble() - 1));
        }
        return new double[][] {a, b};
    }

    @Test
    void aTenPercentSlowdownIsSignificantDespiteTwentyFivePercentDrift() {
        for (long seed = 1; seed <= 20; seed++) {
            double[][] f = forks(6, 1.1, seed);
            PairedRatios.Estimate e = PairedRatios.of(f[0], f[1], 0.01);
            assertThat(e.ratio()).isCloseTo(1 / 1.1, within(0.02));
            assertThat(e.upper()).as("seed " + seed).isLessThan(0.95);
            // the same numbers unpaired: the drift swamps the difference
            RatioStatistics.Estimate unpaired = RatioStatistics.compare(f[0], f[1], 0.01);
            assertThat(unpaired.upper()).as("seed " + seed).isGreaterThan(1);
        }
    }

    @Test
    void anAaComparisonHasAnIntervalAroundOne() {
        for (long seed = 1; seed <= 20; seed++) {
            double[][] f = forks(6, 1.0, seed);
            PairedRatios.Estimate e = PairedRatios.of(f[0], f[1], 0.01);
            assertThat(e.lower()).as("seed " + seed).isLessThan(1).isGreaterThan(0.97);
            assertThat(e.upper()).as("seed " + seed).isGreaterThan(1).isLessThan(1.03);
        }
    }

    @Test
    void exactValuesAndEdgeCases() {
        PairedRatios.Estimate e = PairedRatios.of(new double[] {1, 2, 4}, new double[] {2, 4, 8}, 0.01);
        assertThat(e.ratio()).isCloseTo(2, within(1e-12));
        assertThat(e.lower()).isCloseTo(2, within(1e-12));
        assertThat(e.pairs()).isEqualTo(3);
        PairedRatios.Estimate one = PairedRatios.of(new double[] {1}, new double[] {1.5}, 0.01);
        assertThat(one.ratio()).isCloseTo(1.5, within(1e-12));
        assertThat(one.lower()).isNaN();
        assertThat(PairedRatios.of(new double[] {1, 1}, new double[] {1, 1}, 0.01).pValue()).isEqualTo(1);
    }
}
