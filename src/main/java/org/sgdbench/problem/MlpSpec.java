package org.sgdbench.problem;

/**
 * The MLP experiment on the digits: a two-layer perceptron 64 → H (tanh) → 10 (softmax cross-entropy) with an L2
 * penalty, trained to a minimum θ* by full-batch L-BFGS, then an ensemble of K walkers started at θ* taking T
 * minibatch-SGD steps θ ← θ − η(∇L_B(θ) + μθ), ∇L_B the mean per-sample gradient over the step's b indices.
 *
 * <p>The penalty μ (default {@link #DEFAULT_PENALTY}) is what makes the minimum exist: without it the cross-entropy
 * of a training set the network separates keeps decreasing as the weights grow, and the directions the data cannot
 * see (the weights of pixels that are 0 in every image, the softmax's shift invariance) are exactly flat, so θ* is
 * not a point. 10⁻⁴ is small against the data's curvature (the largest eigenvalue of the Hessian is ~0.3) and
 * leaves the fit intact, while pinning every unseen direction at curvature μ with no gradient noise (the "inert"
 * directions).
 *
 * @param hidden    H, in [1, 256]
 * @param batch     b, in [1, trainSize]
 * @param sampling  how the minibatch indices are drawn ({@code rng.MinibatchStreams})
 * @param eta       learning rate η, in (0, 100]
 * @param steps     T, in [1, 10⁶]
 * @param walkers   K, in [1, 2²⁰]
 * @param penalty   L2 penalty μ, in [0, 1]
 * @param seed      seed of the train split, the initial weights of the training, and the minibatch draws
 * @param trainSize samples of the training set, in [1, 1797] (the rest is the test set)
 */
public record MlpSpec(int hidden, int batch, Sampling sampling, double eta, int steps, int walkers, double penalty,
                      long seed, int trainSize) {
    public static final double DEFAULT_PENALTY = 1e-4;
    public static final int DIGITS = 1797;
    public static final int MAX_WALKERS = 1 << 20;

    public MlpSpec {
        Check.inRange("hidden", hidden, 1, 256);
        Check.inRange("trainSize", trainSize, 1, DIGITS);
        if (batch < 1 || batch > trainSize)
            throw new InvalidSpecException("batch", batch, "[1, " + trainSize + "] (the training set's size)");
        Check.notNull("sampling", sampling);
        Limits.eta(eta);
        Check.inRange("steps", steps, 1, 1_000_000);
        Check.inRange("walkers", walkers, 1, MAX_WALKERS);
        Check.inRange("penalty", penalty, 0, 1);
    }

    /** P = 75H + 10, the number of parameters. */
    public int parameters() { return 75 * hidden + 10; }

    public MlpSpec withEta(double e) { return new MlpSpec(hidden, batch, sampling, e, steps, walkers, penalty, seed, trainSize); }

    public MlpSpec withWalkers(int k) { return new MlpSpec(hidden, batch, sampling, eta, steps, k, penalty, seed, trainSize); }

    public MlpSpec withSteps(int t) { return new MlpSpec(hidden, batch, sampling, eta, t, walkers, penalty, seed, trainSize); }

    /** Sample-gradients: walker-steps × b, the natural unit of work of the kernels. */
    public long work() { return (long) walkers * steps * batch; }
}
