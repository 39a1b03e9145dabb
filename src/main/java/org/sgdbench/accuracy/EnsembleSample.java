package org.sgdbench.accuracy;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.sgdbench.kernel.ModeStatistics;

/**
 * The positions of one mode at one checkpoint (x_t and x_{t−1} for every walker), with statistics and their
 * Monte Carlo standard errors by batch means: the walkers are split into {@link #BATCHES} contiguous batches,
 * the statistic is computed per batch, and SE = sd(batch values)/√batches. Valid only when the statistic's
 * own variance is finite (for a variance: a finite fourth moment), which the caller must check.
 */
public final class EnsembleSample {
    public static final int BATCHES = 32;

    private final double[] x, prev;
    private final ModeStatistics all;
    private final ModeStatistics[] batches;

    public EnsembleSample(double[] x, double[] prev) {
        this.x = x;
        this.prev = prev;
        this.all = ModeStatistics.of(x, prev);
        int n = x.length, nb = Math.min(BATCHES, n);
        this.batches = new ModeStatistics[nb];
        for (int b = 0; b < nb; b++) {
            int from = (int) ((long) n * b / nb), to = (int) ((long) n * (b + 1) / nb);
            batches[b] = ModeStatistics.of(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(prev, from, to));
        }
    }

    public ModeStatistics statistics() { return all; }

    /** Batch-means standard error of a statistic (of the whole ensemble, hence the 1/√batches). */
    public double standardError(ToDoubleFunction<ModeStatistics> statistic) {
        int nb = batches.length;
        if (nb < 2) return Double.NaN;
        double s = 0, s2 = 0;
        for (ModeStatistics b : batches) {
            double v = statistic.applyAsDouble(b);
            s += v;
            s2 += v * v;
        }
        double mean = s / nb, var = Math.max(0, (s2 - nb * mean * mean) / (nb - 1));
        return Math.sqrt(var / nb);
    }

    /**
     * Hill estimator of the tail index of |x| from the k largest values: α̂ = k / Σ_{i<k} ln(X_(i)/X_(k)).
     * Its standard error is about α̂/√k (plus a bias from the second-order tail behaviour).
     */
    public double hillTailIndex(int k) {
        double[] a = new double[x.length];
        int n = 0;
        for (double v : x) if (Double.isFinite(v)) a[n++] = Math.abs(v);
        if (k < 2 || k >= n) return Double.NaN;
        Arrays.sort(a, 0, n);
        double threshold = a[n - 1 - k], s = 0;
        for (int i = n - k; i < n; i++) s += Math.log(a[i] / threshold);
        return k / s;
    }

    public int size() { return x.length; }
}
