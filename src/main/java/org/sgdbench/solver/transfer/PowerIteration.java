package org.sgdbench.solver.transfer;

import org.sgdbench.problem.Check;

/**
 * Settings of the stationary-law power iteration: stop when ‖p_{k+1} − p_k‖₁ &lt; {@code tolerance} (both
 * normalised to mass 1) or after {@code maxIterations} steps. The residual is checked every {@code checkEvery}
 * steps (the kernel runs the steps in between in one call); the density is renormalised at each check.
 */
public record PowerIteration(double tolerance, int maxIterations, int checkEvery) {
    public PowerIteration {
        Check.inRange("tolerance", tolerance, Double.MIN_NORMAL, 1);
        Check.atLeast("maxIterations", maxIterations, 1);
        Check.atLeast("checkEvery", checkEvery, 1);
    }

    /** 1e-12, 10⁶ iterations, checked every 64 steps: suited to F64; use ≥ 1e-6 in F32 (its rounding floor). */
    public static PowerIteration defaults() { return new PowerIteration(1e-12, 1_000_000, 64); }
}
