package org.sgdbench.problem;

import java.util.List;

/**
 * A quadratic model near a critical point, simulated by an ensemble of SGD walkers: independent modes in the
 * mean-Hessian eigenbasis, a noise law, the learning rate η, T steps, N walkers, and the initial law of every
 * mode (mean {@code initMean}, standard deviation {@code initSpread}, Gaussian).
 */
public record QuadraticModes(List<Mode> modes, NoiseLaw noise, double eta, int steps, int walkers,
                             double initMean, double initSpread) {
    public static final int MAX_MODES = Limits.MODES_MAX;

    public QuadraticModes {
        Check.notNull("modes", modes);
        if (modes.isEmpty() || modes.size() > MAX_MODES)
            throw new InvalidSpecException("modes", modes.size() + " modes", "[1, " + MAX_MODES + "] modes");
        modes = List.copyOf(modes);
        Check.notNull("noise", noise);
        Limits.eta(eta);
        Check.atLeast("steps", steps, 1);
        Check.atLeast("walkers", walkers, 1);
        Check.finite("initMean", initMean);
        Check.nonNegative("initSpread", initSpread);
    }

    public int modeCount() { return modes.size(); }

    public Mode mode(int i) { return modes.get(i); }

    public QuadraticModes withWalkers(int n) { return new QuadraticModes(modes, noise, eta, steps, n, initMean, initSpread); }

    public QuadraticModes withSteps(int t) { return new QuadraticModes(modes, noise, eta, t, walkers, initMean, initSpread); }

    public QuadraticModes withEta(double e) { return new QuadraticModes(modes, noise, e, steps, walkers, initMean, initSpread); }

    /** Walker-mode-steps: the unit of work of the SGD ensemble kernels. */
    public long work() { return (long) walkers * modes.size() * steps; }
}
