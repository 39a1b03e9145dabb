package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.InvalidSpecException;

class SeriesLawTest {
    private static final double[] PM1 = {-1, 1}, HALF = {0.5, 0.5};

    @Test
    void etaHalfLambdaOneIsUniformOnMinusOneOne() {
        // x = Σ 0.5^{k+1} ε_k: the binary expansion of a uniform number on [−1, 1]
        SeriesLaw law = SeriesLaw.stationary(PM1, HALF, 0.5, 0.5, 1e-5);
        assertThat(law.bracket()).isLessThan(2e-4);
        for (double x = -1.2; x <= 1.2; x += 0.01) {
            double uniform = Math.min(1, Math.max(0, (x + 1) / 2));
            assertThat(law.cdfLower(x)).as("x=%s", x).isLessThanOrEqualTo(uniform + 1e-12);
            assertThat(law.cdfUpper(x)).as("x=%s", x).isGreaterThanOrEqualTo(uniform - 1e-12);
            assertThat(law.cdfUpper(x) - law.cdfLower(x)).isLessThan(2e-4);
        }
    }

    @Test
    void oneStepIsTwoAtoms() {
        // x_1 = 3·0.5 ∓ 0.25 from x_0 = 3 with m = 0.5, ησ_g = 0.25
        SeriesLaw law = SeriesLaw.of(PM1, HALF, 0.5, 0.25, 1, 3, 1e-6);
        assertThat(law.cdfUpper(1.24)).isZero();
        assertThat(law.cdfLower(1.26)).isEqualTo(0.5);
        assertThat(law.cdfUpper(1.74)).isEqualTo(0.5);
        assertThat(law.cdfLower(1.76)).isEqualTo(1.0);
    }

    @Test
    void aGaussianOfTheSameVarianceIsFarFromIt() {
        // the reason a Gaussian reference fails ±1 noise: Kolmogorov distance ≈ 0.057 at η = ½, λ = 1
        SeriesLaw law = SeriesLaw.stationary(PM1, HALF, 0.5, 0.5, 1e-5);
        NormalDistribution g = new NormalDistribution(0, Math.sqrt(1.0 / 3));
        double d = 0;
        for (double x = -1.5; x <= 1.5; x += 0.001) {
            double f = g.cumulativeProbability(x);
            d = Math.max(d, Math.max(law.cdfLower(x) - f, f - law.cdfUpper(x)));
        }
        assertThat(d).isBetween(0.05, 0.06);
    }

    @Test
    void oscillatingSeriesHasTheExactVariance() {
        // m = −0.8, ησ_g = 1: v∞ = 1/(1 − 0.64) = 25/9; the lattice CDF's variance within its bracket
        SeriesLaw law = SeriesLaw.stationary(PM1, HALF, -0.8, 1, 1e-4);
        double s = 0, prev = 0, step = 1e-3;
        for (double x = -6; x <= 6; x += step) {
            double f = 0.5 * (law.cdfLower(x) + law.cdfUpper(x));
            s += (f - prev) * x * x;
            prev = f;
        }
        assertThat(s).isCloseTo(25.0 / 9, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> SeriesLaw.stationary(PM1, HALF, 1.0, 1, 1e-3)).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("m");
        assertThatThrownBy(() -> SeriesLaw.of(PM1, new double[] {1}, 0.5, 1, 3, 0, 1e-3))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("atoms");
    }
}
