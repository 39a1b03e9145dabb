package org.sgdbench.theory;

import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;

/**
 * Exact theory of one mode of the quadratic model (docs/design.md, "Quadratic modes"): x' = (1 − ηh) x − ηg with h = λ + σ_h z_h,
 * g = σ_g z_g, z_h and z_g independent standard draws of their {@link NoiseLaws} (each Gaussian, Rademacher or
 * none). The moments depend on the σ's alone; the law of h decides E log|1 − ηh|, the Kesten tail index and hence
 * the regime; E z⁴ of each law enters the fourth moments. A NONE axis is σ = 0 on that axis. Write Y = 1 − ηh for the random
 * multiplier: m = E Y = 1 − ηλ ({@link #meanFactor()}), s = ησ_h its sd, and a = E Y² = m² + s² ({@link #a()}).
 *
 * <p>Moments (v is always the VARIANCE): μ' = m μ, v' = a v + η²σ_h² μ² + η²σ_g², equivalently the raw second
 * moment S' = a S + η²σ_g². Everything here is a closed form (no loops over steps) except {@link #kestenTailIndex()}
 * (a root) and {@link #expectedLogMultiplier()} for Gaussian h (an exact series or a smooth quadrature, see
 * {@link NormalAbsMoments}).
 *
 * <p>NaN policy: for valid inputs no method returns NaN except where documented ({@link #kestenTailIndex()} with no
 * stationary law, {@link #ouRelativeError()} when both variances are infinite); quantities that do not exist
 * because they diverge are +Infinity.
 */
public final class ModeTheory {
    /** Dimensionless tolerance on the multiplier's atoms used to recognise the diffusive regime. */
    public static final double TOLERANCE = 1e-12;
    /** Kesten tail indices above this are reported as +Infinity (all moments of any practical interest finite). */
    public static final double MAX_TAIL_INDEX = 1e15;

    private final Mode mode;
    private final NoiseLaws noise;
    private final double eta;
    private final double m, s, a, oneMinusA, q;
    // Lazily computed, idempotent (same value from any thread); volatile so that a double is never torn.
    private volatile double expectedLog = Double.NaN, tailIndex = Double.NaN;
    private volatile boolean expectedLogDone, tailIndexDone;

    private ModeTheory(Mode mode, NoiseLaws noise, double eta) {
        this.mode = mode;
        this.noise = noise;
        this.eta = eta;
        this.m = 1 - eta * mode.lambda();
        this.s = eta * mode.sigmaH();
        this.a = m * m + s * s;
        // 1 − a computed without the cancellation of 1 − ((1−ηλ)² + η²σ_h²).
        double el = eta * mode.lambda();
        this.oneMinusA = el * (2 - el) - s * s;
        this.q = eta * eta * mode.sigmaG() * mode.sigmaG();
    }

    /** @throws InvalidSpecException for a null mode or law, or η outside (0, 100] */
    public static ModeTheory of(Mode mode, NoiseLaw noise, double eta) {
        Check.notNull("noise", noise);
        return of(mode, NoiseLaws.both(noise), eta);
    }

    /**
     * Theory of {@code mode} with separate laws for the Hessian and the gradient noise.
     *
     * @throws InvalidSpecException for a null mode or laws, or η outside (0, 100]
     */
    public static ModeTheory of(Mode mode, NoiseLaws noise, double eta) {
        Check.notNull("mode", mode);
        Check.notNull("noise", noise);
        org.sgdbench.problem.Limits.eta(eta);
        return new ModeTheory(noise.effective(mode), noise, eta);
    }

    /** The mode as simulated: σ of a NONE axis is 0 ({@link NoiseLaws#effective(Mode)}). */
    public Mode mode() { return mode; }

    public NoiseLaws noise() { return noise; }

    public double eta() { return eta; }

    /** a = E(1−ηh)² = (1−ηλ)² + η²σ_h²: the per-step factor of the second moment. */
    public double a() { return a; }

    /** 1 − ηλ: the per-step factor of the mean. */
    public double meanFactor() { return m; }

    // ------------------------------------------------------------------ exact transient moments

    /** E x_t = (1−ηλ)^t μ0. */
    public double mean(long t, double mu0) {
        checkStep(t);
        return Math.pow(m, t) * mu0;
    }

    /**
     * Var x_t from mean μ0 and variance v0 at step 0, closed form:
     * v_t = a^t v0 + (a^t − m^{2t}) μ0² + η²σ_g² (1 − a^t)/(1 − a), with the geometric sum = t when a = 1 and the
     * middle term = 0 when a = m² (σ_h = 0); both evaluated with expm1/log1p so that a near 1 or σ_h near 0 loses
     * no digits.
     */
    public double variance(long t, double mu0, double v0) {
        checkStep(t);
        if (t == 0) return v0;
        double at = Math.pow(a, t);
        return at * v0 + meanSpreadFactor(t, at) * mu0 * mu0 + q * geometricSum(t);
    }

    /** Σ_{k<t} a^k = (1 − a^t)/(1 − a), t when a = 1. */
    private double geometricSum(long t) {
        if (oneMinusA == 0) return t;
        if (a == 0) return 1;
        double r = -Math.expm1(t * Math.log1p(-oneMinusA)) / oneMinusA;
        return Double.isNaN(r) ? (1 - Math.pow(a, t)) / oneMinusA : r;
    }

    /** a^t − m^{2t} = m^{2t}·expm1(t log1p(s²/m²)) (exact 0 when s = 0). */
    private double meanSpreadFactor(long t, double at) {
        if (s == 0) return 0;
        double m2t = Math.pow(m * m, t);
        if (m != 0) {
            double d = m2t * Math.expm1(t * Math.log1p((s * s) / (m * m)));
            if (Double.isFinite(d) && m2t > 0) return d;
        }
        return at - m2t;
    }

    /**
     * Exact Cov(x_{t−1}, x_t) = (1−ηλ)·Var(x_{t−1}) for t ≥ 1: the noise of step t is independent of x_{t−1}, so
     * E[x_{t−1}((1−ηh)x_{t−1} − ηg)] − μ_{t−1}·(1−ηλ)μ_{t−1} = (1−ηλ)(E x² − μ²).
     */
    public double lag1Covariance(long t, double mu0, double v0) {
        if (t < 1) throw new InvalidSpecException("t", t, "[1, " + Long.MAX_VALUE + "]");
        return m * variance(t - 1, mu0, v0);
    }

    // ------------------------------------------------------------------ stationary law

    /** v∞ = ησ_g²/(λ(2−ηλ) − ησ_h²) when a &lt; 1, else +Infinity (the variance does not converge). */
    public double stationaryVariance() {
        return oneMinusA > 0 ? q / oneMinusA : Double.POSITIVE_INFINITY;
    }

    /** Stationary lag-1 autocorrelation of SGD: 1 − ηλ (negative for ηλ &gt; 1: oscillation). */
    public double lag1Autocorrelation() { return m; }

    /** E(1−ηh)⁴ = m⁴ + 6m²s² + E z_h⁴·s⁴ (the odd moments of z_h vanish for every law). */
    public double fourthMomentOfMultiplier() {
        return m * m * m * m + 6 * m * m * s * s + noise.hessian().fourthMoment() * s * s * s * s;
    }

    /** Whether the stationary law has a finite 4th moment: E(1−ηh)⁴ &lt; 1, i.e. Kesten α &gt; 4 (and a &lt; 1). */
    public boolean fourthMomentFinite() {
        return oneMinusA > 0 && fourthMomentOfMultiplier() < 1;
    }

    /**
     * Exact stationary E x⁴ (mean 0): from x' = Yx − ηg with Y, g independent and symmetric,
     * E x'⁴ = E Y⁴ E x⁴ + 6η²σ_g² a E x² + η⁴ E z_g⁴ σ_g⁴, so E x⁴ = (6η²σ_g² a v∞ + E z_g⁴ η⁴σ_g⁴)/(1 − E Y⁴);
     * +Infinity when not finite.
     */
    public double stationaryFourthMoment() {
        if (!fourthMomentFinite()) return Double.POSITIVE_INFINITY;
        return (6 * q * a * stationaryVariance() + noise.gradient().fourthMoment() * q * q) / (1 - fourthMomentOfMultiplier());
    }

    /** Stationary kurtosis E x⁴ / v∞² (3 for a Gaussian law); +Infinity when the 4th moment is infinite. */
    public double stationaryKurtosis() {
        double v = stationaryVariance();
        return v == 0 ? Double.NaN : stationaryFourthMoment() / (v * v);
    }

    /**
     * Standard error of the sample variance of N independent stationary draws, √((E x⁴ − v∞²)/N): what a Monte
     * Carlo estimate of v∞ can be trusted to. +Infinity when the 4th moment is infinite (the Monte Carlo variance
     * is then no valid reference).
     */
    public double varianceStandardError(long walkers) {
        if (walkers < 1) throw new InvalidSpecException("walkers", walkers, "[1, " + Long.MAX_VALUE + "]");
        double v = stationaryVariance();
        return Math.sqrt((stationaryFourthMoment() - v * v) / walkers);
    }

    // ------------------------------------------------------------------ Brownian (Langevin) predictions

    /** OU (additive Langevin dx = −λx dτ + √(ησ_g²) dW, τ = tη) stationary variance ησ_g²/(2λ); +Inf for λ ≤ 0. */
    public double ouStationaryVariance() {
        double lam = mode.lambda();
        return lam > 0 ? eta * mode.sigmaG() * mode.sigmaG() / (2 * lam) : Double.POSITIVE_INFINITY;
    }

    /**
     * Itô multiplicative Langevin dx = −λx dτ + √η √(σ_h²x² + σ_g²) dW: d E x²/dτ = −(2λ − ησ_h²) E x² + ησ_g²,
     * stationary ησ_g²/(2λ − ησ_h²); +Infinity when the denominator is not positive.
     */
    public double itoStationaryVariance() {
        double den = 2 * mode.lambda() - eta * mode.sigmaH() * mode.sigmaH();
        return den > 0 ? eta * mode.sigmaG() * mode.sigmaG() / den : Double.POSITIVE_INFINITY;
    }

    /** OU mean μ0 e^{−λτ}, τ = tη. */
    public double ouMean(long t, double mu0) {
        checkStep(t);
        return mu0 * Math.exp(-mode.lambda() * t * eta);
    }

    /** OU variance v0 e^{−2λτ} + ησ_g²(1 − e^{−2λτ})/(2λ), τ = tη; v0 + τ ησ_g² at λ = 0. */
    public double ouVariance(long t, double v0) {
        checkStep(t);
        double tau = t * eta, lam = mode.lambda(), d = eta * mode.sigmaG() * mode.sigmaG();
        if (lam == 0) return v0 + tau * d;
        return v0 * Math.exp(-2 * lam * tau) - Math.expm1(-2 * lam * tau) / (2 * lam) * d;
    }

    /**
     * OU/exact − 1 for the stationary variance. The ratio is exactly (λ(2−ηλ) − ησ_h²)/(2λ), so the relative
     * error is exactly −ηλ/2 − ησ_h²/(2λ) (the first-order formula of the design has no higher terms); independent
     * of σ_g. When the exact variance is infinite (a ≥ 1) but OU's is finite (λ &gt; 0): −1. NaN when both are
     * infinite (λ ≤ 0).
     */
    public double ouRelativeError() {
        double lam = mode.lambda();
        if (!(lam > 0)) return Double.NaN;
        if (!(oneMinusA > 0)) return -1;
        return -eta * lam / 2 - eta * mode.sigmaH() * mode.sigmaH() / (2 * lam);
    }

    /** Langevin's stationary lag-1 autocorrelation e^{−ηλ} (always positive: no diffusion oscillates). */
    public double ouLag1Autocorrelation() { return Math.exp(-eta * mode.lambda()); }

    // ------------------------------------------------------------------ flat modes

    /** Diffusion coefficient per unit τ = tη of a flat mode: D = ησ_g²/2 (∝ η: the valley diffusion). */
    public double diffusionCoefficient() { return eta * mode.sigmaG() * mode.sigmaG() / 2; }

    /** Variance growth per step of a flat mode: η²σ_g² = 2D·η. */
    public double varianceSlopePerStep() { return q; }

    // ------------------------------------------------------------------ Lyapunov exponent, Kesten, regimes

    /**
     * E log|1 − ηh|: exact for Rademacher (two atoms; −Infinity when an atom is 0) and for σ_h = 0
     * (log|1−ηλ|); for Gaussian h by {@link NormalAbsMoments#expectedLog} (exact series / smooth quadrature,
     * ~1e-13 absolute).
     */
    public double expectedLogMultiplier() {
        if (!expectedLogDone) {
            double e;
            if (s == 0) e = Math.log(Math.abs(m));
            else if (noise.hessian() == NoiseLaw.RADEMACHER) e = 0.5 * (Math.log(Math.abs(m - s)) + Math.log(Math.abs(m + s)));
            else e = NormalAbsMoments.expectedLog(m, s);
            expectedLog = e;
            expectedLogDone = true;
        }
        return expectedLog;
    }

    /** log E|1 − ηh|^α for α ≥ 0 (the Kesten moment function; convex in α, 0 at α = 0). */
    public double logAbsMomentOfMultiplier(double alpha) {
        Check.nonNegative("alpha", alpha);
        if (alpha == 0) return 0;
        if (s == 0) return alpha * Math.log(Math.abs(m));
        if (noise.hessian() == NoiseLaw.RADEMACHER) {
            double lo = Math.min(Math.abs(m - s), Math.abs(m + s)), hi = Math.max(Math.abs(m - s), Math.abs(m + s));
            return -Math.log(2) + alpha * Math.log(hi) + Math.log1p(Math.pow(lo / hi, alpha));
        }
        return NormalAbsMoments.logAbsMoment(alpha, m, s);
    }

    /**
     * Kesten tail index: the α &gt; 0 with E|1 − ηh|^α = 1; the stationary law then has P(|x| &gt; u) ~ u^{−α}.
     * <ul>
     * <li>NaN when there is no stationary law (E log|1−ηh| ≥ 0: unstable or marginal/diffusive);</li>
     * <li>+Infinity when σ_h = 0 (no multiplicative noise: tails are those of g), when |1−ηh| ≤ 1 a.s. with
     *   E log &lt; 0 (e.g. Rademacher with both atoms inside [−1, 1]: no root), or when α &gt; {@link #MAX_TAIL_INDEX};</li>
     * <li>otherwise the root of log E|1−ηh|^α, bracketed by doubling/halving (the function is convex, negative just
     *   above 0) and solved with Hipparchus' BracketingNthOrderBrentSolver to relative accuracy 1e-13.</li>
     * </ul>
     * Note: α = 2 exactly when a = 1 and α = 4 exactly when E(1−ηh)⁴ = 1.
     */
    public double kestenTailIndex() {
        if (!tailIndexDone) {
            tailIndex = computeTailIndex();
            tailIndexDone = true;
        }
        return tailIndex;
    }

    private double computeTailIndex() {
        double elog = expectedLogMultiplier();
        if (!(elog < 0)) return Double.NaN;
        if (s == 0) return Double.POSITIVE_INFINITY;
        if (noise.hessian() == NoiseLaw.RADEMACHER && Math.max(Math.abs(m - s), Math.abs(m + s)) <= 1)
            return Double.POSITIVE_INFINITY;
        double hi = 1;
        while (!(logAbsMomentOfMultiplier(hi) > 0)) {
            hi *= 2;
            if (hi > MAX_TAIL_INDEX) return Double.POSITIVE_INFINITY;
        }
        double lo = hi / 2;
        while (!(logAbsMomentOfMultiplier(lo) < 0)) {
            hi = lo;
            lo /= 2;
            if (lo < Double.MIN_NORMAL) return Double.NaN; // not reachable when elog < 0
        }
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-13, 1e-300, 5);
        return solver.solve(500, this::logAbsMomentOfMultiplier, lo, hi, AllowedSolution.ANY_SIDE);
    }

    /** The asymptotic regime; see {@link Regime} for the rules and their order. */
    public Regime regime() {
        if (multiplierIsUnitModulus()) return Regime.DIFFUSIVE;
        if (oneMinusA > 0) return Regime.CONFINED;
        return expectedLogMultiplier() < 0 ? Regime.HEAVY_TAILED : Regime.UNSTABLE;
    }

    /** |1 − ηh| = 1 almost surely, within {@link #TOLERANCE} on each atom. */
    private boolean multiplierIsUnitModulus() {
        if (s <= TOLERANCE) return Math.abs(Math.abs(m) - 1) <= TOLERANCE;
        if (noise.hessian() == NoiseLaw.GAUSSIAN) return false;
        return Math.abs(Math.abs(m - s) - 1) <= TOLERANCE && Math.abs(Math.abs(m + s) - 1) <= TOLERANCE;
    }

    /**
     * Relaxation time in steps of a stationary mode; +Infinity for diffusive and unstable modes.
     * Confined: −1/log a, the e-folding time of the variance's approach to v∞ (v_t − v∞ ∝ a^t from a centred start):
     * the horizon question is whether the variance has stopped growing, and for ηλ ≪ 1 this is ≈ 1/(2ηλ), half the
     * mean's time −1/log|1−ηλ|. Heavy-tailed (no variance): −1/E log|1−ηh|, the contraction time of the random
     * product Π(1−ηh), which is how fast the law forgets its start.
     */
    public double relaxationTimeSteps() {
        return switch (regime()) {
            case CONFINED -> a == 0 ? 0 : -1 / Math.log1p(-oneMinusA);
            case HEAVY_TAILED -> -1 / expectedLogMultiplier();
            default -> Double.POSITIVE_INFINITY;
        };
    }

    /** What the mode does within a run of {@code steps} steps (≥ 1); see {@link HorizonBehaviour}. */
    public HorizonBehaviour horizonBehaviour(long steps) {
        if (steps < 1) throw new InvalidSpecException("steps", steps, "[1, " + Long.MAX_VALUE + "]");
        return switch (regime()) {
            case DIFFUSIVE -> HorizonBehaviour.DIFFUSIVE;
            case UNSTABLE -> HorizonBehaviour.GROWING;
            default -> relaxationTimeSteps() > steps ? HorizonBehaviour.NEARLY_FLAT_DIFFUSIVE : HorizonBehaviour.RELAXED;
        };
    }

    private static void checkStep(long t) {
        if (t < 0) throw new InvalidSpecException("t", t, "[0, " + Long.MAX_VALUE + "]");
    }

    @Override
    public String toString() {
        return "ModeTheory[" + mode + ", " + noise + ", eta=" + eta + "]";
    }
}
