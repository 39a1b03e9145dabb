package org.sgdbench.accuracy;

import org.sgdbench.accuracy.Baselines.Predictions;
import org.sgdbench.accuracy.Baselines.Quantity;
import org.sgdbench.kernel.Backend;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;

/**
 * Factories of accuracy rows: every judged row goes through {@link Verdict#decide}, and every row carries the
 * OU, Itô–Langevin and best-diffusion predictions of its quantity from {@link Baselines}.
 */
final class Rows {
    private Rows() {}

    /** Who computed the rows and for which case: typed, written as the tables' names. */
    record Context(String caseId, String regime, Method method, Backend backend, Precision precision, Baselines baselines) {}

    /** A row judged against {@code reference} with {@code tolerance}; {@code scale} is the quantity's size for absolute rows. */
    static AccuracyRow judged(Context c, String quantity, Quantity kind, long t, double value, double reference,
                              boolean relative, double tolerance, double scale, String why, boolean sound) {
        double err = relative ? value / reference - 1 : value - reference;
        double s = relative ? 1 : scale;
        Outcome o = Verdict.decide(value, err, tolerance, s, sound);
        String reason = why;
        if (o == Outcome.NOT_JUDGED && tolerance >= 0) reason = Verdict.tooWideReason(tolerance, s, why);
        else if (!sound && o == Outcome.LARGE_ERROR) reason = why + " — MASS LOST beyond the tolerance";
        return row(c, quantity, kind, t, value, reference, err, relative, tolerance, reason, o);
    }

    /** A row deliberately not judged: the reference is not valid for it ({@code why} says so). */
    static AccuracyRow notJudged(Context c, String quantity, Quantity kind, long t, double value, double reference,
                                 boolean relative, String why) {
        double err = relative ? value / reference - 1 : value - reference;
        return row(c, quantity, kind, t, value, reference, err, relative, Double.NaN, why, Outcome.NOT_JUDGED);
    }

    /** A row with an outcome and no numbers (unavailable, not supported, failed, diverged). */
    static AccuracyRow status(Context c, String quantity, Outcome o, String why) {
        return row(c, quantity, Quantity.OTHER, 0, Double.NaN, Double.NaN, Double.NaN, false, Double.NaN, why, o);
    }

    /**
     * A row of a model without per-mode Brownian baselines (linear regression, the MLP): the Itô and best-diffusion
     * columns are NaN, the OU column is whatever the caller compares.
     */
    static AccuracyRow plain(String caseId, String regime, String method, String backend, String precision,
                             String quantity, double value, double exact, double error, boolean relative,
                             double tolerance, String reason, double sgdExact, double langevin, double langevinError,
                             Outcome outcome) {
        return new AccuracyRow(caseId, regime, method, backend, precision, quantity, value, exact, error, relative,
            tolerance, reason, sgdExact, langevin, langevinError, outcome, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            "");
    }

    private static AccuracyRow row(Context c, String quantity, Quantity kind, long t, double value, double reference,
                                   double err, boolean relative, double tol, String reason, Outcome o) {
        Predictions p = c.baselines() == null ? Predictions.NONE : c.baselines().at(kind, t);
        String note = c.baselines() == null ? "" : c.baselines().bestDiffusion().explanation();
        return new AccuracyRow(c.caseId(), c.regime(), c.method().id(), c.backend().id(), c.precision().name(), quantity, value,
            reference, err, relative, tol, reason, p.sgd(), p.ou(), error(p.ou(), p.sgd(), relative), o, p.ito(),
            error(p.ito(), p.sgd(), relative), p.best(), error(p.best(), p.sgd(), relative), note);
    }

    private static double error(double prediction, double sgd, boolean relative) {
        if (Double.isNaN(prediction) || Double.isNaN(sgd)) return Double.NaN;
        if (!relative) return prediction - sgd;
        if (sgd == 0) return Double.NaN;
        if (Double.isInfinite(prediction) && Double.isInfinite(sgd)) return 0;
        return prediction / sgd - 1;
    }
}
