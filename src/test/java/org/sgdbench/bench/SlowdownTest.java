package org.sgdbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlowdownTest {
    private static long total(BenchParams.Slowdown s, int operations) {
        long n = 0;
        for (int i = 0; i < operations; i++) n += s.repeatsThisOperation();
        return n;
    }

    @Test
    void aFractionalFactorRepeatsTheWorkThatManyTimesOnAverage() {
        BenchParams.Slowdown s = new BenchParams.Slowdown(1.1);
        int twice = 0;
        for (int i = 0; i < 1000; i++) {
            int r = s.repeatsThisOperation();
            assertThat(r).isBetween(1, 2);
            if (r == 2) twice++;
        }
        assertThat(twice).isBetween(99, 101);
        assertThat(total(new BenchParams.Slowdown(1), 1000)).isEqualTo(1000);
        assertThat(total(new BenchParams.Slowdown(3), 1000)).isEqualTo(3000);
        assertThat(total(new BenchParams.Slowdown(2.5), 1000)).isEqualTo(2500);
    }

    @Test
    void onlyTheNamedKernelIsSlowedAndFactorsOutsideOneToHundredAreRejected() {
        String old = System.getProperty(BenchParams.SLOWDOWN_PROPERTY);
        try {
            System.setProperty(BenchParams.SLOWDOWN_PROPERTY, "transfer-1d:1.1");
            assertThat(BenchParams.slowdown("transfer-1d").factor()).isEqualTo(1.1);
            assertThat(BenchParams.slowdown("sgd-ensemble").factor()).isEqualTo(1.0);
        } finally {
            if (old == null) System.clearProperty(BenchParams.SLOWDOWN_PROPERTY);
            else System.setProperty(BenchParams.SLOWDOWN_PROPERTY, old);
        }
        assertThatThrownBy(() -> new BenchParams.Slowdown(0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchParams.Slowdown(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
