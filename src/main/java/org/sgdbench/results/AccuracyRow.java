package org.sgdbench.results;

/**
 * One row of the accuracy table: a quantity computed by a method (Monte Carlo ensemble on a backend, or a
 * distribution solver) against its exact value.
 *
 * @param caseId     the case (e.g. "confined-small-eta")
 * @param regime     the mode's regime from theory (confined, heavy-tailed, diffusive, unstable)
 * @param method     what computed {@code value}: ensemble, transfer-operator, langevin-fp, corrected-fp, ...
 * @param backend    backend that ran it ("-" for host-only solvers)
 * @param quantity   what is compared (variance at t=…, stationary variance, lag-1 autocorrelation, ...)
 * @param value      the computed value
 * @param exact      the reference the row is judged against: the exact SGD value for the ensemble and the
 *                   transfer operator; the continuous model's own closed form for the Fokker–Planck solvers
 * @param error      value − exact, relative when {@code relative}
 * @param tolerance  allowed |error|
 * @param reason     why that tolerance (Monte Carlo standard error, Δx² bias, quadrature order, ...)
 * @param sgdExact   the exact value of the quantity for SGD itself (theory)
 * @param langevin   the Brownian (OU/Langevin) prediction of the same quantity, NaN if none
 * @param langevinError error of that prediction against {@code sgdExact} (relative when {@code relative})
 */
public record AccuracyRow(String caseId, String regime, String method, String backend, String precision,
                          String quantity, double value, double exact, double error, boolean relative,
                          double tolerance, String reason, double sgdExact, double langevin, double langevinError,
                          Outcome outcome) {
    public boolean passed() { return outcome == Outcome.OK || outcome == Outcome.NOT_JUDGED; }
}
