package org.sgdbench.solver.fokkerplanck;

/**
 * The grid density after {@code step} SGD steps (τ = step·η), with its moments (midpoint rule over the cell
 * centres) and, for comparison, the continuous model's exact mean and variance at the same τ started from the
 * grid's own initial moments (so their difference is the discretisation error alone).
 *
 * @param edgeMass      mass in the two outermost cells: when it is not negligible the walls are shaping the law
 * @param minDensity    smallest cell value (≥ 0 for a positive scheme)
 */
public record Checkpoint(long step, double tau, double mass, double mean, double variance, double edgeMass,
                         double minDensity, double continuousMean, double continuousVariance, double[] density) {
    public Checkpoint {
        density = density.clone();
    }

    /** A copy of the density at the cell centres. */
    @Override
    public double[] density() { return density.clone(); }
}
