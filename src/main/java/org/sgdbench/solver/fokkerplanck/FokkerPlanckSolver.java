package org.sgdbench.solver.fokkerplanck;

import java.util.ArrayList;
import java.util.List;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;

/**
 * The continuous (Brownian-picture) baselines of docs/design.md ("Distribution solvers", item 3) for one mode: evolves the density of a
 * {@link Generator} on a finite-volume grid ({@link FokkerPlanckStepKernel}: Scharfetter–Gummel fluxes, zero-flux
 * walls, implicit steps), records checkpoints in SGD steps (τ = tη), solves the grid's stationary law directly,
 * and predicts the lag-1 autocorrelation over one SGD step. Modes are independent, so a multi-mode problem is one
 * call per mode.
 */
public final class FokkerPlanckSolver {
    private FokkerPlanckSolver() {}

    /** Smallest substep count for which a Crank–Nicolson step stays positive on the spec's grid. */
    public static int minCrankNicolsonSubsteps(FokkerPlanckSpec spec) {
        double rate = FokkerPlanckStepKernel.maxOutflowRate(spec.grid(), spec.model());
        double need = Math.ceil(spec.eta() * rate / 2 * (1 + 1e-12));
        return (int) Math.max(1, Math.min(need, Integer.MAX_VALUE));
    }

    /** A kernel for the spec's generator, grid and time step, loaded with the spec's initial law. */
    public static FokkerPlanckStepKernel kernel(FokkerPlanckSpec spec) {
        Check.notNull("spec", spec);
        if (spec.scheme() == TimeScheme.CRANK_NICOLSON) {
            int min = minCrankNicolsonSubsteps(spec);
            if (spec.substepsPerSgdStep() < min)
                throw new InvalidSpecException("substepsPerSgdStep", spec.substepsPerSgdStep(),
                    "[" + min + ", " + FokkerPlanckSpec.MAX_SUBSTEPS + "] for a positive Crank-Nicolson step on this grid");
        }
        FokkerPlanckStepKernel k = new FokkerPlanckStepKernel(spec.grid(), spec.model(), spec.dtau(), spec.scheme());
        k.load(initialDensity(spec.grid(), spec.initMean(), spec.initSpread()));
        return k;
    }

    public static FokkerPlanckResult solve(FokkerPlanckSpec spec) {
        FokkerPlanckStepKernel kernel = kernel(spec);
        FvGrid grid = spec.grid();
        LinearFokkerPlanckModel model = spec.model();
        double[] buf = new double[grid.cells()];
        List<Checkpoint> checkpoints = new ArrayList<>();

        kernel.copyDensityTo(buf);
        double[] m0 = moments(grid, buf);
        double mean0 = m0[1], var0 = m0[2];
        checkpoints.add(checkpoint(0, spec, model, buf, m0, mean0, var0));

        FokkerPlanckStatus status = model.regime();
        int substeps = spec.substepsPerSgdStep();
        for (int t = 1; t <= spec.steps(); t++) {
            for (int s = 0; s < substeps; s++) kernel.step();
            // Any NaN/Inf reaches every cell through the two sweeps, so the mass is a complete check.
            if (!Double.isFinite(kernel.mass())) {
                status = FokkerPlanckStatus.DIVERGED;
                break;
            }
            if (t % spec.checkpointInterval() == 0 || t == spec.steps()) {
                kernel.copyDensityTo(buf);
                checkpoints.add(checkpoint(t, spec, model, buf, moments(grid, buf), mean0, var0));
            }
        }

        double[] stationary = FokkerPlanckStepKernel.stationaryDensity(grid, model);
        double[] sm = moments(grid, stationary);
        StationaryLaw law = new StationaryLaw(sm[0], sm[1], sm[2], edgeMass(grid, stationary),
            model.stationaryVariance(), model.tailIndex(), stationary);

        double lag1 = Double.NaN, lag1Numerical = Double.NaN;
        if (model.regime() == FokkerPlanckStatus.OK) {
            lag1 = model.lag1Autocorrelation(spec.eta());
            lag1Numerical = numericalLag1(spec, stationary, sm[1], sm[2]);
        }
        return new FokkerPlanckResult(spec, status, model, checkpoints, law, lag1, lag1Numerical);
    }

    /**
     * Corr(x_t, x_{t+1}) under the discrete operator: E[(x_{t+1} − m)(x_t − m)] = ⟨x − m, S^k((x − m)P∞)⟩ with S
     * one implicit step and k the substeps per SGD step (the step is linear, so a signed density is fine).
     */
    private static double numericalLag1(FokkerPlanckSpec spec, double[] stationary, double mean, double variance) {
        FvGrid grid = spec.grid();
        int n = grid.cells();
        double[] q = new double[n];
        for (int i = 0; i < n; i++) q[i] = (grid.center(i) - mean) * stationary[i];
        FokkerPlanckStepKernel k = new FokkerPlanckStepKernel(grid, spec.model(), spec.dtau(), spec.scheme());
        k.load(q);
        for (int s = 0; s < spec.substepsPerSgdStep(); s++) k.step();
        k.copyDensityTo(q);
        double cov = 0;
        for (int i = 0; i < n; i++) cov += (grid.center(i) - mean) * q[i];
        return cov * grid.dx() / variance;
    }

    private static Checkpoint checkpoint(long step, FokkerPlanckSpec spec, LinearFokkerPlanckModel model,
                                         double[] density, double[] m, double mean0, double var0) {
        double tau = step * spec.eta();
        double min = Double.POSITIVE_INFINITY;
        for (double v : density) min = Math.min(min, v);
        return new Checkpoint(step, tau, m[0], m[1], m[2], edgeMass(spec.grid(), density), min,
            model.mean(tau, mean0), model.variance(tau, mean0, var0), density);
    }

    /** {mass, mean, variance} of a density at the cell centres (midpoint rule, two passes). */
    public static double[] moments(FvGrid grid, double[] density) {
        int n = grid.cells();
        double dx = grid.dx();
        double mass = 0, first = 0;
        for (int i = 0; i < n; i++) {
            mass += density[i];
            first += grid.center(i) * density[i];
        }
        double mean = first / mass;
        double second = 0;
        for (int i = 0; i < n; i++) {
            double d = grid.center(i) - mean;
            second += d * d * density[i];
        }
        return new double[] {mass * dx, mean, second / mass};
    }

    static double edgeMass(FvGrid grid, double[] density) {
        return (density[0] + density[grid.cells() - 1]) * grid.dx();
    }

    /**
     * Initial law at the cell centres, normalised to unit mass: a Gaussian sampled at the centres (in log space
     * relative to its largest value, so a narrow one cannot underflow to all zeros), or for spread 0 a point mass
     * split linearly between the two nearest centres (preserves mass and mean; adds variance ≤ Δx²/4).
     */
    public static double[] initialDensity(FvGrid grid, double mean, double spread) {
        int n = grid.cells();
        double dx = grid.dx();
        double[] p = new double[n];
        if (spread == 0) {
            double s = (mean - grid.lo()) / dx - 0.5;
            if (s <= 0) p[0] = 1 / dx;
            else if (s >= n - 1) p[n - 1] = 1 / dx;
            else {
                int j = (int) Math.floor(s);
                double frac = s - j;
                p[j] = (1 - frac) / dx;
                p[j + 1] = frac / dx;
            }
            return p;
        }
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double z = (grid.center(i) - mean) / spread;
            p[i] = -0.5 * z * z;
            maxLog = Math.max(maxLog, p[i]);
        }
        double mass = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(p[i] - maxLog);
            mass += p[i];
        }
        double norm = 1 / (mass * dx);
        for (int i = 0; i < n; i++) p[i] *= norm;
        return p;
    }
}
