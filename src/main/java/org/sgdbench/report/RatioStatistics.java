package org.sgdbench.report;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Variance;
import org.hipparchus.stat.inference.MannWhitneyUTest;

/**
 * Candidate/baseline ratio of two sets of JMH per-iteration scores, with a confidence interval and a Mann–Whitney U
 * test.
 *
 * <p>Interval: Welch's t interval on the log of the ratio of means, by the delta method:
 * log(m̄c/m̄b) ± t_{ν, 1−α/2}·√(s_c²/(n_c m̄c²) + s_b²/(n_b m̄b²)), ν from Welch–Satterthwaite on the same
 * relative variances; exponentiated. Working on the log keeps the interval positive and symmetric in "2× faster" vs
 * "2× slower". Needs at least two samples on each side (NaN bounds otherwise).
 *
 * <p>Test: Hipparchus' two-sided Mann–Whitney U test (exact p-value for small samples without ties, normal
 * approximation otherwise). With n samples a side the smallest attainable exact p is 2/C(2n, n): 0.1 for 3 vs 3,
 * 0.0079 for 5 vs 5 — a run with 3 iterations cannot show a significant difference at α = 0.01, and
 * {@link #minimumP} says so.
 */
public final class RatioStatistics {
    private RatioStatistics() {}

    /**
     * @param ratio  mean(candidate)/mean(baseline)
     * @param lower  lower bound of the (1 − α) interval of the ratio, NaN with fewer than 2 samples a side
     * @param upper  upper bound
     * @param pValue two-sided Mann–Whitney p, NaN with fewer than 1 sample a side
     * @param minimumP the smallest p the exact test can give for these sample sizes (1 when a side is empty)
     */
    public record Estimate(double ratio, double lower, double upper, double confidence, double pValue,
                           double minimumP, int baselineSamples, int candidateSamples) {}

    public static Estimate compare(double[] baseline, double[] candidate, double alpha) {
        int nb = baseline.length, nc = candidate.length;
        double mb = nb == 0 ? Double.NaN : new Mean().evaluate(baseline);
        double mc = nc == 0 ? Double.NaN : new Mean().evaluate(candidate);
        double ratio = mc / mb, lo = Double.NaN, hi = Double.NaN;
        if (nb >= 2 && nc >= 2 && mb > 0 && mc > 0) {
            double rb = new Variance().evaluate(baseline) / (nb * mb * mb);
            double rc = new Variance().evaluate(candidate) / (nc * mc * mc);
            double se = Math.sqrt(rb + rc);
            if (se == 0) {
                lo = hi = ratio;
            } else {
                double df = (rb + rc) * (rb + rc) / (rb * rb / (nb - 1) + rc * rc / (nc - 1));
                double t = new TDistribution(df).inverseCumulativeProbability(1 - alpha / 2);
                lo = ratio * Math.exp(-t * se);
                hi = ratio * Math.exp(t * se);
            }
        }
        double p = nb >= 1 && nc >= 1 ? new MannWhitneyUTest().mannWhitneyUTest(baseline, candidate) : Double.NaN;
        return new Estimate(ratio, lo, hi, 1 - alpha, p, minimumP(nb, nc), nb, nc);
    }

    /** 2/C(n_b + n_c, n_b): the two-sided exact Mann–Whitney p when the two samples do not overlap at all. */
    public static double minimumP(int nb, int nc) {
        if (nb < 1 || nc < 1) return 1;
        double logBinom = 0;
        for (int i = 1; i <= nb; i++) logBinom += Math.log(nc + i) - Math.log(i);
        return Math.min(1, 2 * Math.exp(-logBinom));
    }
}
