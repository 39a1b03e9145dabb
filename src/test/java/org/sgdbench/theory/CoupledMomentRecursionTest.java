package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.CoupledFixtures;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;

class CoupledMomentRecursionTest {
    /** Diagonal Σ = diag(vH11, vH22, vH12, vg1, vg2). */
    static double[] diagonal(double... d) {
        double[] s = new double[25];
        for (int i = 0; i < 5; i++) s[i * 5 + i] = d[i];
        return s;
    }


    @Test
    void diagonalModelIsTwoIndependentModes() {
        double eta = 0.3;
        CoupledQuadratic2D spec = new CoupledQuadratic2D(new double[] {1.2, 0, 0.4}, diagonal(0.5, 0.09, 0, 1.3, 0.7),
            NoiseLaw.GAUSSIAN, eta, 10, 10, new double[] {1.5, -2}, 0.4);
        CoupledMomentRecursion r = CoupledMomentRecursion.of(spec);
        ModeTheory one = ModeTheory.of(Mode.of(1.2, Math.sqrt(0.5), Math.sqrt(1.3)), NoiseLaw.GAUSSIAN, eta);
        ModeTheory two = ModeTheory.of(Mode.of(0.4, 0.3, Math.sqrt(0.7)), NoiseLaw.GAUSSIAN, eta);
        CoupledMomentRecursion.Moments x = r.initial();
        for (int t = 1; t <= 60; t++) {
            x = r.step(x);
            assertThat(x.m1()).isCloseTo(one.mean(t, 1.5), within(1e-13));
            assertThat(x.m2()).isCloseTo(two.mean(t, -2), within(1e-13));
            assertThat(x.c11()).isCloseTo(one.variance(t, 1.5, 0.16), within(1e-12));
            assertThat(x.c22()).isCloseTo(two.variance(t, -2, 0.16), within(1e-12));
            assertThat(x.c12()).isEqualTo(0.0);
        }
        CoupledMomentRecursion.Moments inf = r.stationary().orElseThrow();
        assertThat(inf.c11()).isCloseTo(one.stationaryVariance(), within(1e-13));
        assertThat(inf.c22()).isCloseTo(two.stationaryVariance(), within(1e-13));
        assertThat(inf.c12()).isCloseTo(0, within(1e-15));
        // eigenvalues of 𝓛 for a diagonal model: a1, a2 and the cross factor (1−ηλ1)(1−ηλ2)
        assertThat(r.covarianceSpectralRadius())
            .isCloseTo(Math.max(Math.max(one.a(), two.a()), Math.abs(one.meanFactor() * two.meanFactor())), within(1e-13));
    }

    @Test
    void stationaryCovarianceIsTheLimitOfTheRecursion() {
        CoupledQuadratic2D spec = new CoupledQuadratic2D(new double[] {1.0, 0.4, 0.7}, CoupledFixtures.correlatedCovariance(), NoiseLaw.GAUSSIAN,
            0.4, 10, 10, new double[] {3, -2}, 0.5);
        CoupledMomentRecursion r = CoupledMomentRecursion.of(spec);
        assertThat(r.stable()).isTrue();
        CoupledMomentRecursion.Moments inf = r.stationary().orElseThrow();
        CoupledMomentRecursion.Moments far = r.at(3000);
        assertThat(far.m1()).isCloseTo(0, within(1e-12));
        assertThat(far.c11()).isCloseTo(inf.c11(), within(1e-12));
        assertThat(far.c12()).isCloseTo(inf.c12(), within(1e-12));
        assertThat(far.c22()).isCloseTo(inf.c22(), within(1e-12));
        // a fixed point: one more step leaves it unchanged
        CoupledMomentRecursion.Moments again = r.step(inf);
        assertThat(again.c12()).isCloseTo(inf.c12(), within(1e-14));
    }

    @Test
    void unstableModelHasNoStationaryLaw() {
        // ηλ_max = 2.2 > 2: the mean itself is unstable
        CoupledQuadratic2D spec = new CoupledQuadratic2D(new double[] {2.2, 0, 0.5}, diagonal(0, 0, 0, 1, 1),
            NoiseLaw.GAUSSIAN, 1, 10, 10, new double[] {0, 0}, 1);
        CoupledMomentRecursion r = CoupledMomentRecursion.of(spec);
        assertThat(r.meanSpectralRadius()).isCloseTo(1.2, within(1e-15));
        assertThat(r.stable()).isFalse();
        assertThat(r.stationary()).isEmpty();
        // Hessian noise alone can destabilise a mean-stable model: a = (1−ηλ)² + η²σ_h² ≥ 1
        CoupledQuadratic2D noisy = new CoupledQuadratic2D(new double[] {1, 0, 1}, diagonal(1.2, 0, 0, 1, 1),
            NoiseLaw.GAUSSIAN, 1, 10, 10, new double[] {0, 0}, 1);
        CoupledMomentRecursion rn = CoupledMomentRecursion.of(noisy);
        assertThat(rn.meanSpectralRadius()).isCloseTo(0, within(1e-15));
        assertThat(rn.covarianceSpectralRadius()).isCloseTo(1.2, within(1e-13));
        assertThat(rn.stationary()).isEmpty();
    }

    @Test
    void lagOneCrossCovarianceIsAC() {
        CoupledQuadratic2D spec = new CoupledQuadratic2D(new double[] {1.0, 0.4, 0.7}, CoupledFixtures.correlatedCovariance(), NoiseLaw.GAUSSIAN,
            0.4, 10, 10, new double[] {3, -2}, 0.5);
        CoupledMomentRecursion r = CoupledMomentRecursion.of(spec);
        CoupledMomentRecursion.Moments c = r.at(4);
        double[] l = r.lag1CrossCovariance(c);
        // A = [[0.6, −0.16], [−0.16, 0.72]]
        assertThat(l[0]).isCloseTo(0.6 * c.c11() - 0.16 * c.c12(), within(1e-15));
        assertThat(l[1]).isCloseTo(0.6 * c.c12() - 0.16 * c.c22(), within(1e-15));
        assertThat(l[2]).isCloseTo(-0.16 * c.c11() + 0.72 * c.c12(), within(1e-15));
        assertThat(l[3]).isCloseTo(-0.16 * c.c12() + 0.72 * c.c22(), within(1e-15));
    }
}
