package org.sgdbench.problem;

import java.util.Arrays;

/**
 * Minibatch SGD on least squares, L(θ) = (1/2n) Σᵢ (xᵢᵀθ − yᵢ)², simulated by an ensemble of walkers. Each step
 * draws b sample indices B by {@code sampling} (the draws of {@code rng.MinibatchStreams}) and moves
 * θ ← θ − (η/b) Σ_{i∈B} xᵢ(xᵢᵀθ − yᵢ). Walker w starts at θ₀ = center + initSpread·z with z standard Gaussian per
 * parameter (the INITIAL stream); {@code center} is usually the least-squares solution θ*.
 *
 * @param data       the dataset (n samples, d parameters)
 * @param batch      b, in [1, n]
 * @param sampling   how minibatches are drawn
 * @param eta        learning rate, in (0, 100]
 * @param steps      T ≥ 1
 * @param walkers    N ≥ 1
 * @param center     the initial mean of the walkers (length d)
 * @param initSpread the initial standard deviation of every parameter, ≥ 0
 */
public record LinearRegression(Dataset data, int batch, Sampling sampling, double eta, int steps, int walkers,
                               double[] center, double initSpread) {
    public static final int MAX_WALKERS = Limits.WALKERS_MAX;

    public LinearRegression {
        Check.notNull("dataset", data);
        Check.notNull("sampling", sampling);
        if (batch < 1 || batch > data.n())
            throw new InvalidSpecException("batch", batch, "[1, " + data.n() + "] (the dataset has " + data.n() + " rows)");
        Limits.eta(eta);
        Check.atLeast("steps", steps, 1);
        Limits.walkers(walkers);
        Check.notNull("center", center);
        if (center.length != data.d()) throw new InvalidSpecException("center", center.length + " values", "d = " + data.d() + " values");
        center = center.clone();
        for (int j = 0; j < center.length; j++) Check.finite("center[" + j + "]", center[j]);
        Check.nonNegative("initSpread", initSpread);
    }

    /** d, the number of parameters. */
    public int dim() { return data.d(); }

    @Override
    public double[] center() { return center.clone(); }

    /** Steps per epoch under random reshuffling: floor(n / b). */
    public int batchesPerEpoch() { return data.n() / batch; }

    public LinearRegression withWalkers(int n) { return new LinearRegression(data, batch, sampling, eta, steps, n, center, initSpread); }

    public LinearRegression withSteps(int t) { return new LinearRegression(data, batch, sampling, eta, t, walkers, center, initSpread); }

    public LinearRegression withEta(double e) { return new LinearRegression(data, batch, sampling, e, steps, walkers, center, initSpread); }

    /** Sample-gradients: walker-steps × b, the natural unit of work of the kernels. */
    public long work() { return (long) walkers * steps * batch; }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearRegression l && data.equals(l.data) && batch == l.batch && sampling == l.sampling
            && eta == l.eta && steps == l.steps && walkers == l.walkers && Arrays.equals(center, l.center)
            && initSpread == l.initSpread;
    }

    @Override
    public int hashCode() { return data.hashCode() * 31 + batch * 7 + sampling.hashCode() + Double.hashCode(eta); }

    @Override
    public String toString() {
        return "LinearRegression[" + data.name() + ", b=" + batch + ", " + sampling.id() + ", η=" + eta + ", T=" + steps
            + ", N=" + walkers + ", spread=" + initSpread + "]";
    }
}
