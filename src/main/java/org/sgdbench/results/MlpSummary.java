package org.sgdbench.results;

import java.util.List;

/**
 * What the MLP experiment of a run found, beside its accuracy rows: the minimum, the Hessian spectrum and the
 * direction classes, and the variance curves of selected directions (the report's MLP section). Written to
 * {@value #FILE} in the run directory.
 *
 * @param caseId        the case, e.g. "mlp-H16-b32-with-replacement-eta0.1"
 * @param spec          the experiment's parameters, as text
 * @param minimum       how θ* was found (iterations, gradient norm, train / test accuracy, cache)
 * @param eigenvalues   the Hessian's eigenvalues at θ*, decreasing
 * @param classes       number of directions per class: confined, flat, inert, other (and negative / near-zero counts)
 * @param curves        variance against step per direction and method (ensemble per backend, recursion, OU, diffusion law)
 */
public record MlpSummary(String caseId, String spec, String minimum, List<Double> eigenvalues,
                         java.util.Map<String, Integer> classes, List<VarianceTrajectory> curves) {
    public static final String FILE = "mlp.json";

    public MlpSummary {
        eigenvalues = List.copyOf(eigenvalues);
        classes = java.util.Map.copyOf(classes);
        curves = List.copyOf(curves);
    }
}
