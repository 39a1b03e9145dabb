package org.sgdbench.accuracy;

/**
 * Every tolerance of the accuracy pass, one named function each, with its derivation. A row's tolerance is
 * a sum of these; {@link Verdict#decide} then judges it (and refuses to judge when it is as wide as the
 * quantity).
 */
public final class Tolerances {
    /** Unit roundoff of IEEE binary32, 2⁻²⁴. */
    static final double F32_UNIT_ROUNDOFF = 0x1p-24;

    private Tolerances() {}

    /**
     * Monte Carlo: z·SE, SE the batch-means standard error of the statistic (32 contiguous batches of independent
     * walkers: the batch values are i.i.d., so sd(batch values)/√batches estimates the statistic's standard
     * error). Valid only when the statistic has a finite variance (a variance or an autocorrelation needs a
     * finite fourth moment); the caller checks that.
     */
    public static double monteCarlo(double z, double standardError) {
        return z * standardError;
    }

    /**
     * F32 rounding, relative: the F32 kernels round x after each step (2 roundings of relative size u = 2⁻²⁴ in
     * m·x − ηg, plus a few ulp in the Gaussian transform). The systematic part of the resulting bias of a
     * statistic is at most a few u per step, accumulated over the steps that still matter at t, i.e.
     * min(t, 1/(1 − |m|)) for a contraction |m| &lt; 1 and t otherwise. 16u per step covers the 2 roundings of the
     * step and ≤ 8 ulp of the noise draw, doubled for a second moment.
     */
    public static double f32Rounding(double meanFactor, long steps) {
        double am = Math.abs(meanFactor);
        double memory = am < 1 ? Math.min(steps, 1 / (1 - am)) : steps;
        return 16 * F32_UNIT_ROUNDOFF * Math.max(1, memory);
    }

    /**
     * Cloud-in-cell variance bias of the transfer operator after t steps. A deposit keeps the mean of each image
     * point exactly and adds a variance f(1−f)Δx² ∈ [0, Δx²/4] (f the fractional cell position); the bias then
     * propagates through the exact second-moment recursion with factor a = E(1−ηh)², and the initial cell
     * averaging adds at most Δx²/4 more. Gauss–Hermite with n ≥ 2 nodes (or the exact ±1 atoms) integrates the
     * recursion's polynomials exactly, so 0 ≤ v_grid − v ≤ (Δx²/4)·Σ_{k=0}^{t} a^k.
     */
    public static double cicVarianceBound(double dx, double a, long steps) {
        double sum = a == 1 ? steps + 1 : (1 - Math.pow(a, steps + 1)) / (1 - a);
        return dx * dx / 4 * sum;
    }

    /**
     * Lag-1 autocorrelation of the transfer operator: ρ_grid = m·v_{t−1}^grid / v_t^grid with each variance
     * biased by at most its {@link #cicVarianceBound} (relative δ_{t−1}, δ_t) and by the truncated tail (relative
     * τ each), so |ρ_grid − ρ| ≤ |ρ|·(δ_{t−1} + δ_t + 2τ) to first order.
     */
    public static double cicLag1(double rho, double relBoundPrev, double relBound, double truncation) {
        return Math.abs(rho) * (relBoundPrev + relBound + 2 * truncation);
    }

    /**
     * Variance held outside a grid of half-width R (relative to the variance v): E[x²; |x| &gt; R]/v. With a
     * measured law that extends beyond R (the wide tail grid) this is read from the law itself; beyond that law's
     * own edge R' the tail S(r) = S(R')·(r/R')^{−α} is extrapolated, E[x²; |x| &gt; R'] = S(R')R'²·α/(α − 2)
     * (α &gt; 2). {@code measuredBeyond} is the measured Σ p_i x_i² over R &lt; |x_i| ≤ R'.
     */
    public static double powerTailTruncation(double alpha, double variance, double measuredBeyond,
                                             double survivalAtFarEdge, double farEdge) {
        if (!(alpha > 2)) return Double.POSITIVE_INFINITY;
        if (!Double.isFinite(alpha)) return measuredBeyond / variance;
        return (measuredBeyond + survivalAtFarEdge * farEdge * farEdge * alpha / (alpha - 2)) / variance;
    }

    /**
     * Hill estimator against the Hill functional α(p) of the exact law at the same tail fraction p = k/n
     * ({@link HillReference}), relative: α̂/α(p) − 1 is asymptotically normal with sd s/√k, s the law's own
     * relative sd factor from the estimator's influence function (s = 1 for a pure power tail, where 1/α̂ is the
     * mean of k i.i.d. exponential spacings), z of them; plus the reference's own error bound (its grid and its lost
     * mass). Judged against α(p) the estimator has no bias left to bound at that fraction: the gap between α(p)
     * and the Kesten index is the law's, and is reported, not judged.
     */
    public static double hill(double z, double relativeSd, int k, double referenceError) {
        return z * relativeSd / Math.sqrt(k) + referenceError;
    }

    /**
     * Tail index fitted to the transfer operator's stationary law: the least-squares slope of log S against log r
     * over a window of two decades of S (from min(10⁻³, 20^{−α}) down), on a grid sized so that S at the edge is
     * ≤ 10⁻³ of the window's bottom (the edge bends the last points; with that margin its bias is ≤ 0.5 %,
     * measured on the built-in cases; {@code solver.transfer.GridSizing#forPowerTail}).
     * Bias bound for the pre-asymptotic tail: the drift of the local slope between the window's two decades
     * (S(r) = C r^{−α}(1 + O(r^{−β})) makes the local slope converge monotonically, and the fit averages it).
     */
    public static double tailFit(double localSlopeDrift) {
        return 0.005 + localSlopeDrift;
    }

    /**
     * Coupling radius of the transfer operator's law (no Hessian noise). Every deposit moves an image point to a
     * cell centre at most Δx away, and the maps x ↦ m x − ηg are |m|-Lipschitz, so the grid's variable and the
     * exact one can be coupled with |X_grid − X| ≤ D = Δx·Σ_{k=0}^{t}|m|^k (the initial discretisation included).
     * Hence F(x − D) ≤ G(x) ≤ F(x + D) for the exact CDF F and the grid's G: a band, not a tolerance on a
     * distance, so it holds for laws with atoms too.
     */
    public static double couplingRadius(double dx, double meanFactor, long steps) {
        double am = Math.abs(meanFactor);
        double sum = am == 1 ? steps + 1 : (1 - Math.pow(am, steps + 1)) / (1 - am);
        return dx * sum;
    }

    /**
     * How far the grid's CDF may leave the coupling band ({@link #couplingRadius}): the mass the grid lost at its
     * edges (it is missing from G), 10⁻⁹ for the summation of the cells in F64, and the F32 rounding.
     */
    public static double lawBand(double lostMass, double rounding) {
        return Math.abs(lostMass) + 1e-9 + rounding;
    }

    /**
     * Total variation between the transfer operator's density and the exact Gaussian (no Hessian noise, Gaussian
     * gradient noise). For two Gaussians with variances v and v(1 + δ), Pinsker gives TV ≤ √(KL/2) ≈ δ/(2√2);
     * the grid's variance inflation is δ ≤ B_t/v ({@link #cicVarianceBound}). The tolerance is δ itself: the
     * factor 2√2 covers the part of the deposit error that is not a variance change (its shape, the
     * Gauss–Hermite atoms once smoothed: the row is not judged when they are not).
     */
    public static double totalVariationGaussian(double relativeVarianceBound) {
        return relativeVarianceBound;
    }

    /** Fokker–Planck solvers: 1 % of the closed form for grids of ±10 sd with Δx ≤ sd/100 and backward Euler with Δτ = η/20 (their tests show the error falling as Δx² and Δτ). */
    public static final double FOKKER_PLANCK = 0.01;

    /**
     * Fokker–Planck lag-1 autocorrelation: x is an eigenfunction of the generator (eigenvalue −κ); backward Euler
     * maps it by (1 + κΔτ)^{−m} per SGD step of m substeps instead of e^{−κη}. That difference, 5 % wider for the
     * grid's own terms, plus 10⁻⁵.
     */
    public static double backwardEulerLag1(double kappa, double eta, int substeps) {
        return 1.05 * Math.abs(Math.pow(1 + kappa * eta / substeps, -substeps) - Math.exp(-kappa * eta)) + 1e-5;
    }
}
