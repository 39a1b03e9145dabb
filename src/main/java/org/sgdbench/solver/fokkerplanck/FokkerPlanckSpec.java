package org.sgdbench.solver.fokkerplanck;

import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;

/**
 * One Fokker–Planck baseline run for one mode: the generator, the grid, the time stepping (τ = tη, each SGD step
 * split into {@code substepsPerSgdStep} implicit steps of Δτ = η/substeps), the horizon in SGD steps, how often to
 * record a checkpoint, and the initial law (Gaussian of mean {@code initMean} and standard deviation
 * {@code initSpread}, sampled at the cell centres; a point mass split between the two nearest centres when the
 * spread is 0).
 */
public record FokkerPlanckSpec(Mode mode, double eta, Generator generator, FvGrid grid, TimeScheme scheme,
                               int substepsPerSgdStep, int steps, int checkpointInterval,
                               double initMean, double initSpread) {
    public static final int MAX_SUBSTEPS = 1_000_000;

    public FokkerPlanckSpec {
        Check.notNull("mode", mode);
        if (!(mode.sigmaG() > 0))
            throw new InvalidSpecException("mode.sigmaG", mode.sigmaG(),
                "(0, 1e6]: without gradient noise the law collapses to a point no grid resolves");
        org.sgdbench.problem.Limits.eta(eta);
        Check.notNull("generator", generator);
        Check.notNull("grid", grid);
        Check.notNull("scheme", scheme);
        Check.inRange("substepsPerSgdStep", substepsPerSgdStep, 1, MAX_SUBSTEPS);
        Check.atLeast("steps", steps, 0);
        Check.atLeast("checkpointInterval", checkpointInterval, 1);
        Check.finite("initMean", initMean);
        if (!grid.contains(initMean))
            throw new InvalidSpecException("initMean", initMean, "(" + grid.lo() + ", " + grid.hi() + ")");
        Check.nonNegative("initSpread", initSpread);
    }

    /** Backward Euler, 10 substeps, no time steps (stationary law only), started from a point mass at 0. */
    public static FokkerPlanckSpec stationary(Mode mode, double eta, Generator generator, FvGrid grid) {
        return new FokkerPlanckSpec(mode, eta, generator, grid, TimeScheme.BACKWARD_EULER, 10, 0, 1, 0.0, 0.0);
    }

    /** Time step of the implicit scheme, Δτ = η/substeps. */
    public double dtau() { return eta / substepsPerSgdStep; }

    /** The continuous model this spec discretises. */
    public LinearFokkerPlanckModel model() { return generator.model(mode, eta); }

    public FokkerPlanckSpec withSteps(int t, int interval) {
        return new FokkerPlanckSpec(mode, eta, generator, grid, scheme, substepsPerSgdStep, t, interval, initMean, initSpread);
    }

    public FokkerPlanckSpec withTimeStepping(TimeScheme s, int substeps) {
        return new FokkerPlanckSpec(mode, eta, generator, grid, s, substeps, steps, checkpointInterval, initMean, initSpread);
    }

    public FokkerPlanckSpec withInit(double mean, double spread) {
        return new FokkerPlanckSpec(mode, eta, generator, grid, scheme, substepsPerSgdStep, steps, checkpointInterval, mean, spread);
    }

    public FokkerPlanckSpec withGrid(FvGrid g) {
        return new FokkerPlanckSpec(mode, eta, generator, g, scheme, substepsPerSgdStep, steps, checkpointInterval, initMean, initSpread);
    }

    public FokkerPlanckSpec withGenerator(Generator g) {
        return new FokkerPlanckSpec(mode, eta, g, grid, scheme, substepsPerSgdStep, steps, checkpointInterval, initMean, initSpread);
    }
}
