package org.sgdbench.theory;

import java.util.Locale;
import org.sgdbench.problem.NoiseLaw;

/**
 * The best Brownian model of one SGD mode there can be: the OU process dx = −κx dτ + √(2D) dW (τ = tη) whose
 * transition over one step reproduces SGD's one-step mean map exactly, e^{−κη} = 1 − ηλ, i.e.
 * κ = −ln(1 − ηλ)/η, with D chosen so that its stationary variance D/κ is SGD's v∞. Sampled at integer steps it
 * is the Gaussian AR(1) x' = m x + √(v∞(1 − m²)) ξ, m = 1 − ηλ.
 *
 * <ul>
 * <li><b>Exists</b> iff 0 &lt; 1 − ηλ &lt; 1 with a finite v∞ (0 &lt; ηλ &lt; 1, a &lt; 1), or for a flat mode
 *     (λ = 0, σ_h = 0: Brownian motion with D = ησ_g²/2, κ = 0).</li>
 * <li><b>Exact</b> without Hessian noise: SGD's variance recursion v' = m²v + η²σ_g² is the AR(1)'s, so every
 *     mean, variance and autocovariance at integer steps agrees, and with Gaussian gradient noise the whole law
 *     does. With a discrete noise (±1) the moments agree but the law does not.</li>
 * <li><b>Impossible</b> for ηλ ≥ 1: SGD's lag-1 autocorrelation 1 − ηλ is ≤ 0, while every Markov diffusion has
 *     e^{−κη} &gt; 0; and with Hessian noise: SGD's stationary law has a power tail (Kesten) and its variance relaxes
 *     at rate a ≠ m², which no Gaussian diffusion has (matching the mean map and v∞ still leaves the transient
 *     and the tails wrong).</li>
 * </ul>
 */
public final class BestDiffusion {
    /** Where the best diffusion stands for a mode. */
    public enum Status {
        /** Reproduces SGD at integer steps: all moments, and the law when the gradient noise is Gaussian. */
        EXACT,
        /** Reproduces the mean map and v∞ but not SGD's transient variance, its tails or its law. */
        MOMENTS_ONLY,
        /** No Markov diffusion reproduces SGD here. */
        IMPOSSIBLE
    }

    private final ModeTheory th;
    private final Status status;
    private final String why;

    private BestDiffusion(ModeTheory th) {
        this.th = th;
        double m = th.meanFactor(), el = 1 - m;
        boolean flat = th.mode().lambda() == 0 && th.mode().sigmaH() == 0;
        if (flat) {
            status = Status.EXACT;
            why = th.noise().gradient() == NoiseLaw.GAUSSIAN ? "Brownian motion with D = ησ_g²/2 is exact at integer steps"
                : "Brownian motion with D = ησ_g²/2 matches every moment; the ±1 walk's law is a lattice";
        } else if (!(el > 0)) {
            status = Status.IMPOSSIBLE;
            why = el == 0 ? "none: ηλ = 0 with Hessian noise has no stationary variance a diffusion could match"
                : "none: ηλ < 0, a repelling mode";
        } else if (el >= 1) {
            status = Status.IMPOSSIBLE;
            why = String.format(Locale.ROOT,
                "none: ηλ = %.3g ≥ 1, lag-1 autocorrelation 1 − ηλ = %.3g ≤ 0 while every diffusion has e^{−κη} > 0",
                el, m);
        } else if (!Double.isFinite(th.stationaryVariance())) {
            status = Status.IMPOSSIBLE;
            why = "none: SGD's stationary variance is infinite (Hessian noise, Kesten tail index ≤ 2)";
        } else if (th.mode().sigmaH() > 0) {
            status = Status.MOMENTS_ONLY;
            why = String.format(Locale.ROOT,
                "no diffusion is exact: Hessian noise gives power tails (α = %.3g) and a variance relaxing at a = %.3g, not m² = %.3g",
                th.kestenTailIndex(), th.a(), m * m);
        } else {
            status = Status.EXACT;
            why = th.noise().gradient() == NoiseLaw.GAUSSIAN ? "exact: OU with κ = −ln(1−ηλ)/η reproduces SGD's law at integer steps"
                : "exact in every moment (κ = −ln(1−ηλ)/η); the ±1 noise makes SGD's law non-Gaussian";
        }
    }

    public static BestDiffusion of(ModeTheory th) { return new BestDiffusion(th); }

    public Status status() { return status; }

    public boolean exists() { return status != Status.IMPOSSIBLE; }

    /** One line saying where the best diffusion stands and why. */
    public String explanation() { return why; }

    /** κ = −ln(1 − ηλ)/η (0 for a flat mode); NaN where no best diffusion exists. */
    public double kappa() {
        if (!exists()) return Double.NaN;
        return -Math.log1p(-th.eta() * th.mode().lambda()) / th.eta();
    }

    /** Mean at step t: m^t μ0 (the mean map is matched exactly). */
    public double mean(long t, double mu0) { return exists() ? th.mean(t, mu0) : Double.NaN; }

    /** Variance at step t: m^{2t}v0 + v∞(1 − m^{2t}), or v0 + tη²σ_g² for a flat mode. */
    public double variance(long t, double v0) {
        if (!exists()) return Double.NaN;
        double m = th.meanFactor();
        if (th.mode().lambda() == 0) return v0 + t * th.varianceSlopePerStep();
        double m2t = Math.pow(m * m, t);
        return m2t * v0 + th.stationaryVariance() * (1 - m2t);
    }

    /** Lag-1 autocorrelation at step t: m·Var(x_{t−1})/Var(x_t). */
    public double lag1Autocorrelation(long t, double v0) {
        if (!exists() || t < 1) return Double.NaN;
        double vt = variance(t, v0);
        return vt > 0 ? th.meanFactor() * variance(t - 1, v0) / vt : th.meanFactor();
    }

    /** Variance growth per step of a flat mode (η²σ_g²), NaN otherwise. */
    public double varianceSlopePerStep() {
        return exists() && th.mode().lambda() == 0 ? th.varianceSlopePerStep() : Double.NaN;
    }
}
