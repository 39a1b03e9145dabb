package org.sgdbench.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.ModeStatistics;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.theory.ModeTheory;

/**
 * The Monte Carlo half of the accuracy pass: every verdict case on every available backend and precision,
 * its ensemble statistics against the exact theory, with tolerances from the Monte Carlo standard error.
 *
 * <p>Tolerance = z · SE (batch means) + a rounding allowance for F32. z = 5 because the quick run makes a few
 * hundred comparisons: at 5σ the chance of any false alarm stays below 10⁻⁴. A variance or an
 * autocorrelation is judged only when the theory says the fourth moment is finite (Kesten tail index > 4);
 * otherwise the row says "not judged" instead of claiming an error that the sample cannot measure.
 */
public final class EnsembleAccuracy {
    /** How the pass runs. */
    public record Settings(List<Backend> backends, List<Precision> precisions, long seed, KernelOptions options,
                           double z, boolean quick) {
        public Settings {
            backends = List.copyOf(backends);
            precisions = List.copyOf(precisions);
        }
    }

    private static final double F32_ROUNDING = 2e-4;

    private EnsembleAccuracy() {}

    public static List<AccuracyRow> run(List<VerdictCase> cases, Settings s, Consumer<String> progress) {
        List<AccuracyRow> rows = new ArrayList<>();
        Map<String, double[]> scalarFinal = new HashMap<>();
        for (Backend backend : s.backends()) {
            if (backend.provider().isEmpty()) {
                for (Precision p : s.precisions())
                    rows.add(status("*", "-", backend, p, Outcome.UNAVAILABLE, backend.availability().reason()));
                continue;
            }
            BackendProvider provider = backend.require();
            for (VerdictCase c : cases) {
                if (backend != Backend.SCALAR && s.quick() && !c.quick()) continue;
                for (Precision p : s.precisions()) {
                    progress.accept(String.format(Locale.ROOT, "accuracy: %s %s %s (%d walkers × %d steps)",
                        c.id(), backend.id(), p, c.walkers(), c.steps()));
                    try {
                        rows.addAll(runCase(c, provider, p, s, scalarFinal));
                    } catch (KernelNotSupportedException e) {
                        rows.add(status(c.id(), "-", backend, p, Outcome.NOT_SUPPORTED, e.getMessage()));
                    } catch (RuntimeException e) {
                        rows.add(status(c.id(), "-", backend, p, Outcome.FAILED, e.toString()));
                    }
                }
            }
        }
        return rows;
    }

    private static AccuracyRow status(String caseId, String regime, Backend b, Precision p, Outcome o, String why) {
        return new AccuracyRow(caseId, regime, "ensemble", b.id(), p.name(), "-", Double.NaN, Double.NaN, Double.NaN,
            false, Double.NaN, why, Double.NaN, Double.NaN, Double.NaN, o);
    }

    static String regimeName(ModeTheory th) { return th.regime().name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    private static List<AccuracyRow> runCase(VerdictCase c, BackendProvider provider, Precision p, Settings s,
                                             Map<String, double[]> scalarFinal) {
        ModeTheory th = ModeTheory.of(c.mode(), c.noise(), c.eta());
        String regime = regimeName(th);
        Backend b = provider.backend();
        List<AccuracyRow> rows = new ArrayList<>();
        int n = c.walkers(), t = c.steps(), half = t / 2;
        double v0 = c.initSpread() * c.initSpread(), mu0 = c.initMean();
        double[] x = new double[n], prev = new double[n];
        EnsembleSample mid = null;
        try (SgdEnsembleKernel k = provider.sgdEnsemble(c.spec(), p, s.seed(), s.options())) {
            k.reset();
            if (half > 0) {
                k.advance(half);
                k.readState(0, x, prev);
                mid = new EnsembleSample(x.clone(), prev.clone());
            }
            k.advance(t - half);
            k.readState(0, x, prev);
        }
        EnsembleSample end = new EnsembleSample(x, prev);
        ModeStatistics st = end.statistics();
        double rounding = p == Precision.F32 ? F32_ROUNDING : 0;
        String seWhy = String.format(Locale.ROOT, "%.0fσ Monte Carlo (batch means, N=%d)", s.z(), n);

        if (st.diverged()) {
            rows.add(new AccuracyRow(c.id(), regime, "ensemble", b.id(), p.name(), "non-finite walkers at t=" + t,
                st.nonFinite(), 0, st.nonFinite(), false, 0, "NaN/Inf appeared", 0, Double.NaN, Double.NaN,
                Outcome.DIVERGED));
            return rows;
        }
        // Without Hessian noise x_t is linear in the noises: every moment is finite at every t, whatever the
        // regime. With it, the stationary law's fourth moment is finite iff E(1−ηh)⁴ < 1 (tail index > 4).
        boolean judgeSecondOrder = c.mode().sigmaH() == 0 || th.fourthMomentFinite();
        String notJudged = String.format(Locale.ROOT,
            "not judged: Kesten tail index %.3g ≤ 4, the fourth moment is infinite, so the sample has no standard error",
            th.kestenTailIndex());

        // mean at t
        double mean = th.mean(t, mu0);
        double seMean = end.standardError(ModeStatistics::mean);
        double tolMean = s.z() * seMean + rounding * (1 + Math.abs(mean));
        rows.add(judge(c.id(), regime, b, p, "mean at t=" + t, st.mean(), mean, false, tolMean, seWhy,
            th.ouMean(t, mu0)));

        if (th.regime() == org.sgdbench.theory.Regime.DIFFUSIVE && mid != null) {
            // flat mode: growth slope of the variance per step against η²σ_g² (D = ησ_g²/2 per unit τ)
            double slope = (st.variance() - mid.statistics().variance()) / (t - half);
            double exact = th.varianceSlopePerStep();
            double se = Math.hypot(end.standardError(ModeStatistics::variance),
                mid.standardError(ModeStatistics::variance)) / (t - half);
            double ouSlope = (th.ouVariance(t, v0) - th.ouVariance(half, v0)) / (t - half);
            rows.add(judge(c.id(), regime, b, p, "variance slope per step (η²σ_g²)", slope, exact, true,
                (s.z() * se + rounding * exact) / exact, seWhy, ouSlope));
        } else {
            double var = th.variance(t, mu0, v0);
            double seVar = end.standardError(ModeStatistics::variance);
            double ouVar = th.ouVariance(t, v0);
            if (judgeSecondOrder)
                rows.add(judge(c.id(), regime, b, p, "variance at t=" + t, st.variance(), var, true,
                    (s.z() * seVar) / var + rounding, seWhy, ouVar));
            else
                rows.add(new AccuracyRow(c.id(), regime, "ensemble", b.id(), p.name(), "variance at t=" + t,
                    st.variance(), var, st.variance() / var - 1, true, Double.NaN, notJudged, var, ouVar,
                    ouVar / var - 1, Outcome.NOT_JUDGED));
        }

        // lag-1 autocorrelation between t−1 and t
        if (th.regime() != org.sgdbench.theory.Regime.DIFFUSIVE || t > 1) {
            double vPrev = th.variance(t - 1, mu0, v0), vT = th.variance(t, mu0, v0);
            double rho = vT > 0 ? th.lag1Covariance(t, mu0, v0) / vT : Double.NaN;
            double ouRho = th.ouLag1Autocorrelation();
            double seRho = end.standardError(ModeStatistics::lag1Correlation);
            if (vPrev > 0 && judgeSecondOrder)
                rows.add(judge(c.id(), regime, b, p, "lag-1 autocorrelation at t=" + t, st.lag1Correlation(), rho,
                    false, s.z() * seRho + rounding, seWhy, ouRho));
            else if (vPrev > 0)
                rows.add(new AccuracyRow(c.id(), regime, "ensemble", b.id(), p.name(), "lag-1 autocorrelation at t=" + t,
                    st.lag1Correlation(), rho, st.lag1Correlation() - rho, false, Double.NaN, notJudged, rho, ouRho,
                    ouRho - rho, Outcome.NOT_JUDGED));
        }

        // tail index where the law is heavy-tailed: Hill estimator vs Kesten
        double alpha = th.kestenTailIndex();
        if (Double.isFinite(alpha) && alpha < 8) {
            int kHill = Math.max(50, n / 200);
            double hill = end.hillTailIndex(kHill);
            double ito = itoTailIndex(c);
            double tol = 3 / Math.sqrt(kHill) + 0.2;
            rows.add(judge(c.id(), regime, b, p, "tail index (Hill, k=" + kHill + ")", hill, alpha, true, tol,
                "3/√k sampling + 20 % Hill bias (second-order tail, finite horizon)", ito));
        }

        // agreement with the scalar reference trajectories from the same seed
        String key = c.id() + "/" + p;
        if (b == Backend.SCALAR) {
            scalarFinal.put(key, x.clone());
        } else if (scalarFinal.containsKey(key)) {
            double[] ref = scalarFinal.get(key);
            double dev = 0;
            for (int i = 0; i < n; i++) dev = Math.max(dev, Math.abs(x[i] - ref[i]) / (1 + Math.abs(ref[i])));
            double tol = b.require().trajectoryTolerance(p);
            rows.add(new AccuracyRow(c.id(), regime, "ensemble", b.id(), p.name(),
                "max deviation from scalar trajectories", dev, 0, dev, false, tol,
                tol == 0 ? "bit-identical by design (same streams, same operations)"
                    : "backend's stated tolerance (" + b.id() + ": unfused or not correctly rounded operations)",
                Double.NaN, Double.NaN, Double.NaN, dev <= tol ? Outcome.OK : Outcome.LARGE_ERROR));
        }
        return rows;
    }

    /** Itô Langevin stationary tail index 1 + 2λ/(ησ_h²) (Student-like law); ∞ without Hessian noise. */
    static double itoTailIndex(VerdictCase c) {
        double sh2 = c.mode().sigmaH() * c.mode().sigmaH();
        return sh2 > 0 && c.mode().lambda() > 0 ? 1 + 2 * c.mode().lambda() / (c.eta() * sh2) : Double.POSITIVE_INFINITY;
    }

    private static AccuracyRow judge(String caseId, String regime, Backend b, Precision p, String quantity,
                                     double value, double exact, boolean relative, double tol, String why,
                                     double langevin) {
        double err = relative ? value / exact - 1 : value - exact;
        double lerr = Double.isNaN(langevin) ? Double.NaN
            : relative ? (exact != 0 ? langevin / exact - 1 : Double.NaN) : langevin - exact;
        Outcome o = !Double.isFinite(value) ? Outcome.DIVERGED : Math.abs(err) <= tol ? Outcome.OK : Outcome.LARGE_ERROR;
        return new AccuracyRow(caseId, regime, "ensemble", b.id(), p.name(), quantity, value, exact, err, relative,
            tol, why, exact, langevin, lerr, o);
    }
}
