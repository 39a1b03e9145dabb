package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.InvalidSpecException;

/**
 * The Hill functional of a grid law ({@link TailIndex#hill}): the exact tail index and unit relative sd on a pure
 * power tail, the closed-form value of a Student-t law (a power tail with slowly varying corrections, so α(p) is
 * below ν), and the influence-function sd against the spread of Hill estimates over repeated samples.
 */
public class HillFunctionalTest {
    /** Cell masses of a law given by its CDF, on a grid. */
    public static double[] masses(Grid1D g, java.util.function.DoubleUnaryOperator cdf) {
        double[] p = new double[g.cells()];
        for (int i = 0; i < p.length; i++) p[i] = cdf.applyAsDouble(g.edge(i + 1)) - cdf.applyAsDouble(g.edge(i));
        return p;
    }

    /** Symmetric Pareto: P(|X| &gt; r) = (r/r₀)^{−α} for r ≥ r₀, nothing below r₀. */
    public static double paretoCdf(double x, double alpha, double r0) {
        double s = Math.abs(x) <= r0 ? 1 : Math.pow(Math.abs(x) / r0, -alpha);
        return x < 0 ? s / 2 : 1 - s / 2;
    }

    @Test
    void aPurePowerTailHasItsIndexAtEveryFractionAndUnitRelativeSd() {
        double alpha = 3.0, r0 = 1;
        // the grid holds the tail down to S = 1e-12 of it; what lies beyond is not on the grid (normalised away)
        Grid1D g = Grid1D.centred(0, 1e4, 2_000_000);
        double[] p = masses(g, x -> paretoCdf(x, alpha, r0));
        for (double frac : new double[] {0.1, 0.01, 0.005}) {
            TailIndex.Hill h = TailIndex.hill(g, p, frac);
            assertThat(h.threshold()).as("u = r₀·p^{−1/α}").isCloseTo(r0 * Math.pow(frac, -1 / alpha), within(1e-3));
            assertThat(h.alpha()).as("p=" + frac).isCloseTo(alpha, within(2e-3));
            assertThat(h.relativeSd()).as("Rényi: 1/α̂ is a mean of k i.i.d. exponentials").isCloseTo(1, within(2e-3));
            assertThat(h.tailFraction()).isEqualTo(frac);
        }
    }

    @Test
    void aStudentTLawMatchesTheClosedFormAndIsBelowItsIndex() {
        double nu = 6.154, frac = 0.005;
        TDistribution t = new TDistribution(nu);
        Grid1D g = Grid1D.centred(0, 200, 200_000);
        TailIndex.Hill h = TailIndex.hill(g, masses(g, t::cumulativeProbability), frac);
        // closed form: u = the (1 − p/2) quantile, H = (1/p)∫_u^∞ S(r)/r dr with S(r) = 2(1 − F(r))
        double u = t.inverseCumulativeProbability(1 - frac / 2);
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        // substitute r = u·e^s: ∫_u^∞ S(r)/r dr = ∫_0^∞ S(u e^s) ds, cut where S is below 1e-20 of p
        double pH = quad.integrate(100_000, s -> 2 * (1 - t.cumulativeProbability(u * Math.exp(s))), 0, 12);
        double exact = frac / pH;
        assertThat(h.threshold()).isCloseTo(u, within(1e-6 * u + 1e-4));
        assertThat(h.alpha()).isCloseTo(exact, within(1e-3 * exact));
        assertThat(h.alpha()).as("slowly varying corrections: α(p) < ν at p = 1/200").isLessThan(0.9 * nu);
    }

    @Test
    void theInfluenceFunctionSdMatchesTheSpreadOfHillEstimates() {
        // 200 samples of 20 000 Student-t values, k = 100: the sd of α̂/α(p) against relativeSd/√k
        double nu = 4, frac = 0.005;
        int n = 20_000, k = (int) (frac * n), reps = 200;
        TDistribution t = new TDistribution(nu);
        Grid1D g = Grid1D.centred(0, 400, 400_000);
        TailIndex.Hill h = TailIndex.hill(g, masses(g, t::cumulativeProbability), frac);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        double s = 0, s2 = 0;
        double[] a = new double[n];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) a[i] = Math.abs(studentT4(rnd));
            java.util.Arrays.sort(a);
            double sum = 0, thr = a[n - 1 - k];
            for (int i = n - k; i < n; i++) sum += Math.log(a[i] / thr);
            double rel = (k / sum) / h.alpha();
            s += rel;
            s2 += rel * rel;
        }
        double sd = Math.sqrt((s2 - s * s / reps) / (reps - 1)), predicted = h.relativeSd() / Math.sqrt(k);
        // the sd of an sd from 200 draws is ≈ 5 %; 25 % allows the O(1/k) terms at k = 100
        assertThat(sd).isCloseTo(predicted, within(0.25 * predicted));
    }

    /** Z/√(χ²₄/4), χ²₄ = −2 log(U₁U₂). */
    static double studentT4(java.util.SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        double chi2 = -2 * Math.log((1 - rnd.nextDouble()) * (1 - rnd.nextDouble()));
        return z / Math.sqrt(chi2 / 4);
    }

    @Test
    void aFractionBeyondTheLawsMassAwayFromZeroIsRefused() {
        Grid1D g = Grid1D.centred(0, 1, 2);
        assertThatThrownBy(() -> TailIndex.hill(g, new double[] {1, 1}, 0.7)).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("tailFraction");
        assertThatThrownBy(() -> TailIndex.hill(g, new double[] {1}, 0.1)).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("density");
    }
}
