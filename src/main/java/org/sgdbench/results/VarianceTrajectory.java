package org.sgdbench.results;

import java.util.List;

/**
 * The variance of one mode against the SGD step, as one method sees it (exact theory, OU/Langevin theory,
 * the Monte Carlo ensemble, the transfer operator, a Fokker–Planck solver): the data behind the report's
 * "variance vs step" plots. Written to trajectories.json in the run directory.
 */
public record VarianceTrajectory(String caseId, String regime, String method, String backend, List<Long> steps,
                                 List<Double> variance) {
    public VarianceTrajectory {
        steps = List.copyOf(steps);
        variance = List.copyOf(variance);
        if (steps.size() != variance.size())
            throw new IllegalArgumentException("steps and variance differ in length: " + steps.size() + " vs " + variance.size());
    }
}
