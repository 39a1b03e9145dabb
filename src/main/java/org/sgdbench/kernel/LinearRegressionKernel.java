package org.sgdbench.kernel;

import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;

/**
 * An ensemble of N independent minibatch-SGD walkers on least squares ({@link LinearRegression}). The reference
 * semantics, which every backend reproduces from the same seed (scalar is the reference), for walker w, step t:
 * <pre>
 *   B = (i_0 … i_{b−1}) = the indices of (w, t) drawn by rng.MinibatchStreams for the spec's sampling mode
 *   g_j = 0 for every j
 *   for q = 0 … b−1 (in this order), i = i_q:
 *       r = −y_i;  for j = 0 … d−1: r = fma(x_ij, θ_j, r)        the residual xᵢᵀθ − yᵢ, fused, j ascending
 *       for j = 0 … d−1: g_j = fma(x_ij, r, g_j)
 *   for j = 0 … d−1: θ_j = fma(−η/b, g_j, θ_j)                    with −η/b rounded once to the precision
 * </pre>
 * all in the kernel's precision (x, y and θ stored in it). θ of walker w starts at center + initSpread · z_j,
 * z_j = z_h of the Gaussian F64 INITIAL block (w, 0, j, INITIAL), computed in F64 and rounded once.
 * Backends that cannot repeat this order (batched matrix products) state a tolerance.
 */
public interface LinearRegressionKernel extends AutoCloseable {
    Backend backend();

    Precision precision();

    LinearRegression spec();

    /** What actually ran the kernel, e.g. "Java scalar", "SIMD 512-bit", "OpenCL CPU: …". */
    String device();

    /** Threads (or compute units) the kernel uses. */
    int threads();

    /** Puts every walker back at its initial position and the step counter at 0. */
    void reset();

    /** Advances every walker by {@code steps} ≥ 1 steps, continuing the step counter. */
    void advance(int steps);

    /** Steps done since the last reset. */
    long stepsDone();

    /** Copies every walker's parameters, walker-major: {@code theta[w·d + j]}, length N·d. */
    void readState(double[] theta);

    @Override
    default void close() {}
}
