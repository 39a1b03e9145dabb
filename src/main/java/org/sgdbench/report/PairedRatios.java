package org.sgdbench.report;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.inference.WilcoxonSignedRankTest;
import org.sgdbench.problem.InvalidSpecException;

/**
 * B/A from paired measurements: fork k of A and fork k of B ran next to each other, so a slow drift of the machine
 * (other load, thermal state, frequency) multiplies both and cancels in their ratio. The estimate is the geometric
 * mean of the per-pair ratios B_k/A_k with a Student t interval on the mean log ratio (n − 1 degrees of freedom);
 * the Wilcoxon signed-rank test (Hipparchus, exact for n ≤ 30) on the log ratios is reported beside it as a check
 * that needs no normality. With n pairs its smallest two-sided p is 2/2ⁿ (0.031 for 6 pairs, 0.0078 for 8).
 */
public final class PairedRatios {
    private PairedRatios() {}

    /**
     * @param ratio  geometric mean of B_k/A_k
     * @param lower  lower bound of the 1 − α interval (NaN with fewer than 2 pairs)
     * @param upper  upper bound
     * @param pValue two-sided Wilcoxon signed-rank p of the log ratios (NaN with fewer than 2 pairs)
     */
    public record Estimate(double ratio, double lower, double upper, double confidence, double pValue, int pairs) {}

    /** a[k], b[k]: the scores of the k-th pair of forks (both positive). */
    public static Estimate of(double[] a, double[] b, double alpha) {
        if (a.length != b.length) throw new InvalidSpecException("pairs", a.length + " vs " + b.length, "as many A as B forks");
        int n = a.length;
        double[] logs = new double[n];
        double mean = 0;
        for (int k = 0; k < n; k++) {
            if (!(a[k] > 0 && b[k] > 0 && Double.isFinite(a[k]) && Double.isFinite(b[k])))
                throw new InvalidSpecException("score", a[k] + " / " + b[k], "positive finite fork scores");
            logs[k] = Math.log(b[k] / a[k]);
            mean += logs[k] / n;
        }
        double ratio = Math.exp(mean), lo = Double.NaN, hi = Double.NaN, p = Double.NaN;
        if (n >= 2) {
            double ss = 0;
            for (double l : logs) ss += (l - mean) * (l - mean);
            double se = Math.sqrt(ss / (n - 1) / n);
            double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - alpha / 2);
            lo = Math.exp(mean - t * se);
            hi = Math.exp(mean + t * se);
            double[] zero = new double[n];
            p = allZero(logs) ? 1 : new WilcoxonSignedRankTest().wilcoxonSignedRankTest(logs, zero, n <= 30);
        }
        return new Estimate(ratio, lo, hi, 1 - alpha, p, n);
    }

    private static boolean allZero(double[] x) {
        for (double v : x) if (v != 0) return false;
        return true;
    }
}
