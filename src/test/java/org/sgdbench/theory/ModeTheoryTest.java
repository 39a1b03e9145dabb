package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.scalar.ScalarSgdEnsembleF64;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.QuadraticModes;

class ModeTheoryTest {
    private static ModeTheory theory(double eta, double lambda, double sigmaH, double sigmaG, NoiseLaw law) {
        return ModeTheory.of(Mode.of(lambda, sigmaH, sigmaG), law, eta);
    }

    private static ModeTheory gaussian(double eta, double lambda, double sigmaH) {
        return theory(eta, lambda, sigmaH, 1, NoiseLaw.GAUSSIAN);
    }

    // ------------------------------------------------------------------ worked numbers of docs/design.md

    @ParameterizedTest(name = "eta={0} lambda={1} sigmaH={2}")
    @CsvSource({
        "0.01, 1,   0, 0.0050251256281407, 0.005,  0.99",
        "0.5,  1,   0, 0.3333333333333333, 0.25,   0.5",
        "1,    1.8, 0, 2.7777777777777777, 0.2777777777777778, -0.8",
        "0.1,  1,   2, 0.0666666666666667, 0.05,   0.9"})
    void workedNumbersOfTheDesign(double eta, double lambda, double sigmaH, double exact, double ou, double lag1) {
        ModeTheory t = gaussian(eta, lambda, sigmaH);
        assertThat(t.stationaryVariance()).isCloseTo(exact, within(1e-14));
        assertThat(t.ouStationaryVariance()).isCloseTo(ou, within(1e-15));
        assertThat(t.lag1Autocorrelation()).isCloseTo(lag1, within(1e-15));
        assertThat(t.ouLag1Autocorrelation()).isCloseTo(Math.exp(-eta * lambda), within(1e-15));
        assertThat(t.regime()).isEqualTo(Regime.CONFINED);
    }

    @Test
    void flatModeDiffusesLinearly() {
        ModeTheory t = gaussian(0.1, 0, 0);
        for (long step : new long[] {0, 1, 7, 1000})
            assertThat(t.variance(step, 0.3, 0)).isCloseTo(0.01 * step, within(1e-12 * (1 + step)));
        assertThat(t.ouVariance(1000, 0)).isCloseTo(10, within(1e-12));
        assertThat(t.varianceSlopePerStep()).isCloseTo(0.01, within(1e-17));
        assertThat(t.diffusionCoefficient()).isCloseTo(0.05, within(1e-17));
        assertThat(t.stationaryVariance()).isInfinite();
        assertThat(t.regime()).isEqualTo(Regime.DIFFUSIVE);
        assertThat(t.horizonBehaviour(100)).isEqualTo(HorizonBehaviour.DIFFUSIVE);
    }

    @Test
    void ouErrorIsMinusFiftyPercentAtEtaLambdaOne() {
        // exact ησ²/(λ(2−ηλ)) = 1, OU ησ²/(2λ) = 0.5
        ModeTheory t = gaussian(1, 1, 0);
        assertThat(t.stationaryVariance()).isCloseTo(1, within(1e-15));
        assertThat(t.ouRelativeError()).isCloseTo(-0.5, within(1e-15));
    }

    @Test
    void ouErrorEqualsTheRatioOfTheTwoVariances() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200; i++) {
            double eta = 0.01 + rnd.nextDouble(), lambda = 0.05 + 1.5 * rnd.nextDouble() / eta, sh = rnd.nextDouble();
            ModeTheory t = theory(eta, lambda, sh, 0.5 + rnd.nextDouble(), NoiseLaw.GAUSSIAN);
            if (t.a() >= 1) continue;
            double ratio = t.ouStationaryVariance() / t.stationaryVariance() - 1;
            assertThat(t.ouRelativeError()).isCloseTo(ratio, within(1e-12 * (1 + Math.abs(ratio))));
            assertThat(t.ouRelativeError()).isCloseTo(-eta * lambda / 2 - eta * sh * sh / (2 * lambda), within(1e-12));
        }
        assertThat(gaussian(1, 2.5, 0).ouRelativeError()).isEqualTo(-1); // OU finite, SGD unstable
        assertThat(gaussian(1, -1, 0).ouRelativeError()).isNaN();
    }

    @Test
    void itoAndOuTransients() {
        ModeTheory t = gaussian(0.1, 2, 0.5);
        assertThat(t.itoStationaryVariance()).isCloseTo(0.1 / (4 - 0.1 * 0.25), within(1e-15));
        assertThat(gaussian(0.1, 0.01, 1).itoStationaryVariance()).isInfinite();
        // OU: v(τ) solves dv/dτ = −2λv + ησ²; check the closed form at τ = 5 against its exact solution.
        double tau = 50 * 0.1;
        assertThat(t.ouVariance(50, 0.7)).isCloseTo(0.7 * Math.exp(-4 * tau) + 0.1 / 4 * (1 - Math.exp(-4 * tau)), within(1e-15));
        assertThat(t.ouMean(50, 2)).isCloseTo(2 * Math.exp(-2 * tau), within(1e-15));
        assertThat(t.ouVariance(1_000_000, 0.7)).isCloseTo(t.ouStationaryVariance(), within(1e-15));
    }

    // ------------------------------------------------------------------ closed form vs the recursion

    @Test
    void closedFormEqualsTheStepByStepRecursion() {
        Random rnd = new Random(2024);
        for (int c = 0; c < 500; c++) {
            double eta = 0.001 + rnd.nextDouble();
            double lambda = (rnd.nextDouble() * 3.2 - 0.3) / eta;
            double sh = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 1.2 / eta;
            double sg = rnd.nextDouble() * 2;
            NoiseLaw law = rnd.nextBoolean() ? NoiseLaw.GAUSSIAN : NoiseLaw.RADEMACHER;
            ModeTheory t = theory(eta, lambda, sh, sg, law);
            double mu = rnd.nextGaussian() * 3, v = rnd.nextDouble() * 2, mu0 = mu, v0 = v;
            double mf = 1 - eta * lambda;
            int steps = 1 + rnd.nextInt(150);
            for (int s = 1; s <= steps; s++) {
                double prevVar = v;
                v = t.a() * v + eta * eta * sh * sh * mu * mu + eta * eta * sg * sg;
                mu = mf * mu;
                assertThat(t.lag1Covariance(s, mu0, v0)).isCloseTo(mf * prevVar, within(1e-9 * (1 + Math.abs(mf * prevVar))));
                assertThat(t.mean(s, mu0)).isCloseTo(mu, within(1e-10 * (1 + Math.abs(mu))));
                assertThat(t.variance(s, mu0, v0)).as("case %d step %d %s", c, s, t)
                    .isCloseTo(v, within(1e-9 * (1 + Math.abs(v))));
            }
        }
    }

    @Test
    void closedFormHandlesTheSpecialFactors() {
        // a == 1 exactly: m = 0.8, s = 0.6 → geometric sum = t
        ModeTheory one = theory(1, 0.2, 0.6, 1, NoiseLaw.GAUSSIAN);
        assertThat(one.a()).isEqualTo(1.0);
        double mu = 1.5, v = 0.25;
        for (int s = 1; s <= 40; s++) {
            v = v + 0.36 * mu * mu + 1;
            mu *= 0.8;
        }
        assertThat(one.variance(40, 1.5, 0.25)).isCloseTo(v, within(1e-12 * v));
        // a == 0: ηλ = 1, σ_h = 0 → one step to stationarity
        ModeTheory zero = gaussian(1, 1, 0);
        assertThat(zero.variance(1, 5, 3)).isEqualTo(1.0);
        assertThat(zero.variance(9, 5, 3)).isEqualTo(1.0);
        // tiny σ_h: the (a^t − m^{2t}) μ² term must not cancel away: vs a series expansion
        ModeTheory tiny = theory(0.1, 1, 1e-7, 0, NoiseLaw.GAUSSIAN);
        double m2 = 0.81, e = 1e-16 / m2; // (a/m²)^t − 1 ≈ t e
        assertThat(tiny.variance(10, 1, 0)).isCloseTo(Math.pow(m2, 10) * (10 * e + 45 * e * e), within(1e-28));
    }

    // ------------------------------------------------------------------ against the scalar SGD ensemble

    @Test
    void momentsMatchTheScalarEnsemble() {
        List<Mode> modes = List.of(Mode.of(1, 0.8, 1), Mode.of(0, 0, 0.7), Mode.of(1.6, 0, 1), Mode.of(0.5, 0.6, 0.5));
        // every pair of laws for h and g, mixed pairs and NONE on h included (without gradient noise x_t is a
        // product of random factors, too skewed for a 5σ normal-approximation test at this N)
        for (NoiseLaws law : NoiseLaws.all()) {
            if (law.gradient() == NoiseLaw.NONE) continue;
            int n = 40_000, steps = 25;
            double eta = 0.5;
            QuadraticModes spec = new QuadraticModes(modes, law, eta, steps, n, 0.8, 0.3);
            double[] x = new double[n], prev = new double[n];
            try (ScalarSgdEnsembleF64 k = new ScalarSgdEnsembleF64(spec, 77, KernelOptions.singleThread())) {
                k.reset();
                k.advance(steps);
                for (int m = 0; m < modes.size(); m++) {
                    k.readState(m, x, prev);
                    ModeTheory t = ModeTheory.of(modes.get(m), law, eta);
                    double mean = 0, meanPrev = 0;
                    for (int i = 0; i < n; i++) { mean += x[i]; meanPrev += prev[i]; }
                    mean /= n;
                    meanPrev /= n;
                    double var = 0, cov = 0, m4 = 0, cov2 = 0;
                    for (int i = 0; i < n; i++) {
                        double d = x[i] - mean, dp = prev[i] - meanPrev;
                        var += d * d;
                        m4 += d * d * d * d;
                        cov += d * dp;
                        cov2 += d * d * dp * dp;
                    }
                    var /= n;
                    m4 /= n;
                    cov /= n;
                    cov2 /= n;
                    String what = law + " mode " + m;
                    assertThat(mean).as(what).isCloseTo(t.mean(steps, 0.8), within(5 * Math.sqrt(var / n)));
                    assertThat(var).as(what).isCloseTo(t.variance(steps, 0.8, 0.09), within(5 * Math.sqrt((m4 - var * var) / n)));
                    assertThat(cov).as(what).isCloseTo(t.lag1Covariance(steps, 0.8, 0.09),
                        within(5 * Math.sqrt((cov2 - cov * cov) / n)));
                }
            }
        }
    }

    @Test
    void stationaryFourthMomentMatchesTheEnsemble() {
        Mode mode = Mode.of(1, 0.5, 1);
        double eta = 0.5;
        ModeTheory t = ModeTheory.of(mode, NoiseLaw.GAUSSIAN, eta);
        assertThat(t.fourthMomentFinite()).isTrue();
        int n = 100_000, steps = 30; // a = 0.3125: 30 steps is stationary to 1e-15
        QuadraticModes spec = new QuadraticModes(List.of(mode), NoiseLaw.GAUSSIAN, eta, steps, n, 0, 0);
        double[] x = new double[n], prev = new double[n];
        try (ScalarSgdEnsembleF64 k = new ScalarSgdEnsembleF64(spec, 5, KernelOptions.singleThread())) {
            k.reset();
            k.advance(steps);
            k.readState(0, x, prev);
        }
        double m4 = 0, m8 = 0;
        for (double xi : x) {
            double x4 = xi * xi * xi * xi;
            m4 += x4;
            m8 += x4 * x4;
        }
        m4 /= n;
        m8 /= n;
        assertThat(m4).isCloseTo(t.stationaryFourthMoment(), within(5 * Math.sqrt((m8 - m4 * m4) / n)));
        assertThat(t.stationaryKurtosis()).isGreaterThan(3.2); // Hessian noise fattens the tails (3 without)
    }

    @Test
    void additiveNoiseAloneGivesAGaussianStationaryLaw() {
        assertThat(gaussian(0.3, 2, 0).stationaryKurtosis()).isCloseTo(3, within(1e-12));
        ModeTheory t = gaussian(0.3, 2, 0);
        double v = t.stationaryVariance();
        assertThat(t.varianceStandardError(10_000)).isCloseTo(Math.sqrt(2 * v * v / 10_000), within(1e-15));
        assertThat(gaussian(1, 0.2, 0.6).varianceStandardError(10)).isInfinite();
    }

    // ------------------------------------------------------------------ regimes and horizons

    @Test
    void oneCasePerRegime() {
        assertThat(gaussian(0.5, 1, 0).regime()).isEqualTo(Regime.CONFINED);
        assertThat(gaussian(0.1, 1, 2).regime()).isEqualTo(Regime.CONFINED);
        assertThat(gaussian(1, 0.5, 0.9).a()).isGreaterThan(1);
        assertThat(gaussian(1, 0.5, 0.9).regime()).isEqualTo(Regime.HEAVY_TAILED); // a = 1.06, E log < 0
        assertThat(theory(1, 0.125, 1.125, 1, NoiseLaw.RADEMACHER).regime()).isEqualTo(Regime.HEAVY_TAILED);
        assertThat(gaussian(0.1, 0, 0).regime()).isEqualTo(Regime.DIFFUSIVE);
        assertThat(gaussian(0.1, 1e-13, 0).regime()).isEqualTo(Regime.DIFFUSIVE);
        assertThat(gaussian(1, 2, 0).regime()).isEqualTo(Regime.DIFFUSIVE); // x' = −x − ηg
        assertThat(gaussian(0.1, -1, 0).regime()).isEqualTo(Regime.UNSTABLE);
        assertThat(gaussian(1, 2.5, 0).regime()).isEqualTo(Regime.UNSTABLE);
        assertThat(gaussian(0.5, 1, 6).regime()).isEqualTo(Regime.UNSTABLE); // E log|1−ηh| > 0
        assertThat(gaussian(0.5, 1, 6).expectedLogMultiplier()).isPositive();
    }

    @Test
    void slowConfinedModesLookFlatWithinAShortHorizon() {
        ModeTheory slow = gaussian(0.01, 0.001, 0); // a = 1 − 2e-5 + 1e-10: relaxation ≈ 5e4 steps
        assertThat(slow.regime()).isEqualTo(Regime.CONFINED);
        assertThat(slow.relaxationTimeSteps()).isCloseTo(-1 / Math.log(slow.a()), within(1e-6));
        assertThat(slow.relaxationTimeSteps()).isBetween(49_000.0, 51_000.0);
        assertThat(slow.horizonBehaviour(1_000)).isEqualTo(HorizonBehaviour.NEARLY_FLAT_DIFFUSIVE);
        assertThat(slow.horizonBehaviour(1_000_000)).isEqualTo(HorizonBehaviour.RELAXED);
        // within the horizon the variance is still ≈ linear: v_1000 within 2 % of 1000·η²σ_g²
        assertThat(slow.variance(1000, 0, 0)).isCloseTo(1000 * slow.varianceSlopePerStep(), within(0.02 * 1000 * 1e-4));
        assertThat(gaussian(0.1, -1, 0).horizonBehaviour(10)).isEqualTo(HorizonBehaviour.GROWING);
        assertThatThrownBy(() -> slow.horizonBehaviour(0)).isInstanceOf(InvalidSpecException.class);
    }

    // ------------------------------------------------------------------ Lyapunov exponent and Kesten

    @Test
    void expectedLogMultiplierClosedCases() {
        assertThat(gaussian(0.1, 3, 0).expectedLogMultiplier()).isEqualTo(Math.log(0.7));
        assertThat(theory(1, 0.125, 1.125, 1, NoiseLaw.RADEMACHER).expectedLogMultiplier())
            .isCloseTo(0.5 * (Math.log(0.25) + Math.log(2)), within(1e-15));
        assertThat(theory(1, 0, 1, 1, NoiseLaw.RADEMACHER).expectedLogMultiplier()).isEqualTo(Double.NEGATIVE_INFINITY);
        // σ_h → 0 limit of the Gaussian
        assertThat(gaussian(0.1, 1, 1e-4).expectedLogMultiplier()).isCloseTo(Math.log(0.9), within(1e-10));
    }

    @Test
    void kestenRademacherSolvedByHand() {
        // atoms −0.25 and 2: ½(4^{−α} + 2^α) = 1 → u = 2^α solves u³ − 2u² + 1 = 0 → u = golden ratio
        ModeTheory t = theory(1, 0.125, 1.125, 1, NoiseLaw.RADEMACHER);
        assertThat(t.kestenTailIndex()).isCloseTo(Math.log((1 + Math.sqrt(5)) / 2) / Math.log(2), within(1e-12));
        assertThat(t.fourthMomentFinite()).isFalse();
        // atoms 0 and 2: ½·2^α = 1 → α = 1
        assertThat(theory(1, 0, 1, 1, NoiseLaw.RADEMACHER).kestenTailIndex()).isCloseTo(1, within(1e-12));
        // atoms 0.2 and 0.8: |1−ηh| < 1 a.s., no root
        assertThat(theory(1, 0.5, 0.3, 1, NoiseLaw.RADEMACHER).kestenTailIndex()).isInfinite();
    }

    @Test
    void kestenIndexIsTwoWhenAIsOne() {
        // m = 0.8, s = 0.6 (series route) and m = 0.9999, s = √(1 − m²) (quadrature route, c ≈ 70)
        assertThat(gaussian(1, 0.2, 0.6).kestenTailIndex()).isCloseTo(2, within(1e-10));
        double m = 0.9999, s = Math.sqrt(1 - m * m);
        assertThat(gaussian(1, 1 - m, s).kestenTailIndex()).isCloseTo(2, within(1e-9));
    }

    @ParameterizedTest(name = "m = {0}")
    @CsvSource({"0.9", "0.2", "0.9999"})
    void kestenIndexIsFourWhenTheFourthMomentIsOne(double m) {
        // m⁴ + 6m²s² + 3s⁴ = 1 → s² = (−6m² + √(36m⁴ + 12(1 − m⁴)))/6
        double s2 = (-6 * m * m + Math.sqrt(36 * m * m * m * m + 12 * (1 - m * m * m * m))) / 6;
        ModeTheory t = gaussian(1, 1 - m, Math.sqrt(s2));
        assertThat(t.fourthMomentOfMultiplier()).isCloseTo(1, within(1e-14));
        assertThat(t.kestenTailIndex()).isCloseTo(4, within(1e-9));
        ModeTheory lighter = gaussian(1, 1 - m, 0.99 * Math.sqrt(s2));
        assertThat(lighter.fourthMomentFinite()).isTrue();
        assertThat(lighter.kestenTailIndex()).isGreaterThan(4);
        assertThat(gaussian(1, 1 - m, 1.01 * Math.sqrt(s2)).fourthMomentFinite()).isFalse();
    }

    @Test
    void kestenSpecialValues() {
        assertThat(gaussian(0.1, 1, 0).kestenTailIndex()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(gaussian(0.1, -1, 0.5).kestenTailIndex()).isNaN(); // unstable: no stationary law
        assertThat(gaussian(0.1, 0, 0).kestenTailIndex()).isNaN(); // marginal: E log = 0
        assertThat(gaussian(0.1, 1, 0.5).kestenTailIndex()).isGreaterThan(4); // confined, light tails
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ModeTheory.of(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("eta");
        assertThatThrownBy(() -> ModeTheory.of(null, NoiseLaw.GAUSSIAN, 0.1)).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> gaussian(0.1, 1, 0).variance(-1, 0, 0)).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> gaussian(0.1, 1, 0).lag1Covariance(0, 0, 0)).isInstanceOf(InvalidSpecException.class);
    }
}
