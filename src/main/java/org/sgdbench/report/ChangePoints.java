package org.sgdbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgdbench.problem.InvalidSpecException;

/**
 * Change points of a series by E-divisive means (Matteson &amp; James, "A nonparametric approach for multiple change
 * point analysis of multivariate data", JASA 2014), univariate, with exponent α = 1.
 *
 * <p>For a segment x_0 … x_{n−1} and a split τ (left X = x_0..x_{τ−1}, right Y = x_τ..x_{n−1}), the energy
 * distance statistic is Q(τ) = (τ(n−τ)/n)·[2·mean|X−Y| − mean|X−X'| − mean|Y−Y'|]; it is large when the two sides
 * come from different distributions (the within-side means run over the C(τ, 2) and C(n−τ, 2) distinct pairs) (a shift in mean above all). The best split of a segment is the τ maximising
 * Q. Its significance: the same maximum over random permutations of the segment; p = (1 + #{permuted max ≥
 * observed}) / (1 + permutations). A split with p &lt; α is kept and both sides are searched again (binary
 * segmentation), each side at least {@code minSize} long. Permutations use a fixed seed, so the answer is
 * reproducible. A split whose two sides' means differ by less than {@code minRelativeShift} is not a change.
 *
 * <p>Why this method: it needs no distributional assumption (benchmark scores are skewed, with outliers), finds
 * several changes, and its permutation test controls false alarms on a stationary noisy series.
 */
public final class ChangePoints {
    /**
     * A change at {@code index}: the first point of the new level.
     *
     * @param before mean of the segment before (back to the previous change)
     * @param after  mean of the segment after (up to the next change)
     * @param pValue the permutation test's p-value when the change was found
     */
    public record Change(int index, double before, double after, double pValue) {
        /** after / before. */
        public double ratio() { return after / before; }
    }

    /**
     * Settings: significance level, permutations per test, smallest segment, seed of the permutations, and the
     * smallest relative shift of the mean that counts (as {@code compare}'s threshold: binary segmentation tests
     * many segments, and a significant but tiny shift in a noisy history is more often a false alarm than news).
     */
    public record Settings(double alpha, int permutations, int minSize, long seed, double minRelativeShift) {
        public Settings {
            if (!(minRelativeShift >= 0 && minRelativeShift < 1))
                throw new InvalidSpecException("minRelativeShift", minRelativeShift, "[0, 1)");
            if (!(alpha > 0 && alpha < 1)) throw new InvalidSpecException("alpha", alpha, "(0, 1)");
            if (permutations < 19 || permutations > 100_000)
                throw new InvalidSpecException("permutations", permutations, "[19, 100000]");
            if (minSize < 2) throw new InvalidSpecException("minSize", minSize, "≥ 2");
        }

        /** α = 0.01, 999 permutations, segments of at least 3 points, shifts of at least 5 %. */
        public static Settings defaults() { return new Settings(0.01, 999, 3, 20_261_201L, 0.05); }
    }

    private ChangePoints() {}

    /** The change points of {@code series} in increasing order of index. */
    public static List<Change> find(double[] series, Settings s) {
        for (double v : series)
            if (!Double.isFinite(v)) throw new InvalidSpecException("series", v, "finite values");
        List<Integer> cuts = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        split(series, 0, series.length, s, new SplittableRandom(s.seed()), cuts, pValues);
        // sort cuts with their p-values
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) order.add(new int[] {cuts.get(i), i});
        order.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Change> out = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            int at = order.get(k)[0];
            int from = k == 0 ? 0 : order.get(k - 1)[0];
            int to = k + 1 < order.size() ? order.get(k + 1)[0] : series.length;
            out.add(new Change(at, mean(series, from, at), mean(series, at, to), pValues.get(order.get(k)[1])));
        }
        return out;
    }

    private static void split(double[] x, int from, int to, Settings s, SplittableRandom rnd, List<Integer> cuts,
                              List<Double> pValues) {
        int n = to - from;
        if (n < 2 * s.minSize()) return;
        double[] seg = java.util.Arrays.copyOfRange(x, from, to);
        int[] best = new int[1];
        double observed = maxStatistic(seg, s.minSize(), best);
        if (!(observed > 0)) return;
        int atLeast = 0;
        double[] perm = seg.clone();
        for (int r = 0; r < s.permutations(); r++) {
            for (int i = perm.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                double t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            if (maxStatistic(perm, s.minSize(), null) >= observed) atLeast++;
        }
        double p = (1.0 + atLeast) / (1.0 + s.permutations());
        if (p >= s.alpha()) return;
        int cut = from + best[0];
        double shift = mean(x, cut, to) / mean(x, from, cut) - 1;
        if (!(Math.abs(shift) >= s.minRelativeShift())) return;
        cuts.add(cut);
        pValues.add(p);
        split(x, from, cut, s, rnd, cuts, pValues);
        split(x, cut, to, s, rnd, cuts, pValues);
    }

    /**
     * max over τ ∈ [minSize, n − minSize] of Q(τ); the argmax goes to {@code argmax[0]} when given. O(n²) with
     * running sums of pairwise distances: fine for the lengths of a run history (hundreds of points).
     */
    static double maxStatistic(double[] x, int minSize, int[] argmax) {
        int n = x.length;
        // d[i][j] = |x_i − x_j|; within-left sums grow with τ, within-right sums shrink
        double[][] d = new double[n][n];
        double total = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                d[i][j] = d[j][i] = Math.abs(x[i] - x[j]);
                total += d[i][j];
            }
        // rowSum[i] = Σ_j d[i][j]
        double[] rowSum = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) rowSum[i] += d[i][j];
        double within = 0; // Σ_{i<j<τ} d (left pairs)
        double cross = 0; // Σ_{i<τ≤j} d
        double best = Double.NEGATIVE_INFINITY;
        for (int tau = 1; tau < n; tau++) {
            int k = tau - 1; // point k moves from right to left
            double toLeft = 0;
            for (int i = 0; i < k; i++) toLeft += d[i][k];
            // cross loses the pairs (i<k, k) and gains (k, j≥tau)
            cross += rowSum[k] - toLeft - toLeft;
            within += toLeft;
            if (tau < minSize || n - tau < minSize) continue;
            double right = total - within - cross;
            int a = tau, b = n - tau;
            double e = 2 * cross / ((double) a * b) - within / (a * (a - 1) / 2.0) - right / (b * (b - 1) / 2.0);
            double q = (double) a * b / n * e;
            if (q > best) {
                best = q;
                if (argmax != null) argmax[0] = tau;
            }
        }
        return best;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }
}
