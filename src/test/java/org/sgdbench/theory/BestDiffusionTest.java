package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;

class BestDiffusionTest {
    private static BestDiffusion of(double lambda, double sigmaH, double eta, NoiseLaw law) {
        return BestDiffusion.of(ModeTheory.of(Mode.of(lambda, sigmaH, 1), law, eta));
    }

    @Test
    void matchesTheOneStepMeanMapAndTheStationaryVarianceExactly() {
        BestDiffusion b = of(1, 0, 0.5, NoiseLaw.GAUSSIAN);
        assertThat(b.status()).isEqualTo(BestDiffusion.Status.EXACT);
        assertThat(b.kappa()).isCloseTo(Math.log(2) / 0.5, within(1e-15));
        assertThat(Math.exp(-b.kappa() * 0.5)).isCloseTo(0.5, within(1e-15));
        ModeTheory th = ModeTheory.of(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.5);
        for (long t : new long[] {1, 2, 7, 60}) {
            assertThat(b.variance(t, 0)).isCloseTo(th.variance(t, 0, 0), within(1e-14));
            assertThat(b.lag1Autocorrelation(t, 0)).isCloseTo(th.lag1Covariance(t, 0, 0) / th.variance(t, 0, 0), within(1e-14));
        }
    }

    @Test
    void noDiffusionForEtaLambdaAtLeastOneOrWithHessianNoise() {
        assertThat(of(1.8, 0, 1, NoiseLaw.GAUSSIAN).status()).isEqualTo(BestDiffusion.Status.IMPOSSIBLE);
        assertThat(of(1, 0, 1, NoiseLaw.GAUSSIAN).status()).isEqualTo(BestDiffusion.Status.IMPOSSIBLE);
        assertThat(of(1.8, 0, 1, NoiseLaw.GAUSSIAN).variance(10, 0)).isNaN();
        BestDiffusion h = of(1, 2, 0.1, NoiseLaw.GAUSSIAN);
        assertThat(h.status()).isEqualTo(BestDiffusion.Status.MOMENTS_ONLY);
        assertThat(h.explanation()).contains("power tails");
        // it still gets v∞ right, but not the transient (SGD relaxes at a, the diffusion at m²)
        ModeTheory th = ModeTheory.of(Mode.of(1, 2, 1), NoiseLaw.GAUSSIAN, 0.1);
        assertThat(h.variance(100_000, 0)).isCloseTo(th.stationaryVariance(), within(1e-12));
        assertThat(Math.abs(h.variance(10, 0) / th.variance(10, 0, 0) - 1)).isGreaterThan(0.01);
        assertThat(of(1, 4.5, 0.1, NoiseLaw.GAUSSIAN).status()).isEqualTo(BestDiffusion.Status.IMPOSSIBLE);
    }

    @Test
    void flatModeIsBrownianMotion() {
        BestDiffusion b = of(0, 0, 0.1, NoiseLaw.GAUSSIAN);
        assertThat(b.status()).isEqualTo(BestDiffusion.Status.EXACT);
        assertThat(b.kappa()).isZero();
        assertThat(b.variance(200, 0)).isCloseTo(2.0, within(1e-12));
        assertThat(b.varianceSlopePerStep()).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void rademacherNoiseMatchesMomentsOnly() {
        assertThat(of(1, 0, 0.5, NoiseLaw.RADEMACHER).explanation()).contains("non-Gaussian");
    }
}
