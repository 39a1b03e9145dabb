package org.sgdbench.kernel;

import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * An ensemble of N independent SGD walkers on a {@link QuadraticModes} model. The reference semantics, which
 * every backend reproduces from the same seed (scalar is the reference), for walker w, mode m, step t:
 * <pre>
 *   (z_h, z_g) = the noise of block (w, t, m, SGD_NOISE) of {@link org.sgdbench.rng.StreamLayout}
 *   h = fma(σ_h, z_h, λ);   g = σ_g · z_g
 *   x ← fma(−η, fma(h, x, g), x)          i.e. x − η (h x + g), both products fused
 * </pre>
 * all in the kernel's precision. State lives inside the kernel (host arrays, native buffers or device memory);
 * {@link #readState} copies it out for statistics, outside anything that is timed.
 */
public interface SgdEnsembleKernel extends AutoCloseable {
    Backend backend();

    Precision precision();

    QuadraticModes spec();

    /** What actually ran the kernel, e.g. "Java scalar", "SIMD 512-bit", "OpenCL GPU: …", "Java thread pool". */
    String device();

    /** Threads (or compute units) the kernel uses. */
    int threads();

    /** Puts every walker back at its initial position (stream INITIAL) and the step counter at 0. */
    void reset();

    /** Advances every walker by {@code steps} ≥ 1 steps, continuing the step counter. */
    void advance(int steps);

    /** Steps done since the last reset. */
    long stepsDone();

    /**
     * Copies the positions of mode {@code mode} after the last step into {@code x} and before it into
     * {@code prev} (for the lag-1 autocovariance); both of length N. prev equals x before the first step.
     */
    void readState(int mode, double[] x, double[] prev);

    @Override
    default void close() {}
}
