package org.sgdbench.solver.fokkerplanck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.Mode;

class LinearFokkerPlanckModelTest {

    @Test
    void generatorsMapAModeToTheDocumentedDriftAndDiffusion() {
        Mode m = Mode.of(2, 0.5, 3);
        double eta = 0.1;
        assertThat(Generator.LANGEVIN_OU.model(m, eta)).isEqualTo(new LinearFokkerPlanckModel(2, 0.45, 0));
        LinearFokkerPlanckModel ito = Generator.ITO_LANGEVIN.model(m, eta);
        assertThat(ito.kappa()).isEqualTo(2);
        assertThat(ito.d0()).isCloseTo(0.45, within(1e-15));
        assertThat(ito.d2()).isCloseTo(0.0125, within(1e-15));
        LinearFokkerPlanckModel corrected = Generator.ETA_CORRECTED.model(m, eta);
        assertThat(corrected.kappa()).isCloseTo(2 + 0.05 * 4, within(1e-15));
        assertThat(corrected.d2()).isCloseTo(ito.d2(), within(0.0));
    }

    /** The worked rows of docs/design.md (σ_g = 1). */
    @Test
    void stationaryVariancesReproduceTheDesignTable() {
        assertThat(Generator.LANGEVIN_OU.model(Mode.of(1, 0, 1), 0.01).stationaryVariance()).isCloseTo(0.005, within(1e-15));
        assertThat(Generator.LANGEVIN_OU.model(Mode.of(1, 0, 1), 0.5).stationaryVariance()).isCloseTo(0.25, within(1e-15));
        assertThat(Generator.LANGEVIN_OU.model(Mode.of(1.8, 0, 1), 1).stationaryVariance()).isCloseTo(1 / 3.6, within(1e-15));
        assertThat(Generator.LANGEVIN_OU.model(Mode.of(1, 2, 1), 0.1).stationaryVariance()).isCloseTo(0.05, within(1e-15));
        assertThat(Generator.ITO_LANGEVIN.model(Mode.of(1, 2, 1), 0.1).stationaryVariance()).isCloseTo(0.1 / 1.6, within(1e-15));
        assertThat(Generator.ETA_CORRECTED.model(Mode.of(1, 2, 1), 0.1).stationaryVariance()).isCloseTo(0.1 / 1.7, within(1e-15));
    }

    /** The correction moves v∞ away from SGD's: v_corrected < v_Itô < v_SGD whenever λ > 0 and all are stationary. */
    @Test
    void etaCorrectionMovesTheStationaryVarianceAwayFromTheExactSgdValue() {
        for (double eta : new double[] {0.01, 0.1, 0.5, 0.9})
            for (double lambda : new double[] {0.3, 1, 1.8})
                for (double sigmaH : new double[] {0, 0.3, 1}) {
                    double denomSgd = lambda * (2 - eta * lambda) - eta * sigmaH * sigmaH;
                    if (denomSgd <= 0) continue;
                    double sgd = eta / denomSgd;
                    Mode m = Mode.of(lambda, sigmaH, 1);
                    double ito = Generator.ITO_LANGEVIN.model(m, eta).stationaryVariance();
                    double corrected = Generator.ETA_CORRECTED.model(m, eta).stationaryVariance();
                    if (!Double.isFinite(ito)) continue;
                    assertThat(corrected).isLessThan(ito);
                    assertThat(ito).isLessThan(sgd);
                    assertThat(corrected).isCloseTo(eta / (lambda * (2 + eta * lambda) - eta * sigmaH * sigmaH), within(1e-14 * corrected));
                }
    }

    /** The closed-form moments solve dm/dτ = −κm, ds/dτ = −2(κ − d2)s + 2d0: checked against RK4. */
    @Test
    void closedFormMomentsSolveTheMomentEquations() {
        for (LinearFokkerPlanckModel model : new LinearFokkerPlanckModel[] {
                new LinearFokkerPlanckModel(1.3, 0.2, 0.4), new LinearFokkerPlanckModel(0.4, 0.2, 0.4),
                new LinearFokkerPlanckModel(0, 0.05, 0), new LinearFokkerPlanckModel(-0.5, 0.1, 0)}) {
            double m = 0.7, s = 0.3 + 0.49, h = 1e-3;
            for (int k = 1; k <= 2000; k++) {
                double[] y = rk4(model, m, s, h);
                m = y[0];
                s = y[1];
            }
            assertThat(model.mean(2.0, 0.7)).isCloseTo(m, within(1e-11));
            assertThat(model.secondMoment(2.0, 0.3 + 0.49)).isCloseTo(s, within(1e-10 * (1 + Math.abs(s))));
            assertThat(model.variance(2.0, 0.7, 0.3)).isCloseTo(s - m * m, within(1e-10 * (1 + Math.abs(s))));
        }
        // Flat mode: s(τ) = s0 + 2d0τ exactly.
        assertThat(new LinearFokkerPlanckModel(0, 0.05, 0).variance(3.0, 0.2, 0.1)).isCloseTo(0.1 + 0.3, within(1e-15));
    }

    private static double[] rk4(LinearFokkerPlanckModel f, double m, double s, double h) {
        double c = f.kappa() - f.d2();
        double m1 = -f.kappa() * m, s1 = -2 * c * s + 2 * f.d0();
        double m2 = -f.kappa() * (m + h / 2 * m1), s2 = -2 * c * (s + h / 2 * s1) + 2 * f.d0();
        double m3 = -f.kappa() * (m + h / 2 * m2), s3 = -2 * c * (s + h / 2 * s2) + 2 * f.d0();
        double m4 = -f.kappa() * (m + h * m3), s4 = -2 * c * (s + h * s3) + 2 * f.d0();
        return new double[] {m + h / 6 * (m1 + 2 * m2 + 2 * m3 + m4), s + h / 6 * (s1 + 2 * s2 + 2 * s3 + s4)};
    }

    @Test
    void noDiffusionModelOscillatesWhereSgdDoes() {
        // η = 1, λ = 1.8: SGD lag-1 autocorrelation 1 − ηλ = −0.8; every generator predicts e^{−κη} > 0.
        for (Generator g : Generator.values())
            assertThat(g.model(Mode.of(1.8, 0, 1), 1).lag1Autocorrelation(1)).isGreaterThan(0);
        assertThat(Generator.LANGEVIN_OU.model(Mode.of(1.8, 0, 1), 1).lag1Autocorrelation(1)).isCloseTo(Math.exp(-1.8), within(1e-15));
    }
}
