package org.sgdbench.solver.fokkerplanck;

/**
 * Outcome of a Fokker–Planck run. The first four describe the continuous model on the whole line (not the
 * truncated grid, which always has a stationary law); {@link #DIVERGED} is a numerical failure of the run.
 */
public enum FokkerPlanckStatus {
    /** A stationary law with finite variance exists; the checkpoints and the stationary law are meaningful. */
    OK,
    /**
     * A stationary law exists but its power-law tail (index ≤ 2, only with state-dependent diffusion) has no
     * finite variance: any grid variance is an artefact of the truncation. Checkpoints are still valid densities.
     */
    INFINITE_VARIANCE,
    /**
     * Flat mode (drift 0, constant diffusion): no stationary law, the variance grows linearly with slope 2D per
     * unit τ. Checkpoints are valid while the density has not reached the walls ({@link Checkpoint#edgeMass}).
     */
    DIFFUSIVE,
    /** The continuous model has no stationary law (repelling drift not tamed by the noise). */
    UNSTABLE,
    /** The computed density became NaN or ±Inf; the run stopped at the last finite checkpoint. */
    DIVERGED
}
