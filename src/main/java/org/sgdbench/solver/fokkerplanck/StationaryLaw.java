package org.sgdbench.solver.fokkerplanck;

/**
 * The stationary law of the discretised generator on the truncated grid, solved directly (the exact null vector
 * of the finite-volume operator, {@link FokkerPlanckStepKernel#stationaryDensity}), next to the continuous
 * model's exact values on the whole line. Only meaningful as a stationary law of the model when the run's status
 * is {@link FokkerPlanckStatus#OK}; otherwise it is the walls' law.
 *
 * @param exactVariance the continuous model's v∞ (+Inf for infinite variance, NaN without a stationary law)
 * @param tailIndex     the continuous law's tail index 1 + κ/d2 (+Inf for a Gaussian)
 */
public record StationaryLaw(double mass, double mean, double variance, double edgeMass, double exactVariance,
                            double tailIndex, double[] density) {
    public StationaryLaw {
        density = density.clone();
    }

    @Override
    public double[] density() { return density.clone(); }
}
