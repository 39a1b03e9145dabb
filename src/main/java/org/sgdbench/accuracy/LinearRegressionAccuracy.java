package org.sgdbench.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.solver.transfer.Densities;
import org.sgdbench.solver.transfer.LawSummary;
import org.sgdbench.solver.transfer.MinibatchMaps;
import org.sgdbench.solver.transfer.TransferOperator;
import org.sgdbench.solver.transfer.TransferOperatorBuilder;
import org.sgdbench.solver.transfer.TransferOperatorSolver;
import org.sgdbench.solver.transfer.TransferResult;
import org.sgdbench.theory.LinearRegressionTheory;

/**
 * The verdict on minibatch SGD for linear regression: ensembles of walkers on every available backend against
 * the exact moment theory ({@link LinearRegressionTheory}), in the eigenbasis of the mean Hessian H.
 *
 * <p>Per case, theory rows (backend "-", not judged: they are models, shown for how far they are) give each mode's
 * exact stationary variance beside the OU/Lyapunov picture and the discrete recursion without Hessian noise.
 * Per backend and precision, judged rows compare the ensemble at t = T with the exact law at the same t (the
 * theory is exact at every t, so no mode has to be relaxed): each mode's variance, the whole covariance (relative
 * Frobenius error) and the mean (largest deviation over the modes, in standard errors).
 *
 * <p>Tolerances: z · SE with SE from batch means over {@link EnsembleSample#BATCHES} batches of walkers (at a finite
 * t the walkers are bounded — bounded data, bounded steps — so every moment is finite and the SE exists), plus
 * for F32 a relative allowance {@link #F32_ROUNDING} for the dataset and θ rounded to float. For the covariance,
 * the tolerance is z times the norm of the entrywise standard errors over ‖C‖. Random reshuffling has no i.i.d.
 * theory: its rows compare with the without-replacement theory (the law of one of its minibatches) and are
 * reported, not judged.
 */
public final class LinearRegressionAccuracy {
    /** F32 allowance, relative: float data shift H and θ* by ~10⁻⁷·cond(H) ≈ 5·10⁻⁵ on diabetes. */
    static final double F32_ROUNDING = 2e-4;

    /**
     * One verdict case: a dataset, batch, sampling and learning rate; walkers start at θ* with spread
     * {@code initSpread} and run {@code steps} steps.
     */
    public record Case(String id, Dataset data, int batch, Sampling sampling, double eta, int steps, int walkers,
                       double initSpread) {
        public LinearRegression spec(double[] thetaStar) {
            return new LinearRegression(data, batch, sampling, eta, steps, walkers, thetaStar, initSpread);
        }

        public Case withWalkers(int n) { return new Case(id, data, batch, sampling, eta, steps, n, initSpread); }
    }

    /** How the pass runs. */
    public record Settings(List<Backend> backends, List<Precision> precisions, long seed, KernelOptions options,
                           double z) {
        public Settings {
            backends = List.copyOf(backends);
            precisions = List.copyOf(precisions);
        }
    }

    /** Fraction of the theory's stability edge used for the "near the edge" learning rate. */
    public static final double NEAR_EDGE = 0.85;
    /** The small learning rate of the built-in cases. */
    public static final double SMALL_ETA = 0.02;

    /** Stability edges of the built-in diabetes cases, computed once per JVM (a bisection of d²-matrix spectra). */
    private static final java.util.Map<String, Double> DIABETES_EDGES = new java.util.concurrent.ConcurrentHashMap<>();

    private LinearRegressionAccuracy() {}

    /**
     * Diabetes: η ∈ {small, 0.85 × the stability edge of the batch size} × b ∈ {4, 32} × every sampling mode;
     * the quick run keeps a representative subset (both i.i.d. modes near the edge at b = 4, without replacement at
     * the small η and b = 32, reshuffling at b = 4).
     */
    public static List<Case> diabetes(int walkers, int steps, boolean quick) {
        Dataset data = Datasets.diabetes();
        List<Case> out = new ArrayList<>();
        for (int b : new int[] {4, 32}) {
            for (Sampling s : Sampling.values()) {
                for (boolean near : new boolean[] {false, true}) {
                    if (quick && !quickSubset(b, s, near)) continue;
                    // reshuffling's one-step law is a uniform subset: its edge is taken from the without-replacement theory
                    double edgeS = near ? DIABETES_EDGES.computeIfAbsent(b + "/" + (s == Sampling.WITH_REPLACEMENT),
                        key -> LinearRegressionTheory.of(data, b, s == Sampling.WITH_REPLACEMENT ? s
                            : Sampling.WITHOUT_REPLACEMENT, SMALL_ETA).stabilityEdge()) : Double.NaN;
                    double eta = near ? NEAR_EDGE * edgeS : SMALL_ETA;
                    String id = String.format(Locale.ROOT, "diabetes-b%d-%s-%s", b, s.id(), near ? "near-edge" : "small-eta");
                    out.add(new Case(id, data, b, s, eta, steps, walkers, 0.1));
                }
            }
        }
        return out;
    }

    private static boolean quickSubset(int b, Sampling s, boolean near) {
        return switch (s) {
            case WITH_REPLACEMENT -> b == 4 && near;
            case WITHOUT_REPLACEMENT -> (b == 4 && near) || (b == 32 && !near);
            case RESHUFFLING -> b == 4 && !near;
        };
    }

    public static List<AccuracyRow> run(List<Case> cases, Settings s, Consumer<String> progress) {
        List<AccuracyRow> rows = new ArrayList<>();
        for (Case c : cases) {
            LinearRegressionTheory th = LinearRegressionTheory.of(c.data(), c.batch(), c.sampling(), c.eta());
            rows.addAll(theoryRows(c, th));
            if (MinibatchMaps.applies(c.data(), c.batch(), c.sampling())) {
                progress.accept("linear regression: " + c.id() + " exact law on a grid ("
                    + MinibatchMaps.count(c.data().n(), c.batch(), c.sampling()) + " minibatch maps)");
                try {
                    rows.addAll(gridRows(c, th, s.options()));
                } catch (RuntimeException e) {
                    rows.add(Rows.plain(c.id(), regime(th), "transfer-operator", "scalar", "F64", "-", Double.NaN, Double.NaN,
                        Double.NaN, false, Double.NaN, e.toString(), Double.NaN, Double.NaN, Double.NaN, Outcome.FAILED));
                }
            }
            for (Backend backend : s.backends()) {
                if (backend.provider().isEmpty()) {
                    for (Precision p : s.precisions())
                        rows.add(status(c.id(), backend, p, Outcome.UNAVAILABLE, backend.availability().reason()));
                    continue;
                }
                BackendProvider provider = backend.require();
                for (Precision p : s.precisions()) {
                    progress.accept(String.format(Locale.ROOT, "linear regression: %s %s %s (%d walkers × %d steps, b=%d)",
                        c.id(), backend.id(), p, c.walkers(), c.steps(), c.batch()));
                    try {
                        rows.addAll(ensembleRows(c, th, provider, p, s));
                    } catch (KernelNotSupportedException e) {
                        rows.add(status(c.id(), backend, p, Outcome.NOT_SUPPORTED, e.getMessage()));
                    } catch (RuntimeException e) {
                        rows.add(status(c.id(), backend, p, Outcome.FAILED, e.toString()));
                    }
                }
            }
        }
        return rows;
    }

    private static String regime(LinearRegressionTheory th) {
        return String.format(Locale.ROOT, "%s ρ=%.3f", th.stable() ? "stable" : "unstable", th.spectralRadius());
    }

    /** Per mode: exact stationary variance against the OU picture and the discrete recursion without Hessian noise. */
    static List<AccuracyRow> theoryRows(Case c, LinearRegressionTheory th) {
        List<AccuracyRow> rows = new ArrayList<>();
        String regime = regime(th);
        if (!th.stable()) {
            rows.add(Rows.plain(c.id(), regime, "exact-theory", "-", "F64", "stationary covariance", Double.NaN, Double.NaN,
                Double.NaN, false, Double.NaN, "ρ(second-moment map) ≥ 1: no stationary second moment", Double.NaN,
                Double.NaN, Double.NaN, Outcome.NOT_JUDGED));
            return rows;
        }
        double[] exact = th.stationaryCovariance(), ou = th.ouStationaryCovariance(), nh = th.noHessianNoiseStationaryCovariance();
        double[] lam = th.eigenvalues();
        for (int k = 0; k < th.dim(); k++) {
            String q = String.format(Locale.ROOT, "stationary variance, mode %d (λ=%.4g)", k, lam[k]);
            double e = th.modeVariance(exact, k), o = th.modeVariance(ou, k), h = th.modeVariance(nh, k);
            String why = c.sampling().independentSteps() ? "a model, not judged: how far it is from the exact law"
                : "a model, not judged; exact = i.i.d. without-replacement theory (reshuffling has none)";
            rows.add(Rows.plain(c.id(), regime, "ou-lyapunov", "-", "F64", q, o, e, o / e - 1, true, Double.NaN, why, e, o,
                o / e - 1, Outcome.NOT_JUDGED));
            rows.add(Rows.plain(c.id(), regime, "no-hessian-noise", "-", "F64", q, h, e, h / e - 1, true, Double.NaN, why, e, o,
                o / e - 1, Outcome.NOT_JUDGED));
        }
        return rows;
    }

    /**
     * The judged ensemble rows of one case on one backend and precision (what a benchmark's setup checks before
     * timing): mode variances, mean and covariance at t = T against the exact theory, z standard errors.
     */
    public static List<AccuracyRow> ensembleCheck(Case c, BackendProvider provider, Precision p, long seed,
                                                  KernelOptions options, double z) {
        LinearRegressionTheory th = LinearRegressionTheory.of(c.data(), c.batch(), c.sampling(), c.eta());
        return ensembleRows(c, th, provider, p, new Settings(List.of(provider.backend()), List.of(p), seed, options, z));
    }

    static List<AccuracyRow> ensembleRows(Case c, LinearRegressionTheory th, BackendProvider provider, Precision p,
                                          Settings s) {
        double[] star = th.thetaStar();
        LinearRegression spec = c.spec(star);
        int n = c.walkers(), d = th.dim(), t = c.steps();
        double[] theta = new double[n * d];
        String device;
        try (LinearRegressionKernel k = provider.linearRegression(spec, p, s.seed(), s.options())) {
            k.reset();
            k.advance(t);
            k.readState(theta);
            device = k.device();
        }
        String backend = provider.backend().id(), regime = regime(th);
        List<AccuracyRow> rows = new ArrayList<>();
        int nonFinite = 0;
        for (double v : theta) if (!Double.isFinite(v)) nonFinite++;
        if (nonFinite > 0) {
            rows.add(Rows.plain(c.id(), regime, "ensemble", backend, p.name(), "non-finite parameters at t=" + t, nonFinite, 0,
                nonFinite, false, 0, "NaN/Inf appeared (" + device + ")", 0, Double.NaN, Double.NaN, Outcome.DIVERGED));
            return rows;
        }
        LinearRegressionTheory.Moments start = LinearRegressionTheory.initial(star, c.initSpread());
        LinearRegressionTheory.Moments exact = th.moments(start, t);
        double[] ou = th.ouCovariance(start.covariance(), t);
        boolean judged = c.sampling().independentSteps();
        double rounding = p == Precision.F32 ? F32_ROUNDING : 0;
        String why = String.format(Locale.ROOT, "%.0fσ Monte Carlo (batch means, N=%d)%s", s.z(), n,
            rounding > 0 ? String.format(Locale.ROOT, " + %.0e F32", rounding) : "");
        if (!judged) why = "not judged: reshuffling has no i.i.d. theory; exact = without-replacement theory";

        // projections on the eigenvectors of H, in batches of walkers
        int nb = Math.min(EnsembleSample.BATCHES, n);
        double[][] proj = new double[d][n];
        for (int w = 0; w < n; w++)
            for (int k = 0; k < d; k++) {
                double v = 0;
                double[] vec = th.eigenvector(k);
                for (int j = 0; j < d; j++) v += vec[j] * (theta[w * d + j] - star[j]);
                proj[k][w] = v;
            }
        double[] lam = th.eigenvalues();
        double worstMeanZ = 0;
        String worstMean = "";
        for (int k = 0; k < d; k++) {
            double[] stats = batchStatistics(proj[k], proj[k], nb); // {mean, se(mean), var, se(var)}
            double exactVar = th.modeVariance(exact.covariance(), k), ouVar = th.modeVariance(ou, k);
            double exactMean = th.modeProjection(minus(exact.mean(), star), k);
            double tol = s.z() * stats[3] / exactVar + rounding;
            String q = String.format(Locale.ROOT, "variance at t=%d, mode %d (λ=%.4g)", t, k, lam[k]);
            double err = stats[2] / exactVar - 1;
            rows.add(Rows.plain(c.id(), regime, "ensemble", backend, p.name(), q, stats[2], exactVar, err, true, judged ? tol : Double.NaN,
                why, exactVar, ouVar, ouVar / exactVar - 1,
                !judged ? Outcome.NOT_JUDGED : Math.abs(err) <= tol ? Outcome.OK : Outcome.LARGE_ERROR));
            double allowed = s.z() * stats[1] + rounding * (1 + Math.abs(exactMean));
            double ratio = Math.abs(stats[0] - exactMean) / allowed;
            if (k == 0 || ratio > worstMeanZ) {
                worstMeanZ = ratio;
                worstMean = "mode " + k;
            }
        }
        rows.add(Rows.plain(c.id(), regime, "ensemble", backend, p.name(),
            "mean at t=" + t + ": largest |error| / tolerance over modes (" + worstMean + ")", worstMeanZ, 0, worstMeanZ,
            false, judged ? 1 : Double.NaN, why, 0, Double.NaN, Double.NaN,
            !judged ? Outcome.NOT_JUDGED : worstMeanZ <= 1 ? Outcome.OK : Outcome.LARGE_ERROR));

        // the whole covariance: relative Frobenius error, tolerance z·‖SE‖/‖C‖
        double num = 0, den = 0, seNorm = 0;
        for (int a = 0; a < d; a++)
            for (int b = a; b < d; b++) {
                double[] col = new double[n], row = new double[n];
                for (int w = 0; w < n; w++) {
                    col[w] = theta[w * d + a];
                    row[w] = theta[w * d + b];
                }
                double[] st = batchStatistics(col, row, nb);
                double e = exact.covariance()[a * d + b], mult = a == b ? 1 : 2;
                num += mult * (st[2] - e) * (st[2] - e);
                den += mult * e * e;
                seNorm += mult * st[3] * st[3];
            }
        double frob = Math.sqrt(num / den), tolF = s.z() * Math.sqrt(seNorm / den) + rounding;
        double ouFrob = 0;
        for (int q = 0; q < d * d; q++) ouFrob += (ou[q] - exact.covariance()[q]) * (ou[q] - exact.covariance()[q]);
        ouFrob = Math.sqrt(ouFrob / den);
        rows.add(Rows.plain(c.id(), regime, "ensemble", backend, p.name(), "covariance at t=" + t + ": ‖Ĉ − C‖_F / ‖C‖_F",
            frob, 0, frob, false, judged ? tolF : Double.NaN,
            judged ? why.replace("Monte Carlo", "× ‖entrywise SE‖ Monte Carlo") : why, 0, ouFrob, ouFrob,
            !judged ? Outcome.NOT_JUDGED : frob <= tolF ? Outcome.OK : Outcome.LARGE_ERROR));
        return rows;
    }

    /** Cells per axis of the grid law at most, and its half-width in standard deviations of the widest law. */
    static final int MAX_GRID_CELLS = 512;
    static final double GRID_HALF_WIDTH = 9;
    /** Mass beyond the grid above which the grid law's covariance is reported, not judged (its tails are cut). */
    static final double MAX_LOST_MASS = 1e-3;

    /**
     * The exact law of θ_t on a grid (d ≤ 2, every distinct minibatch map enumerated: {@link MinibatchMaps}),
     * evolved by the transfer operator from the initial Gaussian, against the exact moments at t = T. The grid
     * spans ±{@value #GRID_HALF_WIDTH} standard deviations of the widest of the initial, t = T and stationary laws per
     * axis, with cells sized so that the cloud-in-cell bias bound, Δx²/4 per step accumulated over
     * min(T, 1/(1 − ρ)) steps plus Δx²/12 for the initial deposit, stays near 1 % of the axis variance (at most
     * {@value #MAX_GRID_CELLS} cells per axis). That bound is the tolerance.
     */
    static List<AccuracyRow> gridRows(Case c, LinearRegressionTheory th, KernelOptions options) {
        int d = th.dim(), t = c.steps();
        double[] star = th.thetaStar();
        LinearRegressionTheory.Moments start = LinearRegressionTheory.initial(star, c.initSpread());
        LinearRegressionTheory.Moments exact = th.moments(start, t);
        double[] stationary = th.stable() ? th.stationaryCovariance() : null;
        double rho = th.spectralRadius();
        double memory = rho < 1 ? Math.min(t, 1 / (1 - rho)) : t;
        MinibatchMaps maps = MinibatchMaps.of(c.data(), c.batch(), c.sampling(), star);
        Grid1D[] axes = new Grid1D[d];
        double[] bias = new double[d];
        TransferResult res = null;
        // near the stability edge the law has power tails: when mass leaves the grid, retry once 4× wider
        for (double widen : new double[] {1, 4}) {
            for (int a = 0; a < d; a++) {
                double v = Math.max(exact.covariance()[a * d + a], c.initSpread() * c.initSpread());
                if (stationary != null) v = Math.max(v, stationary[a * d + a]);
                double half = widen * GRID_HALF_WIDTH * Math.sqrt(v);
                // Δx²(memory/4 + 1/12) ≤ 1 % of the axis variance at t = T
                double target = Math.sqrt(0.01 * exact.covariance()[a * d + a] / (memory / 4 + 1.0 / 12));
                int cells = (int) Math.min(MAX_GRID_CELLS, Math.max(16, Math.ceil(2 * half / target)));
                axes[a] = new Grid1D(-half, half, cells);
                double dx = axes[a].dx();
                bias[a] = dx * dx * (memory / 4 + 1.0 / 12);
            }
            TransferOperator op;
            double[] initial;
            if (d == 1) {
                op = TransferOperatorBuilder.build1D(maps.quadrature1D(), c.eta(), axes[0]);
                initial = Densities.gaussian(axes[0], 0, c.initSpread());
            } else {
                Grid2D grid = new Grid2D(axes[0], axes[1]);
                op = TransferOperatorBuilder.build2D(maps.quadrature2D(), maps.hessian2D(), c.eta(), grid);
                initial = Densities.gaussian(grid, new double[] {0, 0}, c.initSpread());
            }
            res = new TransferOperatorSolver(Backend.SCALAR, Precision.F64, options)
                .evolve(op, initial, t, new int[] {t}, false, MAX_LOST_MASS);
            if (res.status() != org.sgdbench.solver.transfer.Status.MASS_LOST) break;
        }
        LawSummary law = res.last().law();
        String regime = regime(th);
        String cells = d == 1 ? axes[0].cells() + " cells" : axes[0].cells() + "×" + axes[1].cells() + " cells";
        List<AccuracyRow> rows = new ArrayList<>();
        if (!law.finite()) {
            rows.add(Rows.plain(c.id(), regime, "transfer-operator", "scalar", "F64", "law at t=" + t, Double.NaN, 0, Double.NaN,
                false, 0, "non-finite density", 0, Double.NaN, Double.NaN, Outcome.DIVERGED));
            return rows;
        }
        double num = 0, den = 0, biasNorm = 0, meanErr = 0, sd = 0;
        for (int a = 0; a < d; a++) {
            biasNorm += bias[a] * bias[a];
            meanErr = Math.max(meanErr, Math.abs(law.mean(a) - (exact.mean()[a] - star[a])));
            sd = Math.max(sd, Math.sqrt(exact.covariance()[a * d + a]));
            for (int b = 0; b < d; b++) {
                double e = exact.covariance()[a * d + b];
                num += (law.covariance(a, b) - e) * (law.covariance(a, b) - e);
                den += e * e;
            }
        }
        double lost = Math.abs(law.lostMass());
        String why = String.format(Locale.ROOT, "%s, %d minibatch maps; cloud-in-cell bias bound Δx²(min(T, 1/(1−ρ))/4 + 1/12)%s",
            cells, maps.size(), lost > 1e-9 ? String.format(Locale.ROOT, "; mass lost %.1e", lost) : "");
        Outcome status = res.status() == org.sgdbench.solver.transfer.Status.OK ? null
            : res.status() == org.sgdbench.solver.transfer.Status.MASS_LOST ? Outcome.NOT_JUDGED : Outcome.LARGE_ERROR;
        double frob = Math.sqrt(num / den), tol = Math.sqrt(biasNorm / den) + 1e-6;
        rows.add(Rows.plain(c.id(), regime, "transfer-operator", "scalar", "F64", "covariance at t=" + t + ": ‖C_grid − C‖_F / ‖C‖_F",
            frob, 0, frob, false, tol, why + (status != null ? "; not judged: " + res.status() + " (tails beyond the grid)" : ""), 0, Double.NaN, Double.NaN,
            status != null ? status : frob <= tol ? Outcome.OK : Outcome.LARGE_ERROR));
        // linear deposits keep the mean of every image: only leaks and rounding move it
        double tolMean = 1e-6 * sd + lost * GRID_HALF_WIDTH * sd;
        rows.add(Rows.plain(c.id(), regime, "transfer-operator", "scalar", "F64", "mean at t=" + t + ": largest |error| over axes",
            meanErr, 0, meanErr, false, tolMean, "linear cloud-in-cell deposits keep the mean; leaks and rounding only",
            0, Double.NaN, Double.NaN, meanErr <= tolMean ? Outcome.OK : Outcome.LARGE_ERROR));
        return rows;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    /**
     * Sample covariance of (u, v) over all walkers and its batch-means standard error; also the mean of u and its
     * SE. Returns {mean(u), se(mean(u)), cov(u, v), se(cov(u, v))}.
     */
    static double[] batchStatistics(double[] u, double[] v, int batches) {
        int n = u.length;
        double[] all = covariance(u, v, 0, n);
        double s = 0, s2 = 0, m = 0, m2 = 0;
        for (int b = 0; b < batches; b++) {
            int from = (int) ((long) n * b / batches), to = (int) ((long) n * (b + 1) / batches);
            double[] cb = covariance(u, v, from, to);
            s += cb[1];
            s2 += cb[1] * cb[1];
            m += cb[0];
            m2 += cb[0] * cb[0];
        }
        double seCov = batches < 2 ? Double.NaN : Math.sqrt(Math.max(0, (s2 - s * s / batches) / (batches - 1)) / batches);
        double seMean = batches < 2 ? Double.NaN : Math.sqrt(Math.max(0, (m2 - m * m / batches) / (batches - 1)) / batches);
        return new double[] {all[0], seMean, all[1], seCov};
    }

    /** {mean of u, covariance of u and v (divisor count − 1)} over [from, to). */
    private static double[] covariance(double[] u, double[] v, int from, int to) {
        double mu = 0, mv = 0;
        for (int i = from; i < to; i++) {
            mu += u[i];
            mv += v[i];
        }
        int cnt = to - from;
        mu /= cnt;
        mv /= cnt;
        double c = 0;
        for (int i = from; i < to; i++) c += (u[i] - mu) * (v[i] - mv);
        return new double[] {mu, cnt > 1 ? c / (cnt - 1) : Double.NaN};
    }

    private static AccuracyRow status(String caseId, Backend b, Precision p, Outcome o, String why) {
        return Rows.plain(caseId, "-", "ensemble", b.id(), p.name(), "-", Double.NaN, Double.NaN, Double.NaN, false,
            Double.NaN, why, Double.NaN, Double.NaN, Double.NaN, o);
    }

}
