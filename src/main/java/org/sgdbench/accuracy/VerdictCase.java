package org.sgdbench.accuracy;

import java.util.List;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.QuadraticModes;

/**
/**
 * One case of the physics verdict: a single mode, the noise laws of its Hessian and gradient, the learning rate, a
 * horizon, an ensemble size and the initial law. Single-mode because the modes of a quadratic model are
 * independent: the verdict per mode is the verdict of the model.
 *
 * @param quick whether the non-reference backends run this case in a quick run (one case per behaviour: the
 *              scalar reference always runs every case; the others prove they agree with it — bit-identical
 *              trajectories or a stated tolerance — and pass the same moments)
 */
public record VerdictCase(String id, String description, Mode mode, NoiseLaws noise, double eta, int steps,
                          int walkers, double initMean, double initSpread, boolean quick) {
    public VerdictCase {
        Check.notNull("noise", noise);
        mode = noise.effective(Check.notNull("mode", mode));
    }

    /** A case with one law on both axes. */
    public VerdictCase(String id, String description, Mode mode, NoiseLaw noise, double eta, int steps, int walkers,
                       double initMean, double initSpread, boolean quick) {
        this(id, description, mode, NoiseLaws.both(noise), eta, steps, walkers, initMean, initSpread, quick);
    }

    /** A case with one law on both axes that only the scalar reference runs in a quick run. */
    public VerdictCase(String id, String description, Mode mode, NoiseLaw noise, double eta, int steps, int walkers,
                       double initMean, double initSpread) {
        this(id, description, mode, noise, eta, steps, walkers, initMean, initSpread, false);
    }

    public QuadraticModes spec() {
        return new QuadraticModes(List.of(mode), noise, eta, steps, walkers, initMean, initSpread);
    }

    public VerdictCase withWalkers(int n) {
        return new VerdictCase(id, description, mode, noise, eta, steps, n, initMean, initSpread, quick);
    }

    /** The same law on both axes (the command line's --noise). */
    public VerdictCase withNoise(NoiseLaw law) {
        return new VerdictCase(id, description, mode, NoiseLaws.both(law), eta, steps, walkers, initMean, initSpread, quick);
    }

    public VerdictCase withEta(double e) {
        return new VerdictCase(id, description, mode, noise, e, steps, walkers, initMean, initSpread, quick);
    }

    /** The ids of the cases marked quick among the standard ones. */
    public static List<String> quickIds() {
        return standard(1).stream().filter(VerdictCase::quick).map(VerdictCase::id).toList();
    }

    /**
     * The built-in cases: the five worked numbers of the design (σ_g = 1, Gaussian noise), the critical ηλ = 1
     * point, an oscillating mode, Hessian noise with both noise laws, a mode with finite variance but infinite
     * fourth moment, a heavy-tailed stationary law, and an unstable mode. The quick ones cover one case per
     * behaviour: confined with ηλ = 1/2, oscillating, Hessian noise, diffusive.
     */
    public static List<VerdictCase> standard(int walkers) {
        return List.of(
            new VerdictCase("confined-small-eta", "η=0.01, λ=1: OU nearly right", Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN,
                0.01, 600, walkers, 0, 0),
            new VerdictCase("confined-eta-half", "η=0.5, λ=1: v∞=1/3, OU says 1/4", Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN,
                0.5, 60, walkers, 0, 0, true),
            new VerdictCase("critical-eta-lambda-1", "ηλ=1: SGD forgets in one step, OU off by −50 %", Mode.of(1, 0, 1),
                NoiseLaw.GAUSSIAN, 1.0, 40, walkers, 1, 0.5),
            new VerdictCase("oscillating", "η=1, λ=1.8: lag-1 autocorrelation −0.8, no diffusion can",
                Mode.of(1.8, 0, 1), NoiseLaw.GAUSSIAN, 1.0, 80, walkers, 0, 0, true),
            new VerdictCase("hessian-noise", "η=0.1, λ=1, σ_h=2: v∞=1/15, OU says 0.05", Mode.of(1, 2, 1),
                NoiseLaw.GAUSSIAN, 0.1, 300, walkers, 0, 0, true),
            new VerdictCase("rademacher-hessian-noise", "η=0.1, λ=1, σ_h=2, ±1 noise: same moments, other law",
                Mode.of(1, 2, 1), NoiseLaw.RADEMACHER, 0.1, 300, walkers, 0, 0),
            new VerdictCase("flat-diffusive", "λ=0, σ_h=0, η=0.1: variance grows by 0.01 per step", Mode.of(0, 0, 1),
                NoiseLaw.GAUSSIAN, 0.1, 200, walkers, 0, 0, true),
            new VerdictCase("infinite-kurtosis", "η=0.1, λ=1, σ_h=3: variance finite, fourth moment not",
                Mode.of(1, 3, 1), NoiseLaw.GAUSSIAN, 0.1, 300, walkers, 0, 0),
            new VerdictCase("heavy-tailed", "η=0.1, λ=1, σ_h=4.5: a>1 yet E log|1−ηh|<0, Kesten tails",
                Mode.of(1, 4.5, 1), NoiseLaw.GAUSSIAN, 0.1, 400, walkers, 0, 0),
            new VerdictCase("unstable", "η=1, λ=2.5: |1−ηλ|=1.5, SGD explodes while OU predicts v∞=0.2",
                Mode.of(2.5, 0, 1), NoiseLaw.GAUSSIAN, 1.0, 30, walkers, 1, 0));
    }
}
