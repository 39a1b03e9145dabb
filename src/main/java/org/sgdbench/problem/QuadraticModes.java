package org.sgdbench.problem;

import java.util.List;

/**
 * A quadratic model near a critical point, simulated by an ensemble of SGD walkers: independent modes in the
 * mean-Hessian eigenbasis, the noise laws of the Hessian and the gradient, the learning rate η, T steps, N walkers,
 * and the initial law of every mode (mean {@code initMean}, standard deviation {@code initSpread}, Gaussian).
 * A mode's σ on an axis whose law is {@link NoiseLaw#NONE} is stored as 0 ({@link NoiseLaws#effective(Mode)}).
 */
public record QuadraticModes(List<Mode> modes, NoiseLaws noise, double eta, int steps, int walkers,
                             double initMean, double initSpread) {
    public static final int MAX_MODES = Limits.MODES_MAX;

    public QuadraticModes {
        Check.notNull("modes", modes);
        if (modes.isEmpty() || modes.size() > MAX_MODES)
            throw new InvalidSpecException("modes", modes.size() + " modes", "[1, " + MAX_MODES + "] modes");
        Check.notNull("noise", noise);
        for (Mode m : modes) Check.notNull("modes", m);
        modes = modes.stream().map(noise::effective).toList();
        Limits.eta(eta);
        Check.atLeast("steps", steps, 1);
        Check.atLeast("walkers", walkers, 1);
        Check.finite("initMean", initMean);
        Check.nonNegative("initSpread", initSpread);
    }

    /** The same law on both axes (the built-in models). */
    public QuadraticModes(List<Mode> modes, NoiseLaw noise, double eta, int steps, int walkers, double initMean,
                          double initSpread) {
        this(modes, NoiseLaws.both(Check.notNull("noise", noise)), eta, steps, walkers, initMean, initSpread);
    }

    public int modeCount() { return modes.size(); }

    public Mode mode(int i) { return modes.get(i); }

    public QuadraticModes withWalkers(int n) { return new QuadraticModes(modes, noise, eta, steps, n, initMean, initSpread); }

    public QuadraticModes withSteps(int t) { return new QuadraticModes(modes, noise, eta, t, walkers, initMean, initSpread); }

    public QuadraticModes withEta(double e) { return new QuadraticModes(modes, noise, e, steps, walkers, initMean, initSpread); }

    /** Walker-mode-steps: the unit of work of the SGD ensemble kernels. */
    public long work() { return (long) walkers * modes.size() * steps; }
}
