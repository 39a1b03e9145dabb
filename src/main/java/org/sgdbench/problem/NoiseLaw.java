package org.sgdbench.problem;

import java.util.Locale;

/**
 * Law of one standardised noise, z_h or z_g, that scales the Hessian or gradient noise of a mode:
 * h = λ + σ_h z_h, g = σ_g z_g. GAUSSIAN and RADEMACHER have mean 0 and variance 1; NONE is the noise that is
 * identically 0, equivalent to σ = 0 on that axis (a mode whose Hessian law is NONE is simulated, and its theory
 * computed, with σ_h = 0, whatever σ_h it was given; see {@link NoiseLaws#effective(Mode)}).
 */
public enum NoiseLaw {
    /** Standard normal; drawn by the portable Box–Muller transform of {@code rng.Gaussian}. */
    GAUSSIAN(3.0),
    /** ±1 with probability 1/2 each (one bit of a Philox word). */
    RADEMACHER(1.0),
    /** Identically 0: no noise on this axis. */
    NONE(0.0);

    private final double fourthMoment;

    NoiseLaw(double fourthMoment) { this.fourthMoment = fourthMoment; }

    /** E[z⁴]: 3 for the Gaussian, 1 for Rademacher, 0 for NONE. */
    public double fourthMoment() { return fourthMoment; }

    /** The lower-case name used on the command line and in case files. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /**
     * Parses {@code gaussian}, {@code rademacher} or {@code none} (case-insensitive).
     *
     * @throws InvalidSpecException naming {@code field} otherwise
     */
    public static NoiseLaw parse(String field, String text) {
        if (text != null)
            for (NoiseLaw l : values())
                if (l.id().equals(text.trim().toLowerCase(Locale.ROOT))) return l;
        throw new InvalidSpecException(field, text, "one of gaussian, rademacher, none");
    }
}
