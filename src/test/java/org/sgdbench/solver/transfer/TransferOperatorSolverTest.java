package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;

class TransferOperatorSolverTest {
    static final TransferOperatorSolver F64 = new TransferOperatorSolver(Backend.SCALAR, Precision.F64, KernelOptions.singleThread());
    static final TransferOperatorSolver F32 = new TransferOperatorSolver(Backend.SCALAR, Precision.F32, KernelOptions.singleThread());

    static double vInf(double eta, double lambda, double sigmaH, double sigmaG) {
        return eta * sigmaG * sigmaG / (lambda * (2 - eta * lambda) - eta * sigmaH * sigmaH);
    }

    @Test
    void massIsConservedOver10kStepsWhenTheGridHoldsTheLawAndTheMeanIsExact() {
        Mode mode = Mode.of(1, 0, 1);
        double eta = 0.1;
        int steps = 10_000;
        Grid1D grid = GridSizing.defaults().forMode(mode, NoiseLaw.GAUSSIAN, eta, steps, 1, 0.5);
        assertThat(grid.dx()).isCloseTo(eta / 4, within(1e-15));
        TransferOperator op = TransferOperatorBuilder.build1D(mode, NoiseLaw.GAUSSIAN, eta, 6, grid);
        TransferResult r = F64.evolve(op, Densities.gaussian(grid, 1, 0.5), steps, TransferOperatorSolver.checkpointsEvery(steps, 1000), false, 1e-12);
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.stepsDone()).isEqualTo(steps);
        assertThat(r.bytesPerStep()).isPositive();
        for (Checkpoint c : r.checkpoints()) {
            assertThat(Math.abs(c.law().lostMass())).as("step %d", c.step()).isLessThanOrEqualTo(1e-12);
            // CIC keeps each image's mean: the mean follows μ' = (1 − ηλ)μ exactly while nothing leaks.
            assertThat(c.law().mean()).as("step %d", c.step()).isCloseTo(Math.pow(1 - eta, c.step()), within(1e-12));
        }
        assertThat(r.checkpoints()).hasSize(11);
    }

    @Test
    void aGridTooSmallReportsTheMassThatLeftStepByStep() {
        Mode mode = Mode.of(1, 0, 1);
        Grid1D grid = new Grid1D(-0.3, 0.3, 24);
        TransferOperator op = TransferOperatorBuilder.build1D(mode, NoiseLaw.GAUSSIAN, 0.1, 6, grid);
        double[] p = Densities.gaussian(grid, 0, 0.2);
        double lost = 1 - Densities.mass(p);
        double[] next = new double[p.length], pre = null;
        int steps = 200;
        for (int t = 0; t < steps; t++) {
            lost += op.leakOf(p);
            pre = p.clone();
            op.matrix().multiply(p, next);
            System.arraycopy(next, 0, p, 0, p.length);
        }
        TransferResult r = F64.evolve(op, Densities.gaussian(grid, 0, 0.2), steps, new int[] {0, 100}, true, 1e-6);
        assertThat(r.status()).isEqualTo(Status.MASS_LOST);
        assertThat(r.last().law().lostMass()).isGreaterThan(0.1).isCloseTo(lost, within(1e-12));
        assertThat(r.last().law().leakedLastStep()).isCloseTo(op.leakOf(pre), within(1e-15));
        assertThat(r.checkpoints().get(0).law().lostMass()).isGreaterThan(0); // the initial law's tails are already off the grid
    }

    @Test
    void rademacherFlatModeOnItsLatticeIsExactlyBinomial() {
        double eta = 0.5;
        int n = 84, steps = 40; // support after 40 steps: ±Tη = ±20
        Grid1D grid = new Grid1D(-(n * 0.25 + 0.125), n * 0.25 + 0.125, 2 * n + 1); // centres at 0.25·ℤ
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(0, 0, 1), NoiseLaw.RADEMACHER, eta, 1, grid);
        TransferResult r = F64.evolve(op, Densities.gaussian(grid, 0, 0), steps, new int[] {0, 10, 25}, true, 1e-14);
        assertThat(r.status()).as("%s", r.last().law()).isEqualTo(Status.OK);
        for (Checkpoint c : r.checkpoints()) // diffusive: v_t = tη² exactly (no CIC bias on the lattice)
            assertThat(c.law().variance()).as("step %d", c.step()).isCloseTo(c.step() * eta * eta, within(1e-12));
        double[] p = r.last().density();
        double binom = Math.pow(0.5, steps);
        for (int k = 0; k <= steps; k++) {
            if (k > 0) binom = binom * (steps - k + 1) / k;
            int cell = n + 2 * (2 * k - steps);
            assertThat(p[cell]).as("k=%d", k).isCloseTo(binom, within(1e-15));
            if (cell + 1 < p.length) assertThat(p[cell + 1]).isZero();
        }
    }

    /** Stationary bias of the CIC grid: 0 ≤ v_grid − v∞ ≤ Δx²/(4(1 − a)), since each deposit adds f(1−f)Δx² ∈ [0, Δx²/4]. */
    static double biasBound(double dx, double eta, double lambda, double sigmaH) {
        double a = Math.pow(1 - eta * lambda, 2) + eta * eta * sigmaH * sigmaH;
        return dx * dx / (4 * (1 - a));
    }

    @Test
    void stationaryVarianceMatchesTheExactVInfWithinTheCicBound() {
        record Case(double eta, double lambda, double sigmaH, double exact, double lag1) {}
        for (Case c : new Case[] {new Case(0.5, 1, 0, 1.0 / 3, 0.5), new Case(0.1, 1, 2, 1.0 / 15, 0.9), new Case(1, 1.8, 0, 25.0 / 9, -0.8)}) {
            Mode mode = Mode.of(c.lambda, c.sigmaH, 1);
            assertThat(vInf(c.eta, c.lambda, c.sigmaH, 1)).isCloseTo(c.exact, within(1e-15));
            // Hessian noise makes the tail a power law (Kesten): even ±40 sd leaks ~1e-9 per step, so allow 1e-8.
            Grid1D grid = GridSizing.defaults().withHalfWidthSds(c.sigmaH > 0 ? 40 : 12)
                .forMode(mode, NoiseLaw.GAUSSIAN, c.eta, Integer.MAX_VALUE, 0, 0);
            TransferOperator op = TransferOperatorBuilder.build1D(mode, NoiseLaw.GAUSSIAN, c.eta, 4, grid);
            StationaryLaw law = F64.stationary(op, Densities.gaussian(grid, 0, Math.sqrt(c.exact)), new PowerIteration(1e-13, 100_000, 16), 1e-8);
            assertThat(law.converged()).isTrue();
            assertThat(law.status()).as("%s %s", c, law).isEqualTo(Status.OK);
            double bias = law.law().variance() - c.exact;
            assertThat(bias).as("%s bias, dx=%g", c, grid.dx()).isBetween(-1e-9, biasBound(grid.dx(), c.eta, c.lambda, c.sigmaH));
            // SGD's lag-1 autocorrelation is 1 − ηλ (negative for ηλ > 1: no diffusion can do that).
            assertThat(law.law().lag1Autocorrelation()).isCloseTo(c.lag1, within(1e-9));
        }
    }

    @Test
    void varianceBiasShrinksAsDxSquared() {
        // η = 0.5, λ = 1: a = 1/4, so the expected bias is ≈ (Δx²/6)/(1 − a) = 0.222·Δx² for phases spread evenly.
        double[] dxs = {0.04, 0.02, 0.01};
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double dx : dxs) {
            int cells = (int) Math.round(14 / dx);
            Grid1D grid = new Grid1D(-cells * dx / 2, cells * dx / 2, cells);
            TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.5, 8, grid);
            StationaryLaw law = F64.stationary(op, Densities.gaussian(grid, 0, 0.5), PowerIteration.defaults(), 1e-12);
            double bias = law.law().variance() - 1.0 / 3;
            assertThat(bias / (dx * dx)).as("bias/dx² at dx=%g", dx).isBetween(0.15, 0.30);
            double x = Math.log(dx), y = Math.log(bias);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        double order = (3 * sxy - sx * sy) / (3 * sxx - sx * sx);
        assertThat(order).isCloseTo(2, within(0.3));
    }

    @Test
    void moreGaussHermiteNodesBringTheStationaryLawCloserToTheGaussian() {
        // σ_h = 0 with Gaussian gradient noise: the exact stationary law is N(0, v∞). Any n ≥ 2 gets v∞ right;
        // the node count governs the shape, measured as total variation to the cell-averaged exact law.
        Grid1D grid = new Grid1D(-7, 7, 1400);
        double[] exact = Densities.gaussian(grid, 0, Math.sqrt(1.0 / 3));
        double previous = 1;
        for (int n : new int[] {4, 8, 16}) {
            TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.5, n, grid);
            StationaryLaw law = F64.stationary(op, exact, PowerIteration.defaults(), 1e-12);
            double tv = Densities.totalVariation(law.density(), exact);
            assertThat(tv).as("n=%d", n).isLessThan(previous / 4);
            assertThat(law.law().variance()).isCloseTo(1.0 / 3, within(biasBound(grid.dx(), 0.5, 1, 0)));
            previous = tv;
        }
        assertThat(previous).isLessThan(1e-3);
    }

    @Test
    void heavyTailedStationaryLawHasTheKestenTailIndex() {
        // Rademacher h = 1 ± 1.5, η = 0.5: 1 − ηh ∈ {−0.25, 1.25}; a = 0.8125... > ... stationary with power tail.
        double eta = 0.5, lambda = 1, sigmaH = 1.5;
        double alpha = new BrentSolver(1e-12).solve(100,
            s -> 0.5 * (Math.pow(Math.abs(1 - eta * (lambda + sigmaH)), s) + Math.pow(Math.abs(1 - eta * (lambda - sigmaH)), s)) - 1, 1, 10);
        Grid1D grid = new Grid1D(-400, 400, 6400);
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(lambda, sigmaH, 1), NoiseLaw.RADEMACHER, eta, 1, grid);
        StationaryLaw law = F64.stationary(op, Densities.gaussian(grid, 0, 1), new PowerIteration(1e-10, 100_000, 64), 1e-6);
        assertThat(law.converged()).isTrue();
        TailIndex.Fit fit = TailIndex.fit(grid, law.density(), 1e-6, 1e-3);
        assertThat(fit.alpha()).isCloseTo(alpha, within(0.1));
        assertThat(fit.points()).isGreaterThan(100);
        assertThatThrownBy(() -> TailIndex.fit(grid, law.density(), 1e-3, 1e-3)).hasMessageContaining("survival range");
    }

    @Test
    void f32AndF64AgreeWithinTheRoundingBound() {
        Grid1D grid = new Grid1D(-3, 3, 601);
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0.5, 1), NoiseLaw.GAUSSIAN, 0.1, 6, grid);
        double[] p0 = Densities.gaussian(grid, 0.5, 0.3);
        int steps = 1000;
        TransferResult r64 = F64.evolve(op, p0, steps, new int[] {0}, true, 1e-9);
        TransferResult r32 = F32.evolve(op, p0, steps, new int[] {0}, true, 1e-4);
        assertThat(r32.precision()).isEqualTo(Precision.F32);
        int maxRow = 0;
        for (int i = 0; i < op.cells(); i++) maxRow = Math.max(maxRow, op.matrix().rowPtr()[i + 1] - op.matrix().rowPtr()[i]);
        // Each F32 row sum of m non-negative terms errs by ≤ m·u relative (u = 2⁻²⁴), the float values by ≤ u, and a
        // Markov operator does not amplify L1 errors: after T steps ‖p32 − p64‖₁ ≤ T·(m + 2)·u.
        double bound = steps * (maxRow + 2) * Math.ulp(1f) / 2;
        double l1 = 2 * Densities.totalVariation(r64.last().density(), r32.last().density());
        assertThat(l1).isLessThan(bound);
        assertThat(Math.abs(r32.last().law().lostMass())).isLessThan(bound);
        assertThat(r32.status()).isEqualTo(Status.OK);
    }

    @Test
    void everyAvailableBackendMatchesScalar() {
        Grid1D grid = new Grid1D(-3, 3, 301);
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0.3, 1), NoiseLaw.GAUSSIAN, 0.2, 5, grid);
        double[] p0 = Densities.gaussian(grid, 0.3, 0.4);
        double[] ref = F64.evolve(op, p0, 100, new int[] {0}, true, 1e-9).last().density();
        int ran = 0;
        for (Backend b : Backend.values()) {
            if (b.provider().isEmpty()) continue;
            TransferResult r;
            try {
                r = new TransferOperatorSolver(b, Precision.F64, KernelOptions.singleThread()).evolve(op, p0, 100, new int[] {0}, true, 1e-9);
            } catch (KernelNotSupportedException e) {
                continue;
            }
            assertThat(r.backend()).isEqualTo(b);
            assertThat(Densities.totalVariation(ref, r.last().density())).as("%s", b).isLessThan(1e-12);
            if (b != Backend.SCALAR) ran++;
        }
        // the reference is the scalar F64 solver itself: only another backend makes this a comparison
        org.junit.jupiter.api.Assumptions.assumeTrue(ran >= 1, "only the scalar reference ran: nothing was compared");
    }

    @Test
    void diagonalCoupledModelReproducesTwoOneDimensionalRuns() {
        double eta = 0.2;
        Mode m1 = Mode.of(1, 0.3, 1), m2 = Mode.of(0.5, 0, 0.7);
        double[] cov = new double[25];
        cov[0] = 0.09; cov[18] = 1; cov[24] = 0.49;
        CoupledQuadratic2D model = new CoupledQuadratic2D(new double[] {1, 0, 0.5}, cov, NoiseLaw.GAUSSIAN, eta, 50, 1, new double[] {0.5, -0.3}, 0.2);
        Grid1D gx = new Grid1D(-3, 3, 61), gy = new Grid1D(-4, 4, 71);
        Grid2D grid = new Grid2D(gx, gy);
        TransferResult r2 = F64.evolve(TransferOperatorBuilder.build2D(model, 3, grid), Densities.gaussian(grid, model.initMean(), 0.2), 50, new int[] {0}, true, 1e-9);
        TransferResult rx = F64.evolve(TransferOperatorBuilder.build1D(m1, NoiseLaw.GAUSSIAN, eta, 3, gx), Densities.gaussian(gx, 0.5, 0.2), 50, new int[] {0}, true, 1e-9);
        TransferResult ry = F64.evolve(TransferOperatorBuilder.build1D(m2, NoiseLaw.GAUSSIAN, eta, 3, gy), Densities.gaussian(gy, -0.3, 0.2), 50, new int[] {0}, true, 1e-9);
        double[] p = r2.last().density(), px = rx.last().density(), py = ry.last().density();
        for (int iy = 0; iy < gy.cells(); iy++)
            for (int ix = 0; ix < gx.cells(); ix++)
                assertThat(p[grid.index(ix, iy)]).isCloseTo(px[ix] * py[iy], within(1e-14));
        LawSummary l2 = r2.last().law();
        assertThat(l2.mean(0)).isCloseTo(rx.last().law().mean(), within(1e-12));
        assertThat(l2.mean(1)).isCloseTo(ry.last().law().mean(), within(1e-12));
        assertThat(l2.variance(0)).isCloseTo(rx.last().law().variance(), within(1e-12));
        assertThat(l2.variance(1)).isCloseTo(ry.last().law().variance(), within(1e-12));
        assertThat(l2.covariance(0, 1)).isCloseTo(0, within(1e-12));
        assertThat(l2.lag1Autocovariance(0)).isCloseTo(rx.last().law().lag1Autocovariance(), within(1e-12));
        assertThat(l2.lag1Autocovariance(1)).isCloseTo(ry.last().law().lag1Autocovariance(), within(1e-12));
        assertThat(Densities.marginal(grid, p, 0)).containsExactly(px, within(1e-13));
    }

    @Test
    void coupledStationaryCovarianceMatchesTheLyapunovSolutionWithinTheCicBound() {
        double eta = 0.2;
        double[] h = {1, 0.3, 0.6};
        double[] cov = new double[25];
        cov[18] = 1; cov[24] = 0.5; cov[19] = cov[23] = 0.4;
        CoupledQuadratic2D model = new CoupledQuadratic2D(h, cov, NoiseLaw.GAUSSIAN, eta, 1, 1, new double[] {0, 0}, 0);
        Grid2D grid = new Grid2D(new Grid1D(-3.5, 3.5, 70), new Grid1D(-3.5, 3.5, 70));
        TransferOperator op = TransferOperatorBuilder.build2D(model, 3, grid);
        StationaryLaw law = F64.stationary(op, Densities.gaussian(grid, new double[] {0, 0}, 0.5), new PowerIteration(1e-12, 100_000, 16), 1e-9);
        assertThat(law.converged()).isTrue();
        // C = A C Aᵀ + η²Σ_g and the bias bound B = A B Aᵀ + (Δ²/4) I, by iteration.
        double a11 = 1 - eta * h[0], a12 = -eta * h[1], a22 = 1 - eta * h[2];
        double[] c = lyapunov(a11, a12, a22, eta * eta * 1, eta * eta * 0.4, eta * eta * 0.5);
        double d = grid.x().dx() * grid.x().dx() / 4;
        double[] b = lyapunov(a11, a12, a22, d, 0, d);
        double tol = Math.max(b[0], b[2]);
        LawSummary s = law.law();
        assertThat(s.variance(0)).isBetween(c[0] - 1e-9, c[0] + b[0]);
        assertThat(s.variance(1)).isBetween(c[2] - 1e-9, c[2] + b[2]);
        assertThat(s.covariance(0, 1)).isCloseTo(c[1], within(tol));
        assertThat(s.mean(0)).isCloseTo(0, within(1e-12));
    }

    /** Fixed point of S = A S Aᵀ + Q for symmetric A = [[a11, a12], [a12, a22]], S and Q as (11, 12, 22). */
    static double[] lyapunov(double a11, double a12, double a22, double q11, double q12, double q22) {
        double s11 = 0, s12 = 0, s22 = 0;
        for (int t = 0; t < 20_000; t++) {
            double as11 = a11 * s11 + a12 * s12, as12 = a11 * s12 + a12 * s22, as21 = a12 * s11 + a22 * s12, as22 = a12 * s12 + a22 * s22;
            double n11 = as11 * a11 + as12 * a12 + q11, n12 = as11 * a12 + as12 * a22 + q12, n22 = as21 * a12 + as22 * a22 + q22;
            s11 = n11; s12 = n12; s22 = n22;
        }
        return new double[] {s11, s12, s22};
    }

    @Test
    void nonFiniteDensityIsReportedAsDiverged() {
        Grid1D grid = new Grid1D(-1, 1, 20);
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.1, 3, grid);
        double[] p = Densities.gaussian(grid, 0, 0.2);
        p[7] = Double.NaN;
        TransferResult r = F64.evolve(op, p, 10, new int[] {0, 5}, false, 1e-9);
        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.stepsDone()).isZero();
        assertThat(r.checkpoints()).hasSize(1);
    }

    @Test
    void badArgumentsAreNamed() {
        Grid1D grid = new Grid1D(-1, 1, 20);
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.1, 3, grid);
        double[] p = Densities.gaussian(grid, 0, 0.2);
        assertThatThrownBy(() -> F64.evolve(op, p, 10, new int[] {5, 5}, false, 1e-9)).hasMessageContaining("checkpoints");
        assertThatThrownBy(() -> F64.evolve(op, new double[3], 10, new int[] {0}, false, 1e-9)).hasMessageContaining("initial");
        assertThatThrownBy(() -> F64.stationary(op, new double[20], PowerIteration.defaults(), 1e-9)).hasMessageContaining("start");
        assertThatThrownBy(() -> new PowerIteration(0, 10, 1)).hasMessageContaining("tolerance");
        assertThat(TransferOperatorSolver.checkpointsEvery(10, 4)).containsExactly(0, 4, 8, 10);
    }
}
