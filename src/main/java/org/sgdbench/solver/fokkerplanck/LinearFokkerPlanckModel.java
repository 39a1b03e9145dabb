package org.sgdbench.solver.fokkerplanck;

import org.sgdbench.problem.Check;

/**
 * ∂τP = ∂x[κx P] + ∂x²[(d0 + d2x²) P]: drift a(x) = κx, diffusion D(x) = d0 + d2x² (d0, d2 ≥ 0), i.e. the
 * Itô SDE dx = −κx dτ + √(2D(x)) dW. Everything here is exact for the continuous model on the whole line.
 *
 * <p><b>Moment equations.</b> Against a test function f, d/dτ E[f] = E[−κx f' + D(x) f''] (integrate the
 * equation by parts twice). f = x gives dm/dτ = −κm; f = x² gives ds/dτ = −2κs + 2d0 + 2d2 s for s = E[x²].
 * So m(τ) = m0 e^{−κτ}, s(τ) = s∞ + (s0 − s∞)e^{−2(κ−d2)τ} with s∞ = d0/(κ − d2) when κ > d2, and the
 * stationary variance is v∞ = d0/(κ − d2).
 *
 * <p><b>Stationary law.</b> Zero flux gives κxP + (DP)' = 0, so P ∝ exp(−∫a/D)/D = (d0 + d2x²)^{−κ/(2d2) − 1}
 * (a Gaussian of variance d0/κ when d2 = 0). Its tail is P ~ |x|^{−(κ/d2 + 2)}: tail index α = 1 + κ/d2
 * (P(|X| > x) ~ x^{−α}), normalisable iff κ > −d2, finite variance iff κ > d2.
 *
 * <p><b>Lag-1 autocorrelation over one SGD step.</b> The adjoint generator maps f(x) = x to −κx (the diffusion
 * acts on f'' = 0), so E[x_{τ+η} | x_τ] = e^{−κη}x_τ and the stationary autocorrelation at lag η is e^{−κη}
 * for every D: e^{−ηλ} for OU and Itô, e^{−ηλ − η²λ²/2} for the η-corrected model. It is positive for every
 * η: no diffusion reproduces the oscillation of SGD (1 − ηλ < 0 for ηλ > 1).
 */
public record LinearFokkerPlanckModel(double kappa, double d0, double d2) {
    public LinearFokkerPlanckModel {
        Check.finite("kappa", kappa);
        Check.nonNegative("d0", d0);
        Check.nonNegative("d2", d2);
    }

    public double drift(double x) { return kappa * x; }

    public double diffusion(double x) { return d0 + d2 * x * x; }

    /** dD/dx. */
    public double diffusionSlope(double x) { return 2 * d2 * x; }

    /** What the continuous model does on the whole line (never {@link FokkerPlanckStatus#DIVERGED}). */
    public FokkerPlanckStatus regime() {
        if (d2 == 0) {
            if (kappa > 0) return FokkerPlanckStatus.OK;
            return kappa == 0 ? FokkerPlanckStatus.DIFFUSIVE : FokkerPlanckStatus.UNSTABLE;
        }
        if (kappa > d2) return FokkerPlanckStatus.OK;
        return kappa > -d2 ? FokkerPlanckStatus.INFINITE_VARIANCE : FokkerPlanckStatus.UNSTABLE;
    }

    /** v∞ = d0/(κ − d2); +Inf when the stationary law has no finite variance, NaN when there is none. */
    public double stationaryVariance() {
        return switch (regime()) {
            case OK -> d0 / (kappa - d2);
            case INFINITE_VARIANCE -> Double.POSITIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    /** Tail index α = 1 + κ/d2 of the stationary law; +Inf for a Gaussian (d2 = 0, κ > 0); NaN without a law. */
    public double tailIndex() {
        FokkerPlanckStatus r = regime();
        if (r != FokkerPlanckStatus.OK && r != FokkerPlanckStatus.INFINITE_VARIANCE) return Double.NaN;
        return d2 == 0 ? Double.POSITIVE_INFINITY : 1 + kappa / d2;
    }

    /** Decay factor of the conditional mean over τ: E[x_τ | x_0] = e^{−κτ} x_0. */
    public double meanDecay(double tau) { return Math.exp(-kappa * tau); }

    /** Stationary lag-1 autocorrelation over one SGD step (τ = η); NaN when the stationary variance is not finite. */
    public double lag1Autocorrelation(double eta) {
        return regime() == FokkerPlanckStatus.OK ? meanDecay(eta) : Double.NaN;
    }

    public double mean(double tau, double mean0) { return mean0 * meanDecay(tau); }

    /** E[x²] at τ from E[x²] = s0 at 0, by the closed-form solution of ds/dτ = −2(κ − d2)s + 2d0. */
    public double secondMoment(double tau, double s0) {
        double c = kappa - d2;
        double z = -2 * c * tau;
        // (1 − e^{−2cτ})/c, continuous through c = 0 where it is 2τ (the flat-mode linear growth).
        double growth = Math.abs(z) < 1e-8 ? 2 * tau * (1 + 0.5 * z) : -Math.expm1(z) / c;
        return s0 * Math.exp(z) + d0 * growth;
    }

    /** Variance at τ for an initial law with the given mean and variance. */
    public double variance(double tau, double mean0, double variance0) {
        double m = mean(tau, mean0);
        return secondMoment(tau, variance0 + mean0 * mean0) - m * m;
    }
}
