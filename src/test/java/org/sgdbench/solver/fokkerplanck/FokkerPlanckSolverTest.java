package org.sgdbench.solver.fokkerplanck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.problem.Mode;

class FokkerPlanckSolverTest {

    private static FokkerPlanckResult stationary(Mode mode, double eta, Generator g, FvGrid grid) {
        return FokkerPlanckSolver.solve(FokkerPlanckSpec.stationary(mode, eta, g, grid));
    }

    // ---- OU: stationary law ----

    /**
     * The SG flux is exact for OU's local equilibrium, so the grid law is the Gaussian sampled at the cell centres
     * and the only error in its variance is the aliasing of that sampling. By Poisson summation the leading
     * relative error is 8π²(v/Δx²)·exp(−2π²v/Δx²): spectral, not algebraic, convergence in Δx.
     */
    @Test
    void ouStationaryVarianceMatchesTheBrownianValueWithinThePoissonSummationBound() {
        double eta = 0.01, v = eta / 2, sd = Math.sqrt(v); // η = 0.01, λ = 1, σ_g = 1: OU v∞ = 0.005
        double[] errors = new double[3];
        double[] dxOverSd = {1.0, 0.75, 0.5};
        for (int k = 0; k < 3; k++) {
            FvGrid grid = FvGrid.symmetric(10 * sd, (int) Math.round(20 / dxOverSd[k]));
            FokkerPlanckResult r = stationary(Mode.of(1, 0, 1), eta, Generator.LANGEVIN_OU, grid);
            assertThat(r.status()).isEqualTo(FokkerPlanckStatus.OK);
            assertThat(r.stationary().exactVariance()).isCloseTo(0.005, within(1e-18));
            double ratio = v / (grid.dx() * grid.dx());
            double bound = 1.5 * 8 * Math.PI * Math.PI * ratio * Math.exp(-2 * Math.PI * Math.PI * ratio) + 1e-13;
            errors[k] = Math.abs(r.stationary().variance() / v - 1);
            assertThat(errors[k]).isLessThanOrEqualTo(bound);
            assertThat(r.stationary().mass()).isCloseTo(1.0, within(1e-13));
        }
        // Halving Δx (sd → sd/2): the bound is tight at Δx = sd and the error then collapses to round-off.
        assertThat(errors[0]).isGreaterThan(1e-8);
        assertThat(errors[2]).isLessThan(1e-13);
    }

    @Test
    void ouTimeSteppedToConvergenceReachesTheDirectlySolvedLaw() {
        double eta = 0.01, v = 0.005;
        FvGrid grid = FvGrid.symmetric(10 * Math.sqrt(v), 80);
        FokkerPlanckSpec spec = new FokkerPlanckSpec(Mode.of(1, 0, 1), eta, Generator.LANGEVIN_OU, grid,
            TimeScheme.BACKWARD_EULER, 5, 3000, 1000, 0.05, 0.0);
        FokkerPlanckResult r = FokkerPlanckSolver.solve(spec);
        // Slowest variance mode decays by 1/(1 + 2λΔτ) per backward-Euler step: 15000 steps of Δτ = 0.002 → e^{-60}.
        double leftover = 10 * Math.pow(1 + 2 * spec.dtau(), -15000.0);
        assertThat(r.last().variance()).isCloseTo(r.stationary().variance(), within(leftover + 1e-12 * v));
        assertThat(r.last().variance()).isCloseTo(v, within(1e-10 * v));
        assertThat(r.last().mean()).isCloseTo(0.0, within(1e-12));
        assertThat(r.last().mass()).isCloseTo(1.0, within(1e-12));
    }

    // ---- OU: transient ----

    /**
     * v(τ) = v∞ + (v0 − v∞)e^{−2λτ}. Summing the scheme's second moment by parts, its leading spatial error is
     * a source (λΔx²/2)(s/s∞ − 1) in ds/dτ, which integrates to (λΔx²/2)(v0/v∞ − 1)·τ·e^{−2λτ}; Crank–Nicolson
     * with 50 substeps keeps the time error below 1e-6. (Derived for a centred law; an off-centre one adds an
     * O(Δx²) error of the mean decay rate.)
     */
    @Test
    void ouTransientVarianceRelaxesExponentiallyWithTheDerivedSecondOrderGridError() {
        double eta = 0.1, lambda = 1, vInf = 0.05;
        double[] errors = new double[2];
        int[] cells = {120, 240};
        for (int k = 0; k < 2; k++) {
            FvGrid grid = FvGrid.symmetric(3, cells[k]);
            FokkerPlanckSpec spec = new FokkerPlanckSpec(Mode.of(lambda, 0, 1), eta, Generator.LANGEVIN_OU, grid,
                TimeScheme.CRANK_NICOLSON, 50, 5, 1, 0.0, 0.5);
            FokkerPlanckResult r = FokkerPlanckSolver.solve(spec);
            double v0 = r.checkpoints().get(0).variance();
            assertThat(v0).isCloseTo(0.25, within(1e-6));
            for (Checkpoint c : r.checkpoints()) {
                double exact = vInf + (v0 - vInf) * Math.exp(-2 * lambda * c.tau());
                assertThat(c.continuousVariance()).isCloseTo(exact, within(1e-14));
                double lead = lambda * grid.dx() * grid.dx() / 2 * (v0 / vInf - 1) * c.tau() * Math.exp(-2 * lambda * c.tau());
                assertThat(c.variance() - exact).isCloseTo(lead, within(0.05 * lead + 1e-6));
            }
            errors[k] = r.last().variance() - r.last().continuousVariance();
        }
        assertThat(errors[0] / errors[1]).isBetween(3.8, 4.2); // second order in Δx
    }

    // ---- Itô and η-corrected: stationary variances ----

    @Test
    void itoStationaryVarianceConvergesAtSecondOrderToTheItoFormula() {
        double eta = 0.1, lambda = 1, sigmaH = 1, sigmaG = 1;
        double exact = eta * sigmaG * sigmaG / (2 * lambda - eta * sigmaH * sigmaH); // 0.05/0.95
        double[] err = new double[3];
        for (int k = 0; k < 3; k++) {
            FokkerPlanckResult r = stationary(Mode.of(lambda, sigmaH, sigmaG), eta, Generator.ITO_LANGEVIN,
                FvGrid.symmetric(5, 100 << k));
            assertThat(r.stationary().exactVariance()).isCloseTo(exact, within(1e-15));
            assertThat(r.stationary().edgeMass()).isLessThan(1e-14); // tail index 21: truncation at ±5 is negligible
            err[k] = r.stationary().variance() - exact;
        }
        assertThat(err[0] / err[1]).isBetween(3.9, 4.1);
        assertThat(err[1] / err[2]).isBetween(3.9, 4.1);
        double richardson = (4 * err[2] - err[1]) / 3; // removes the Δx² term: what is left is O(Δx⁴)
        assertThat(Math.abs(richardson)).isLessThan(Math.abs(err[2]) / 50);
    }

    @Test
    void etaCorrectedStationaryVarianceMatchesItsFormula() {
        record Case(double eta, double lambda, double sigmaH) {}
        for (Case c : List.of(new Case(0.5, 1, 0), new Case(0.1, 1, 0.5), new Case(0.2, 2, 1))) {
            double formula = c.eta / (c.lambda * (2 + c.eta * c.lambda) - c.eta * c.sigmaH * c.sigmaH);
            double sd = Math.sqrt(formula);
            FvGrid coarse = FvGrid.symmetric(14 * sd, 280), fine = FvGrid.symmetric(14 * sd, 560);
            FokkerPlanckResult rc = stationary(Mode.of(c.lambda, c.sigmaH, 1), c.eta, Generator.ETA_CORRECTED, coarse);
            FokkerPlanckResult rf = stationary(Mode.of(c.lambda, c.sigmaH, 1), c.eta, Generator.ETA_CORRECTED, fine);
            assertThat(rf.status()).isEqualTo(FokkerPlanckStatus.OK);
            assertThat(rf.stationary().exactVariance()).isCloseTo(formula, within(1e-15 * formula));
            double errCoarse = rc.stationary().variance() - formula, errFine = rf.stationary().variance() - formula;
            // Second-order grid error (exactly zero when σ_h = 0: then the equilibrium is a sampled Gaussian).
            assertThat(Math.abs(errFine)).isLessThanOrEqualTo(Math.abs(errCoarse) / 3.8 + 1e-12 * formula);
            assertThat(Math.abs(errFine)).isLessThan(1e-4 * formula);
        }
        // worked-numbers row (docs/design.md) η = 0.5, λ = 1: SGD 1/3, OU 0.25, corrected 0.2.
        FokkerPlanckResult r = stationary(Mode.of(1, 0, 1), 0.5, Generator.ETA_CORRECTED, FvGrid.symmetric(5, 400));
        assertThat(r.stationary().variance()).isCloseTo(0.2, within(1e-12));
    }

    // ---- flat mode ----

    @Test
    void flatModeVarianceGrowsLinearlyWithSlopeEtaSquaredSigmaSquaredWhileTheGridHoldsIt() {
        double eta = 0.1, sigmaG = 1.5;
        FvGrid grid = FvGrid.symmetric(10, 400);
        FokkerPlanckSpec spec = new FokkerPlanckSpec(Mode.of(0, 0, sigmaG), eta, Generator.LANGEVIN_OU, grid,
            TimeScheme.BACKWARD_EULER, 4, 100, 10, 0.0, 0.5);
        FokkerPlanckResult r = FokkerPlanckSolver.solve(spec);
        assertThat(r.status()).isEqualTo(FokkerPlanckStatus.DIFFUSIVE);
        assertThat(r.model().d0()).isCloseTo(eta * sigmaG * sigmaG / 2, within(1e-15)); // D = ησ_g²/2 per unit τ
        double v0 = r.checkpoints().get(0).variance();
        for (Checkpoint c : r.checkpoints()) {
            assertThat(c.edgeMass()).isLessThan(1e-8); // the walls have not been felt
            if (c.step() > 0)
                assertThat((c.variance() - v0) / c.step()).isCloseTo(eta * eta * sigmaG * sigmaG, within(1e-9));
        }
        // Once the walls are reached the law tends to uniform on the grid: variance → ((2L)² − Δx²)/12.
        FokkerPlanckResult walls = FokkerPlanckSolver.solve(spec.withSteps(40_000, 40_000));
        assertThat(walls.last().variance()).isCloseTo((400 - grid.dx() * grid.dx()) / 12, within(1e-6));
        assertThat(walls.last().variance()).isLessThan(v0 + 40_000 * eta * eta * sigmaG * sigmaG);
    }

    // ---- lag-1 autocorrelation ----

    @Test
    void lag1AutocorrelationFromTheDiscreteGeneratorConvergesToTheClosedForm() {
        double eta = 0.5;
        for (Generator g : Generator.values()) {
            FokkerPlanckSpec be = FokkerPlanckSpec.stationary(Mode.of(1, 0.5, 1), eta, g, FvGrid.symmetric(3, 300));
            FokkerPlanckResult r10 = FokkerPlanckSolver.solve(be.withTimeStepping(TimeScheme.BACKWARD_EULER, 10));
            FokkerPlanckResult r100 = FokkerPlanckSolver.solve(be.withTimeStepping(TimeScheme.BACKWARD_EULER, 100));
            double kappa = r10.model().kappa();
            assertThat(r10.lag1Autocorrelation()).isCloseTo(Math.exp(-kappa * eta), within(1e-15));
            // Backward Euler is first order in Δτ: 10× the substeps, ≈ 10× smaller error.
            double e10 = r10.lag1AutocorrelationNumerical() - r10.lag1Autocorrelation();
            double e100 = r100.lag1AutocorrelationNumerical() - r100.lag1Autocorrelation();
            assertThat(e10 / e100).isBetween(7.0, 11.0);
            int min = FokkerPlanckSolver.minCrankNicolsonSubsteps(be);
            FokkerPlanckResult cn = FokkerPlanckSolver.solve(be.withTimeStepping(TimeScheme.CRANK_NICOLSON, min));
            assertThat(cn.lag1AutocorrelationNumerical()).isCloseTo(cn.lag1Autocorrelation(), within(2e-4));
        }
        // OU and Itô: e^{−ηλ}; η-corrected: e^{−ηλ − η²λ²/2}.
        assertThat(Generator.ETA_CORRECTED.model(Mode.of(1, 0.5, 1), eta).lag1Autocorrelation(eta))
            .isCloseTo(Math.exp(-0.5 - 0.125), within(1e-15));
    }

    // ---- status ----

    @Test
    void statusReportsTheContinuousRegime() {
        FvGrid grid = FvGrid.symmetric(5, 100);
        FokkerPlanckResult unstable = stationary(Mode.of(-1, 0, 1), 0.1, Generator.LANGEVIN_OU, grid);
        assertThat(unstable.status()).isEqualTo(FokkerPlanckStatus.UNSTABLE);
        assertThat(unstable.stationary().exactVariance()).isNaN();
        assertThat(unstable.lag1Autocorrelation()).isNaN();

        FokkerPlanckResult heavy = stationary(Mode.of(1, 5, 1), 0.1, Generator.ITO_LANGEVIN, grid);
        assertThat(heavy.status()).isEqualTo(FokkerPlanckStatus.INFINITE_VARIANCE);
        assertThat(heavy.stationary().exactVariance()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(heavy.stationary().tailIndex()).isCloseTo(1.8, within(1e-12)); // 1 + κ/d2 = 1 + 1/1.25

        // ηλ = 3 > 2: SGD diverges, yet the corrected drift (λ + ηλ²/2)x is confining.
        assertThat(stationary(Mode.of(3, 0, 1), 1.0, Generator.ETA_CORRECTED, grid).status()).isEqualTo(FokkerPlanckStatus.OK);
        assertThat(stationary(Mode.of(-3, 0, 1), 1.0, Generator.ETA_CORRECTED, grid).status()).isEqualTo(FokkerPlanckStatus.OK);
        assertThat(stationary(Mode.of(-3, 0, 1), 1.0, Generator.ITO_LANGEVIN, grid).status()).isEqualTo(FokkerPlanckStatus.UNSTABLE);
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void checkpointsAreTakenAtTheIntervalAndTheLastStepWithUnitMassAndPositiveDensity(Generator g) {
        FokkerPlanckSpec spec = new FokkerPlanckSpec(Mode.of(1, 0.5, 1), 0.2, g, FvGrid.symmetric(4, 64),
            TimeScheme.BACKWARD_EULER, 3, 25, 10, 1.0, 0.3);
        FokkerPlanckResult r = FokkerPlanckSolver.solve(spec);
        assertThat(r.checkpoints()).extracting(Checkpoint::step).containsExactly(0L, 10L, 20L, 25L);
        for (Checkpoint c : r.checkpoints()) {
            assertThat(c.tau()).isCloseTo(c.step() * 0.2, within(1e-15));
            assertThat(c.mass()).isCloseTo(1.0, within(1e-13));
            assertThat(c.minDensity()).isGreaterThanOrEqualTo(0.0);
            assertThat(c.density()).hasSize(64);
        }
        // Defensive copies: a result's arrays cannot be changed from outside.
        double before = r.last().density()[32];
        r.last().density()[32] = -1;
        assertThat(r.last().density()[32]).isEqualTo(before);
    }
}
