package org.sgdbench.kernel;

import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;

/**
 * An ensemble of K independent minibatch-SGD walkers on the MLP of an {@link MlpSpec} (64 → H tanh → 10 softmax
 * cross-entropy, L2 penalty μ). The reference semantics, which every backend reproduces from the same seed (scalar
 * is the reference), for walker w and step t (0-based, counting from the last reset):
 * <pre>
 *   B = the b indices of (w, t) drawn by rng.MinibatchStreams for the spec's sampling (identical on every backend)
 *   G = 0;  for j = 0 … b−1 in order: G += ∇loss_{B[j]}(θ)      (forward and backward of mlp.MlpModel, per sample)
 *   θ_i ← θ_i − η (G_i / b + μ θ_i)                            for every parameter i, all from the same θ
 * </pre>
 * in the kernel's precision (F64: exactly the operations of {@code mlp.MlpModel}; F32: the same operations in float,
 * with tanh and exp evaluated in double and rounded to float). Walkers start at θ0 (no spread: the experiment starts
 * every walker at the minimum). State lives inside the kernel; {@link #readWalker} copies one walker out.
 */
public interface MlpEnsembleKernel extends AutoCloseable {
    Backend backend();

    Precision precision();

    MlpSpec spec();

    /** What actually ran the kernel, e.g. "Java scalar". */
    String device();

    int threads();

    /** Puts every walker back at θ0 and the step counter at 0. */
    void reset();

    /** Advances every walker by {@code steps} ≥ 1 steps. */
    void advance(int steps);

    long stepsDone();

    /** Copies walker {@code walker}'s parameters (P values, the layout of mlp.MlpModel) into {@code out}. */
    void readWalker(int walker, double[] out);

    @Override
    default void close() {}
}
