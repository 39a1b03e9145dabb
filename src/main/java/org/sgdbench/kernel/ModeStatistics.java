package org.sgdbench.kernel;

/**
 * Ensemble statistics of one mode at one checkpoint, over the walkers whose position is finite.
 *
 * @param mean      sample mean of x_t
 * @param variance  sample variance of x_t (divisor N − 1)
 * @param central4  fourth central moment E[(x − mean)⁴] (divisor N)
 * @param lag1Cov   Cov(x_{t−1}, x_t) over walkers (divisor N − 1)
 * @param maxAbs    max |x_t|
 * @param nonFinite walkers whose position is NaN or ±Inf (diverged)
 * @param count     walkers counted (finite ones)
 */
public record ModeStatistics(double mean, double variance, double central4, double lag1Cov, double maxAbs,
                             long nonFinite, long count) {
    /** Lag-1 autocorrelation Cov(x_{t−1}, x_t) / Var(x_t); NaN when the variance is 0. */
    public double lag1Correlation() { return variance > 0 ? lag1Cov / variance : Double.NaN; }

    /** Standard error of the sample variance, sqrt((m4 − σ⁴·(N−3)/(N−1)) / N); needs a finite fourth moment. */
    public double varianceStandardError() {
        if (count < 2) return Double.NaN;
        double v = variance;
        return Math.sqrt(Math.max(0, central4 - v * v * (count - 3.0) / (count - 1.0)) / count);
    }

    public double meanStandardError() { return count > 0 ? Math.sqrt(variance / count) : Double.NaN; }

    public boolean diverged() { return nonFinite > 0; }

    /** Two-pass statistics in a fixed order (deterministic, independent of the backend). */
    public static ModeStatistics of(double[] x, double[] prev) {
        int n = x.length;
        long finite = 0;
        double sx = 0, sp = 0, maxAbs = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = prev[i];
            if (Double.isFinite(xi) && Double.isFinite(pi)) {
                finite++;
                sx += xi;
                sp += pi;
                maxAbs = Math.max(maxAbs, Math.abs(xi));
            }
        }
        if (finite == 0) return new ModeStatistics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, 0);
        double mx = sx / finite, mp = sp / finite;
        double s2 = 0, s4 = 0, sc = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i], pi = prev[i];
            if (Double.isFinite(xi) && Double.isFinite(pi)) {
                double d = xi - mx, dp = pi - mp, d2 = d * d;
                s2 += d2;
                s4 += d2 * d2;
                sc += d * dp;
            }
        }
        double denom = finite > 1 ? finite - 1.0 : 1.0;
        return new ModeStatistics(mx, s2 / denom, s4 / finite, sc / denom, maxAbs, n - finite, finite);
    }
}
