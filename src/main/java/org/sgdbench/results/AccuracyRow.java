package org.sgdbench.results;

/**
 * One row of the accuracy table: a quantity computed by a method (Monte Carlo ensemble on a backend, or a
 * distribution solver) against its exact value, with what the Brownian pictures predict for the same quantity.
 * Rows are built by the accuracy pass's factories ({@code accuracy.Rows}), not positionally.
 *
 * @param caseId     the case (e.g. "confined-small-eta")
 * @param regime     the mode's regime from theory (confined, heavy-tailed, diffusive, unstable)
 * @param method     what computed {@code value}: ensemble, transfer-operator, langevin-fp, corrected-fp, ...
 * @param backend    backend that ran it ("-" for host-only solvers)
 * @param quantity   what is compared (variance at t=…, stationary variance, lag-1 autocorrelation, ...)
 * @param value      the computed value
 * @param exact      the reference the row is judged against: the exact SGD value (or law) for the ensemble and
 *                   the transfer operator; the continuous model's own closed form for the Fokker–Planck solvers
 * @param error      value − exact, relative when {@code relative}
 * @param tolerance  allowed |error|
 * @param reason     why that tolerance (Monte Carlo standard error, Δx² bias, quadrature order, ...)
 * @param sgdExact   the exact value of the quantity for SGD itself (theory)
 * @param langevin   OU's prediction (Langevin with constant noise at the mean Hessian), NaN if none
 * @param langevinError error of that prediction against {@code sgdExact} (relative when {@code relative})
 * @param ito        Itô–Langevin's prediction (state-dependent noise σ_h²x² + σ_g²), NaN if none
 * @param itoError   its error against {@code sgdExact}
 * @param bestDiffusion the best diffusion's prediction (OU matching SGD's one-step mean map and v∞), NaN where
 *                   no diffusion can reproduce SGD
 * @param bestDiffusionError its error against {@code sgdExact}
 * @param diffusionNote where the best diffusion exists, is exact, or why none can reproduce SGD
 */
public record AccuracyRow(String caseId, String regime, String method, String backend, String precision,
                          String quantity, double value, double exact, double error, boolean relative,
                          double tolerance, String reason, double sgdExact, double langevin, double langevinError,
                          Outcome outcome, double ito, double itoError, double bestDiffusion,
                          double bestDiffusionError, String diffusionNote) {
    public boolean passed() { return outcome == Outcome.OK || outcome == Outcome.NOT_JUDGED; }
}
