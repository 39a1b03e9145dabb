package org.sgdbench.solver.fokkerplanck;

import java.util.List;

/**
 * Outcome of one Fokker–Planck baseline run.
 *
 * @param status                       the continuous model's regime, or DIVERGED if the grid density went non-finite
 * @param model                        drift rate κ and diffusion coefficients of the generator for this mode
 * @param checkpoints                  step 0, every {@code checkpointInterval} steps, and the last step
 * @param stationary                   the grid's stationary law (direct solve) and the exact continuous values
 * @param lag1Autocorrelation          the continuous model's stationary lag-1 (one SGD step) autocorrelation e^{−κη};
 *                                     NaN unless the status is OK
 * @param lag1AutocorrelationNumerical the same from the discrete operator: (x − m)P∞ evolved over one SGD step with
 *                                     the run's scheme and substeps, projected on (x − m); includes the time-step error
 */
public record FokkerPlanckResult(FokkerPlanckSpec spec, FokkerPlanckStatus status, LinearFokkerPlanckModel model,
                                 List<Checkpoint> checkpoints, StationaryLaw stationary, double lag1Autocorrelation,
                                 double lag1AutocorrelationNumerical) {
    public FokkerPlanckResult {
        checkpoints = List.copyOf(checkpoints);
    }

    public Checkpoint last() { return checkpoints.get(checkpoints.size() - 1); }
}
