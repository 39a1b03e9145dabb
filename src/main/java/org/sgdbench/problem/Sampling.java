package org.sgdbench.problem;

import java.util.Locale;

/**
 * How each SGD step draws its minibatch of b sample indices out of n (the draws themselves are fixed by
 * {@code rng.MinibatchStreams}, identically on every backend).
 */
public enum Sampling {
    /** b independent uniform indices per step: repeats possible. */
    WITH_REPLACEMENT("with-replacement"),
    /** a uniform b-subset per step, independent between steps. */
    WITHOUT_REPLACEMENT("without-replacement"),
    /**
     * a fresh uniform permutation per walker and epoch, consumed b at a time: floor(n/b) steps per epoch, the last
     * n mod b samples of each permutation unused. Consecutive minibatches are dependent (no i.i.d. theory).
     */
    RESHUFFLING("reshuffling");

    private final String id;

    Sampling(String id) { this.id = id; }

    public String id() { return id; }

    /**
     * κ_b, the factor of the per-sample covariance in the covariance of a minibatch mean of b out of n samples:
     * 1/b with replacement, (n−b)/(b(n−1)) for a uniform b-subset (finite-population correction). Random
     * reshuffling has no such i.i.d. factor; the marginal of one of its minibatches is a uniform b-subset, so the
     * without-replacement value is returned for the one-step covariance only.
     */
    public double kappa(int n, int b) {
        Check.inRange("batch", b, 1, this == WITH_REPLACEMENT ? Integer.MAX_VALUE : n);
        if (this == WITH_REPLACEMENT) return 1.0 / b;
        return n == 1 ? 0 : (double) (n - b) / ((double) b * (n - 1));
    }

    /** Whether consecutive minibatches are independent (the i.i.d. moment recursions apply). */
    public boolean independentSteps() { return this != RESHUFFLING; }

    public static Sampling parse(String field, String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Sampling m : values()) if (m.id.equals(t)) return m;
        throw new InvalidSpecException(field, s, "one of with-replacement, without-replacement, reshuffling");
    }
}
