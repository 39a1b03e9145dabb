package org.sgdbench.accuracy;

import org.sgdbench.solver.fokkerplanck.FokkerPlanckStatus;
import org.sgdbench.solver.fokkerplanck.Generator;
import org.sgdbench.solver.fokkerplanck.LinearFokkerPlanckModel;
import org.sgdbench.theory.BestDiffusion;
import org.sgdbench.theory.ModeTheory;

/**
 * What the Brownian pictures predict for a quantity of a case, side by side with SGD's exact value:
 * <ul>
 * <li><b>OU</b>: Langevin with constant noise at the mean Hessian, dx = −λx dτ + √(ησ_g²) dW;</li>
 * <li><b>Itô</b>: Langevin with the state-dependent noise Σ(x) = σ_h²x² + σ_g² (differs from OU only with Hessian
 *     noise, where it has a power tail of index 1 + 2λ/(ησ_h²));</li>
 * <li><b>best diffusion</b>: the OU process matching SGD's one-step mean map and v∞ ({@link BestDiffusion}), NaN
 *     where none exists.</li>
 * </ul>
 */
public final class Baselines {
    /** The kind of quantity a row compares (decides which prediction each model makes). */
    public enum Quantity { MEAN, VARIANCE, VARIANCE_SLOPE, LAG1_AUTOCORRELATION, TAIL_INDEX, DISTANCE, OTHER }

    /** SGD's exact value and the three Brownian predictions of one quantity. */
    public record Predictions(double sgd, double ou, double ito, double best) {
        static final Predictions NONE = new Predictions(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private final ModeTheory th;
    private final BestDiffusion best;
    private final LinearFokkerPlanckModel ou, ito;
    private final double mu0, v0;

    public Baselines(VerdictCase c) {
        this.th = ModeTheory.of(c.mode(), c.noise(), c.eta());
        this.best = BestDiffusion.of(th);
        this.ou = Generator.LANGEVIN_OU.model(c.mode(), c.eta());
        this.ito = Generator.ITO_LANGEVIN.model(c.mode(), c.eta());
        this.mu0 = c.initMean();
        this.v0 = c.initSpread() * c.initSpread();
    }

    public ModeTheory theory() { return th; }

    public BestDiffusion bestDiffusion() { return best; }

    /** Predictions of a quantity at step t (t is ignored for stationary quantities). */
    public Predictions at(Quantity q, long t) {
        double tau = t * th.eta();
        return switch (q) {
            case MEAN -> new Predictions(th.mean(t, mu0), ou.mean(tau, mu0), ito.mean(tau, mu0), best.mean(t, mu0));
            case VARIANCE -> new Predictions(th.variance(t, mu0, v0), ou.variance(tau, mu0, v0),
                ito.variance(tau, mu0, v0), best.variance(t, v0));
            case VARIANCE_SLOPE -> {
                double dt = th.eta();
                yield new Predictions(th.varianceSlopePerStep(),
                    ou.variance(tau, mu0, v0) - ou.variance(tau - dt, mu0, v0),
                    ito.variance(tau, mu0, v0) - ito.variance(tau - dt, mu0, v0), best.varianceSlopePerStep());
            }
            case LAG1_AUTOCORRELATION -> {
                double vt = th.variance(t, mu0, v0);
                double sgd = t >= 1 && vt > 0 ? th.lag1Covariance(t, mu0, v0) / vt : th.lag1Autocorrelation();
                yield new Predictions(sgd, lag1(ou, t), lag1(ito, t), best.lag1Autocorrelation(t, v0));
            }
            case TAIL_INDEX -> new Predictions(th.kestenTailIndex(), Double.POSITIVE_INFINITY, ito.tailIndex(),
                best.exists() ? Double.POSITIVE_INFINITY : Double.NaN);
            case DISTANCE, OTHER -> Predictions.NONE;
        };
    }

    /** Lag-1 autocorrelation of a linear diffusion at step t from the case's start: e^{−κη}·v(τ−η)/v(τ). */
    private double lag1(LinearFokkerPlanckModel m, long t) {
        if (t < 1) return Double.NaN;
        double tau = t * th.eta(), vt = m.variance(tau, mu0, v0), vp = m.variance(tau - th.eta(), mu0, v0);
        if (!(vt > 0) || !Double.isFinite(vt)) return m.regime() == FokkerPlanckStatus.OK ? m.meanDecay(th.eta()) : Double.NaN;
        return m.meanDecay(th.eta()) * vp / vt;
    }
}
