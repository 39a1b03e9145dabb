package org.sgdbench.kernel;

import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Precision;

/**
 * An ensemble of N independent SGD walkers on a {@link CoupledQuadratic2D} model. Reference semantics (scalar is
 * the reference; every backend reproduces it from the same seed), for walker w and step t, all in the kernel's
 * precision:
 * <pre>
 *   z_{2g}, z_{2g+1} = the (z_h, z_g) pair of block (w, t, g, COUPLED_NOISE), g = 0, 1, 2, drawn exactly as a
 *                      SGD_NOISE pair of {@link org.sgdbench.rng.StreamLayout} (Box–Muller or signs of w0, w1);
 *                      z_0 … z_4 are used, z_5 is discarded
 *   ξ_k = L_k0 z_0, then ξ_k = fma(L_kj, z_j, ξ_k) for j = 1 … k      (L = {@link #noiseFactor}, lower, 5×5)
 *   (δH11, δH22, δH12, δg1, δg2) = (ξ_0, ξ_1, ξ_2, ξ_3, ξ_4)
 *   h11 = H11 + δH11;  h12 = H12 + δH12;  h22 = H22 + δH22
 *   grad1 = fma(h11, x1, fma(h12, x2, δg1));  grad2 = fma(h12, x1, fma(h22, x2, δg2))
 *   x1 ← fma(−η, grad1, x1);  x2 ← fma(−η, grad2, x2)
 * </pre>
 * Initial positions: x_i = fma(initSpread, z, initMean_i) with z the first normal of block (w, 0, i, INITIAL),
 * i = 0, 1 (Gaussian whatever the noise law), exactly as mode i of the SGD ensemble kernels.
 */
public interface CoupledEnsembleKernel extends AutoCloseable {
    Backend backend();

    Precision precision();

    CoupledQuadratic2D spec();

    /** What actually ran the kernel, e.g. "Java scalar". */
    String device();

    /** Threads (or compute units) the kernel uses. */
    int threads();

    /** Puts every walker back at its initial position and the step counter at 0. */
    void reset();

    /** Advances every walker by {@code steps} ≥ 1 steps, continuing the step counter. */
    void advance(int steps);

    /** Steps done since the last reset. */
    long stepsDone();

    /**
     * Copies both coordinates after the last step into x1, x2 and before it into prev1, prev2 (all of length N;
     * prev equals x before the first step).
     */
    void readState(double[] x1, double[] x2, double[] prev1, double[] prev2);

    @Override
    default void close() {}

    /**
     * The lower Cholesky factor L (row-major 5×5, upper part 0) of the spec's noise covariance, with L Lᵀ = Σ.
     * Semidefinite covariances are allowed (e.g. no Hessian noise): a pivot d ≤ 1e-14·max diag gives a zero column,
     * provided the rest of that column of Σ is consistent (|residual| ≤ 1e-10·max diag); otherwise Σ is not
     * positive semi-definite and an {@link InvalidSpecException} names {@code noiseCovariance}.
     */
    static double[] noiseFactor(CoupledQuadratic2D spec) {
        final int n = CoupledQuadratic2D.NOISE_DIM;
        double[] s = spec.noiseCovariance();
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.max(scale, s[i * n + i]);
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = s[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            boolean zero = d <= 1e-14 * scale;
            double pivot = zero ? 0 : Math.sqrt(d);
            l[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double r = s[i * n + j];
                for (int k = 0; k < j; k++) r -= l[i * n + k] * l[j * n + k];
                if (zero) {
                    if (Math.abs(r) > 1e-10 * scale)
                        throw new InvalidSpecException("noiseCovariance", "not positive semi-definite (column " + j + ")",
                            "a symmetric positive semi-definite 5x5 matrix");
                } else {
                    l[i * n + j] = r / pivot;
                }
            }
            if (zero && d < -1e-10 * scale)
                throw new InvalidSpecException("noiseCovariance", "not positive semi-definite (pivot " + j + " = " + d + ")",
                    "a symmetric positive semi-definite 5x5 matrix");
        }
        return l;
    }
}
