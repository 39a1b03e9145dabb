package org.sgdbench.accuracy;

import java.util.Locale;
import org.sgdbench.results.Outcome;

/**
 * The one function that decides every accuracy row: DIVERGED when the computed value is not finite, NOT_JUDGED
 * when there is no valid tolerance or when the tolerance is at least as wide as the quantity it judges (a check
 * that cannot fail is no check), OK when |error| ≤ tolerance and nothing else went wrong, LARGE_ERROR otherwise.
 */
public final class Verdict {
    private Verdict() {}

    /**
     * @param value     the computed value
     * @param error     value − reference (relative when the row is relative)
     * @param tolerance allowed |error|, in the same units as {@code error}; NaN = no valid tolerance
     * @param scale     the size of the quantity in the units of {@code error}: 1 for a relative error, |reference|
     *                  (or a stated natural scale when the reference is 0: the law's standard deviation for a
     *                  mean, 1 for a correlation or a distance between laws) for an absolute one
     * @param sound     false when a side condition failed (e.g. the solver lost more mass than allowed)
     */
    public static Outcome decide(double value, double error, double tolerance, double scale, boolean sound) {
        if (!Double.isFinite(value)) return Outcome.DIVERGED;
        if (!(tolerance >= 0) || tooWide(tolerance, scale)) return Outcome.NOT_JUDGED;
        return sound && Math.abs(error) <= tolerance ? Outcome.OK : Outcome.LARGE_ERROR;
    }

    /** Whether a tolerance is too wide to judge anything: at least the quantity's own scale. */
    public static boolean tooWide(double tolerance, double scale) {
        return !(tolerance < scale);
    }

    /** The reason text of a row whose tolerance is too wide. */
    public static String tooWideReason(double tolerance, double scale, String derivation) {
        return String.format(Locale.ROOT, "not judged: tolerance too wide (%.3g ≥ the quantity's scale %.3g; %s)",
            tolerance, scale, derivation);
    }
}
