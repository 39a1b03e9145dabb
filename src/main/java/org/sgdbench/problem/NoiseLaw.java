package org.sgdbench.problem;

/**
 * Law of the standardised noises z_h, z_g (mean 0, variance 1) that scale the Hessian and gradient noise of a
 * mode: h = λ + σ_h z_h, g = σ_g z_g.
 */
public enum NoiseLaw {
    /** Standard normal; drawn by the portable Box–Muller transform of {@code rng.Gaussian}. */
    GAUSSIAN(3.0),
    /** ±1 with probability 1/2 each (the sign of one Philox word). */
    RADEMACHER(1.0);

    private final double fourthMoment;

    NoiseLaw(double fourthMoment) { this.fourthMoment = fourthMoment; }

    /** E[z⁴]: 3 for the Gaussian, 1 for Rademacher. */
    public double fourthMoment() { return fourthMoment; }
}
