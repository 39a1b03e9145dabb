package org.sgdbench.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sgdbench.accuracy.Baselines.Quantity;
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
import org.sgdbench.theory.Regime;

/**
 * The Monte Carlo half of the accuracy pass: every verdict case on every available backend and precision,
 * its ensemble statistics against the exact theory, with tolerances from the Monte Carlo standard error
 * ({@link Tolerances}) and one verdict function ({@link Verdict}).
 *
 * <p>z = 5 because the quick run makes a few hundred comparisons: at 5σ the chance of any false alarm stays
 * below 10⁻⁴. A variance or an autocorrelation is judged only when the theory says the fourth moment is finite
 * (Kesten tail index &gt; 4); otherwise the row says "not judged" instead of claiming an error that the sample
 * cannot measure.
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

    private EnsembleAccuracy() {}

    /**
     * Every case on every backend, backend by backend (scalar first): one native runtime at a time, because
     * interleaving them case by case let ND4J's idle worker threads slow the next backend (measured 2–10× on
     * 2 cores). The rows of the backends that cannot run here come first.
     */
    public static List<AccuracyRow> run(List<VerdictCase> cases, Settings s, Consumer<String> progress) {
        List<AccuracyRow> rows = new ArrayList<>(unavailableRows(s));
        Map<String, double[]> scalarFinal = new HashMap<>();
        Map<String, TailReference> tails = new HashMap<>();
        for (Backend backend : scalarFirst(s.backends()))
            for (VerdictCase c : cases)
                rows.addAll(runOn(c, backend, s, progress, scalarFinal, () -> tails.computeIfAbsent(c.id(), id -> TailReference.of(c, s, progress))));
        return rows;
    }

    /** One status row per backend of the settings that cannot run on this machine, and per precision. */
    public static List<AccuracyRow> unavailableRows(Settings s) {
        List<AccuracyRow> rows = new ArrayList<>();
        for (Backend backend : s.backends())
            if (backend.provider().isEmpty())
                for (Precision p : s.precisions())
                    rows.add(Rows.status(new Rows.Context("*", "-", Method.ENSEMBLE, backend, p, null), "-",
                        backend.availability().failed() ? Outcome.FAILED : Outcome.UNAVAILABLE, backend.availability().reason()));
        return rows;
    }

    /**
     * One case on every available backend and precision of the settings (in a quick run the non-reference
     * backends run only the cases marked quick). Scalar runs first, so that the others can be compared with it.
     */
    public static List<AccuracyRow> run(VerdictCase c, Settings s, Consumer<String> progress) {
        List<AccuracyRow> rows = new ArrayList<>();
        Map<String, double[]> scalarFinal = new HashMap<>();
        TailReference[] tail = new TailReference[1];
        Supplier<TailReference> once = () -> tail[0] != null ? tail[0] : (tail[0] = TailReference.of(c, s, progress));
        for (Backend backend : scalarFirst(s.backends())) rows.addAll(runOn(c, backend, s, progress, scalarFinal, once));
        return rows;
    }

    private static List<Backend> scalarFirst(List<Backend> backends) {
        List<Backend> order = new ArrayList<>(backends);
        order.sort((a, b) -> Boolean.compare(a != Backend.SCALAR, b != Backend.SCALAR));
        return order;
    }

    /** One case on one backend, every precision; nothing when the backend cannot run or skips the case. */
    private static List<AccuracyRow> runOn(VerdictCase c, Backend backend, Settings s, Consumer<String> progress,
                                           Map<String, double[]> scalarFinal, Supplier<TailReference> tail) {
        List<AccuracyRow> rows = new ArrayList<>();
        if (backend.provider().isEmpty()) return rows;
        if (backend != Backend.SCALAR && s.quick() && !c.quick()) return rows;
        BackendProvider provider = backend.require();
        for (Precision p : s.precisions()) {
            progress.accept(String.format(Locale.ROOT, "accuracy: %s %s %s (%d walkers × %d steps)",
                c.id(), backend.id(), p, c.walkers(), c.steps()));
            Rows.Context ctx = context(c, backend, p);
            try (SgdEnsembleKernel k = provider.sgdEnsemble(c.spec(), p, s.seed(), s.options())) {
                rows.addAll(measure(c, k, s, provider.trajectoryTolerance(p), scalarFinal, tail.get()));
            } catch (KernelNotSupportedException e) {
                rows.add(Rows.status(ctx, "-", Outcome.NOT_SUPPORTED, e.getMessage()));
            } catch (RuntimeException e) {
                rows.add(Rows.status(ctx, "-", Outcome.FAILED, e.toString()));
            }
        }
        return rows;
    }

    static Rows.Context context(VerdictCase c, Backend backend, Precision p) {
        Baselines base = new Baselines(c);
        return new Rows.Context(c.id(), regimeName(base.theory()), Method.ENSEMBLE, backend, p, base);
    }

    static String regimeName(ModeTheory th) { return th.regime().name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /**
     * Runs one kernel through the case (half the horizon, then the rest) and judges its statistics. Scalar's
     * final positions are stored in {@code scalarFinal}; any other backend's are compared with them.
     */
    static List<AccuracyRow> measure(VerdictCase c, SgdEnsembleKernel k, Settings s, double trajectoryTolerance,
                                     Map<String, double[]> scalarFinal, TailReference tail) {
        int n = c.walkers(), t = c.steps(), half = t / 2;
        double[] x = new double[n], prev = new double[n];
        EnsembleSample mid = null;
        k.reset();
        if (half > 0) {
            k.advance(half);
            k.readState(0, x, prev);
            mid = new EnsembleSample(x.clone(), prev.clone());
        }
        k.advance(t - half);
        k.readState(0, x, prev);
        EnsembleSample end = new EnsembleSample(x, prev);
        List<AccuracyRow> rows = judge(c, k.backend(), k.precision(), mid, end, s.z(), tail);

        String key = c.id() + "/" + k.precision();
        Rows.Context ctx = context(c, k.backend(), k.precision());
        String quantity = "max deviation from scalar trajectories";
        if (k.backend() == Backend.SCALAR) {
            scalarFinal.put(key, x.clone());
        } else if (!scalarFinal.containsKey(key)) {
            rows.add(Rows.notJudged(ctx, quantity, Quantity.OTHER, t, Double.NaN, 0, false,
                "not judged: the scalar reference did not run for this case and precision"));
        } else {
            double[] ref = scalarFinal.get(key);
            // Relative to the ensemble's scale 1 + rms(x), not to each walker's own |x|: rounding differences grow
            // with the walkers' typical size (by |1 − ηλ| per step in an unstable case, ~1.5^30 there), and a walker
            // that ends near zero by cancellation would otherwise show that amplified difference against its own
            // small value (a full run's 2^20 walkers always hold such a walker). The scale of the ratio is 1.
            double sumSq = 0;
            for (int i = 0; i < n; i++) sumSq += ref[i] * ref[i];
            double scale = 1 + Math.sqrt(sumSq / n);
            double dev = 0;
            for (int i = 0; i < n; i++) dev = Math.max(dev, Math.abs(x[i] - ref[i]) / scale);
            boolean exact = trajectoryTolerance == 0;
            rows.add(Rows.judged(ctx, quantity, Quantity.OTHER, t, dev, 0, false, trajectoryTolerance, 1,
                exact ? "bit-identical by design (same streams, same operations)"
                    : "backend's stated tolerance (" + k.backend().id() + ": unfused or not correctly rounded operations)",
                true));
        }
        return rows;
    }

    /** The scale a correlation's tolerance must stay below: |ρ|, or 1 (its range) when ρ = 0. */
    static double correlationScale(double rho) { return rho != 0 ? Math.abs(rho) : 1; }

    /**
     * Whether the ensemble gets a tail-index row: a power tail (Kesten α finite) light enough to be seen at k/n, and
     * a law that is not the point mass at 0 (no gradient noise and a start at 0 keeps every walker there).
     */
    static boolean hasTailRow(VerdictCase c, ModeTheory th) {
        double alpha = th.kestenTailIndex();
        boolean pointMass = c.mode().sigmaG() == 0 && c.initMean() == 0 && c.initSpread() == 0;
        return Double.isFinite(alpha) && alpha < 8 && !pointMass;
    }

    /** The Hill estimator's k for n walkers: the largest 0.5 %, at least 50. */
    static int hillK(int n) { return Math.max(50, n / 200); }

    /**
     * The reference of a case's Hill row ({@link HillReference}, computed once per case: every backend and
     * precision sees the same law), or why there is none.
     */
    record TailReference(HillReference reference, String failure) {
        static TailReference of(VerdictCase c, Settings s, Consumer<String> progress) {
            if (!hasTailRow(c, new Baselines(c).theory())) return null;
            progress.accept(String.format(Locale.ROOT, "accuracy: %s exact law at t=%d for the Hill row (transfer operator, scalar F64)",
                c.id(), c.steps()));
            try {
                return new TailReference(HillReference.compute(c, hillK(c.walkers()), s.options()), null);
            } catch (RuntimeException e) {
                return new TailReference(null, e.toString());
            }
        }
    }

    /** The statistical rows of one backend and precision from its samples at t/2 ({@code mid}, may be null) and t. */
    static List<AccuracyRow> judge(VerdictCase c, Backend b, Precision p, EnsembleSample mid, EnsembleSample end,
                                   double z, TailReference tail) {
        Rows.Context ctx = context(c, b, p);
        ModeTheory th = ctx.baselines().theory();
        List<AccuracyRow> rows = new ArrayList<>();
        int n = end.size(), t = c.steps(), half = t / 2;
        double v0 = c.initSpread() * c.initSpread(), mu0 = c.initMean();
        ModeStatistics st = end.statistics();
        double f32 = p == Precision.F32 ? Tolerances.f32Rounding(th.meanFactor(), t) : 0;
        String seWhy = String.format(Locale.ROOT, "%.0fσ Monte Carlo (batch means, N=%d)", z, n);

        if (st.diverged()) {
            rows.add(Rows.judged(ctx, "non-finite walkers at t=" + t, Quantity.OTHER, t, Double.NaN, 0, false, 0, 1,
                st.nonFinite() + " walkers NaN/Inf", false));
            return rows;
        }
        // Without Hessian noise x_t is linear in the noises: every moment is finite at every t, whatever the
        // regime. With it, the stationary law's fourth moment is finite iff E(1−ηh)⁴ < 1 (tail index > 4).
        boolean judgeSecondOrder = c.mode().sigmaH() == 0 || th.fourthMomentFinite();
        String notJudged = String.format(Locale.ROOT,
            "not judged: Kesten tail index %.3g ≤ 4, the fourth moment is infinite, so the sample has no standard error",
            th.kestenTailIndex());

        double var = th.variance(t, mu0, v0), sd = Math.sqrt(var);
        double mean = th.mean(t, mu0);
        double tolMean = Tolerances.monteCarlo(z, end.standardError(ModeStatistics::mean)) + f32 * (sd + Math.abs(mean));
        rows.add(Rows.judged(ctx, "mean at t=" + t, Quantity.MEAN, t, st.mean(), mean, false, tolMean,
            sd > 0 ? sd : 1, seWhy + "; scale: the law's sd", true));

        if (th.regime() == Regime.DIFFUSIVE && mid != null) {
            // flat mode: growth slope of the variance per step against η²σ_g² (D = ησ_g²/2 per unit τ)
            double slope = (st.variance() - mid.statistics().variance()) / (t - half);
            double exact = th.varianceSlopePerStep();
            double se = Math.hypot(end.standardError(ModeStatistics::variance),
                mid.standardError(ModeStatistics::variance)) / (t - half);
            rows.add(Rows.judged(ctx, "variance slope per step (η²σ_g²)", Quantity.VARIANCE_SLOPE, t, slope, exact,
                true, Tolerances.monteCarlo(z, se) / exact + f32, 1, seWhy, true));
        } else if (judgeSecondOrder) {
            double seVar = end.standardError(ModeStatistics::variance);
            rows.add(Rows.judged(ctx, "variance at t=" + t, Quantity.VARIANCE, t, st.variance(), var, true,
                Tolerances.monteCarlo(z, seVar) / var + f32, 1, seWhy, true));
        } else {
            rows.add(Rows.notJudged(ctx, "variance at t=" + t, Quantity.VARIANCE, t, st.variance(), var, true, notJudged));
        }

        // lag-1 autocorrelation between t−1 and t
        if (th.regime() != Regime.DIFFUSIVE || t > 1) {
            double vPrev = th.variance(t - 1, mu0, v0);
            double rho = var > 0 ? th.lag1Covariance(t, mu0, v0) / var : Double.NaN;
            String q = "lag-1 autocorrelation at t=" + t;
            if (vPrev > 0 && judgeSecondOrder)
                rows.add(Rows.judged(ctx, q, Quantity.LAG1_AUTOCORRELATION, t, st.lag1Correlation(), rho, false,
                    Tolerances.monteCarlo(z, end.standardError(ModeStatistics::lag1Correlation)) + f32, correlationScale(rho),
                    seWhy, true));
            else if (vPrev > 0)
                rows.add(Rows.notJudged(ctx, q, Quantity.LAG1_AUTOCORRELATION, t, st.lag1Correlation(), rho, false, notJudged));
        }

        // tail index where the law is heavy-tailed: Hill estimator vs the exact law's Hill functional at k/n
        double alpha = th.kestenTailIndex();
        if (hasTailRow(c, th)) {
            int kHill = hillK(n);
            double hill = end.hillTailIndex(kHill);
            String q = "tail index (Hill, k=" + kHill + ")";
            HillReference ref = tail == null ? null : tail.reference();
            if (tail != null && tail.failure() != null)
                rows.add(Rows.status(ctx, q, Outcome.FAILED, "the exact law's Hill functional at k/n: " + tail.failure()));
            else if (ref == null || Math.abs(ref.tailFraction() - HillReference.tailFraction(kHill, n)) > 1e-12)
                rows.add(Rows.notJudged(ctx, q, Quantity.TAIL_INDEX, t, hill, alpha, true,
                    "not judged: no Hill functional of the exact law at this k/n"
                        + "; the Kesten α is only its limit k/n → 0, not its value at k/n"));
            else
                rows.add(Rows.judged(ctx, q, Quantity.TAIL_INDEX, t, hill, ref.alpha(), true, ref.tolerance(z, kHill), 1,
                    ref.notes(z, kHill), true));
        }
        return rows;
    }
}
