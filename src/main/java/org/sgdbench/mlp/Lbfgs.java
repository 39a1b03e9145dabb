package org.sgdbench.mlp;

import java.util.function.BiFunction;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, alg. 7.4/7.5) for the full-batch training to θ*:
 * deterministic (no randomness, fixed operation order), so the same start gives the same minimum bit for bit.
 *
 * <p>Stopping rule: the Euclidean norm of the gradient is at most {@code gradientTolerance} (converged), or
 * {@code maxIterations} iterations, or a line search that cannot decrease the objective any more (not converged;
 * the caller reports it). Line search: backtracking from the quasi-Newton step (step 1; the first iteration starts
 * at 1/|g|) until Armijo's sufficient decrease f(x + αd) ≤ f(x) + 10⁻⁴ α gᵀd holds, at most 60 halvings; when the
 * decrease is lost in the rounding of f (near the minimum), a step that reduces the gradient norm is accepted
 * instead. A pair (s, y) is kept only when sᵀy &gt; 10⁻¹⁰ |s||y| (curvature condition), so the inverse-Hessian
 * approximation stays positive definite.
 */
public final class Lbfgs {
    /** Result of a minimisation. */
    public record Result(double[] x, double value, double gradientNorm, int iterations, boolean converged) {}

    private Lbfgs() {}

    /**
     * Minimises f from x0. {@code f.apply(x, grad)} returns f(x) and writes ∇f(x) into grad.
     *
     * @param memory number of (s, y) pairs kept, ≥ 1
     */
    public static Result minimise(BiFunction<double[], double[], Double> f, double[] x0, double gradientTolerance,
                                  int maxIterations, int memory) {
        int n = x0.length;
        double[] x = x0.clone(), g = new double[n], xNew = new double[n], gNew = new double[n], d = new double[n];
        double[][] s = new double[memory][n], y = new double[memory][n];
        double[] rho = new double[memory], alpha = new double[memory];
        int stored = 0, head = 0; // ring buffer: the newest pair is at head − 1
        double fx = f.apply(x, g);
        double gNorm = norm(g);
        int it = 0;
        while (gNorm > gradientTolerance && it < maxIterations) {
            // two-loop recursion: d = −H_k g
            System.arraycopy(g, 0, d, 0, n);
            for (int i = 0; i < stored; i++) {
                int k = Math.floorMod(head - 1 - i, memory);
                alpha[k] = rho[k] * dot(s[k], d);
                axpy(-alpha[k], y[k], d);
            }
            if (stored > 0) {
                int k = Math.floorMod(head - 1, memory);
                double gamma = dot(s[k], y[k]) / dot(y[k], y[k]);
                for (int i = 0; i < n; i++) d[i] *= gamma;
            }
            for (int i = stored - 1; i >= 0; i--) {
                int k = Math.floorMod(head - 1 - i, memory);
                double beta = rho[k] * dot(y[k], d);
                axpy(alpha[k] - beta, s[k], d);
            }
            for (int i = 0; i < n; i++) d[i] = -d[i];
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction: forget the history
                stored = 0;
                for (int i = 0; i < n; i++) d[i] = -g[i];
                slope = -gNorm * gNorm;
            }
            double step = stored == 0 && it == 0 ? 1 / gNorm : 1;
            boolean accepted = false;
            double fNew = Double.NaN;
            for (int h = 0; h <= 60; h++, step *= 0.5) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
                fNew = f.apply(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope) { accepted = true; break; }
                if (fNew - fx <= 1e-15 * Math.abs(fx) && norm(gNew) < gNorm) { accepted = true; break; }
            }
            if (!accepted) break;
            it++;
            double[] sk = s[head], yk = y[head];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-10 * norm(sk) * norm(yk)) {
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            gNorm = norm(g);
        }
        return new Result(x, fx, gNorm, it, gNorm <= gradientTolerance);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }
}
