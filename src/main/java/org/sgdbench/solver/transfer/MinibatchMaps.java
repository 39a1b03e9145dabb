package org.sgdbench.solver.transfer;

import java.util.ArrayList;
import java.util.List;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.NoiseQuadrature;
import org.sgdbench.problem.NoiseQuadrature2D;
import org.sgdbench.problem.Sampling;

/**
 * The exact law of one minibatch-SGD step on least squares as a finite set of affine maps: every distinct minibatch
 * B with its probability, written as noise atoms around the mean Hessian in the coordinates e = θ − θ*:
 * e' = e − η((H + δH_B) e + g_B), δH_B = H_B − H, g_B = (1/b)Σ_{i∈B} xᵢrᵢ. With replacement the distinct maps are
 * the multisets of b indices (multinomial probabilities b!/(∏ countᵢ!)/nᵇ); without replacement the b-subsets (each
 * 1/C(n, b)). The transfer operator built from these atoms is the exact step of the law, up to the grid.
 * Random reshuffling is not a sequence of independent steps and has no such operator.
 */
public final class MinibatchMaps {
    /** Most distinct minibatch maps a grid operator is built from. */
    public static final int MAX_MAPS = 5000;

    private final double[][] atoms; // per map: δH (row-major d×d) then g (d)
    private final double[] weights;
    private final double[] hessian;
    private final int d;

    private MinibatchMaps(double[][] atoms, double[] weights, double[] hessian, int d) {
        this.atoms = atoms;
        this.weights = weights;
        this.hessian = hessian;
        this.d = d;
    }

    /** Number of distinct minibatches of b out of n for the sampling mode (saturating at Long.MAX_VALUE). */
    public static long count(int n, int b, Sampling s) {
        return s == Sampling.WITH_REPLACEMENT ? binomial(n + b - 1, b) : binomial(n, b);
    }

    private static long binomial(int n, int k) {
        if (k < 0 || k > n) return 0;
        k = Math.min(k, n - k);
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
            if (r > 9e18) return Long.MAX_VALUE;
        }
        return Math.round(r);
    }

    /** Whether the grid law applies: d ≤ 2, i.i.d. minibatches, at most {@link #MAX_MAPS} distinct ones. */
    public static boolean applies(Dataset data, int b, Sampling s) {
        return data.d() <= 2 && s.independentSteps() && count(data.n(), b, s) <= MAX_MAPS;
    }

    /** Every distinct minibatch map of {@code data} with batch b, around θ* ({@code thetaStar}). */
    public static MinibatchMaps of(Dataset data, int b, Sampling s, double[] thetaStar) {
        if (!applies(data, b, s))
            throw new InvalidSpecException("grid law", data.name() + ", d=" + data.d() + ", " + count(data.n(), b, s) + " minibatches",
                "d ≤ 2, with or without replacement, at most " + MAX_MAPS + " distinct minibatches");
        int n = data.n(), d = data.d();
        double[] h = new double[d * d], c = new double[n * d];
        for (int i = 0; i < n; i++) {
            double r = -data.y(i);
            for (int j = 0; j < d; j++) r += data.x(i, j) * thetaStar[j];
            for (int j = 0; j < d; j++) {
                c[i * d + j] = data.x(i, j) * r;
                for (int k = 0; k < d; k++) h[j * d + k] += data.x(i, j) * data.x(i, k) / n;
            }
        }
        List<double[]> atoms = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int[] idx = new int[b];
        boolean repeats = s == Sampling.WITH_REPLACEMENT;
        // non-decreasing index tuples (multisets) with replacement, increasing ones (subsets) without
        for (int q = 0; q < b; q++) idx[q] = repeats ? 0 : q;
        double total = repeats ? Math.pow(n, b) : binomial(n, b);
        while (true) {
            double[] atom = new double[d * d + d];
            for (int q = 0; q < b; q++) {
                int i = idx[q];
                for (int j = 0; j < d; j++) {
                    atom[d * d + j] += c[i * d + j] / b;
                    for (int k = 0; k < d; k++) atom[j * d + k] += data.x(i, j) * data.x(i, k) / b;
                }
            }
            for (int j = 0; j < d * d; j++) atom[j] -= h[j];
            atoms.add(atom);
            weights.add((repeats ? multinomial(idx) : 1.0) / total);
            int q = b - 1;
            while (q >= 0 && idx[q] == (repeats ? n - 1 : n - b + q)) q--;
            if (q < 0) break;
            idx[q]++;
            for (int r = q + 1; r < b; r++) idx[r] = repeats ? idx[q] : idx[r - 1] + 1;
        }
        double[] w = new double[weights.size()];
        for (int k = 0; k < w.length; k++) w[k] = weights.get(k);
        return new MinibatchMaps(atoms.toArray(new double[0][]), w, h, d);
    }

    /** b!/(∏ countᵢ!) for a non-decreasing tuple. */
    private static double multinomial(int[] idx) {
        double r = 1;
        int run = 1;
        for (int q = 1; q <= idx.length; q++) {
            r *= q;
            if (q < idx.length && idx[q] == idx[q - 1]) run++;
            else {
                for (int f = 2; f <= run; f++) r /= f;
                run = 1;
            }
        }
        return r;
    }

    public int size() { return weights.length; }

    public double[] weights() { return weights.clone(); }

    /** The mean Hessian (row-major d×d). */
    public double[] hessian() { return hessian.clone(); }

    /** d = 1: atoms (h = H + δH_B, g = g_B) for {@link TransferOperatorBuilder#build1D(NoiseQuadrature, double, org.sgdbench.problem.Grid1D)}. */
    public NoiseQuadrature quadrature1D() {
        if (d != 1) throw new IllegalStateException("d = " + d);
        int k = size();
        double[] h = new double[k], g = new double[k];
        for (int a = 0; a < k; a++) {
            h[a] = hessian[0] + atoms[a][0];
            g[a] = atoms[a][1];
        }
        return new NoiseQuadrature(h, g, weights.clone());
    }

    /** d = 2: atoms ξ = (δH₁₁, δH₂₂, δH₁₂, g₁, g₂) for {@link TransferOperatorBuilder#build2D(NoiseQuadrature2D, double[], double, org.sgdbench.problem.Grid2D)}. */
    public NoiseQuadrature2D quadrature2D() {
        if (d != 2) throw new IllegalStateException("d = " + d);
        int k = size();
        double[] xi = new double[k * 5];
        for (int a = 0; a < k; a++) {
            double[] t = atoms[a];
            xi[a * 5] = t[0];
            xi[a * 5 + 1] = t[3];
            xi[a * 5 + 2] = t[1];
            xi[a * 5 + 3] = t[4];
            xi[a * 5 + 4] = t[5];
        }
        return new NoiseQuadrature2D(xi, weights.clone());
    }

    /** The mean Hessian as (H₁₁, H₁₂, H₂₂), the form the 2D builder takes. */
    public double[] hessian2D() { return new double[] {hessian[0], hessian[1], hessian[3]}; }
}
