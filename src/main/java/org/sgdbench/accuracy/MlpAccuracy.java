package org.sgdbench.accuracy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.mlp.LinearisedEnsemble;
import org.sgdbench.mlp.MlpDirections;
import org.sgdbench.mlp.MlpHessian;
import org.sgdbench.mlp.MlpMinimum;
import org.sgdbench.mlp.MlpModel;
import org.sgdbench.mlp.MlpObjective;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.MlpSummary;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.VarianceTrajectory;
import org.sgdbench.theory.HorizonBehaviour;
import org.sgdbench.theory.ModeTheory;
import org.sgdbench.theory.Regime;

/**
 * The MLP verdict: SGD ensembles of the two-layer perceptron on the digits, started at the minimum θ*, with the
 * displacement projected on every eigenvector vᵢ of the full-batch Hessian and compared, direction by direction,
 * with the suite's per-mode discrete recursion ({@link ModeTheory} with λᵢ, σ_h,ᵢ, σ_g,ᵢ), OU (λᵢ, σ_g,ᵢ) and the
 * flat-direction diffusion law v_t = tη²σ_g,ᵢ².
 *
 * <p><b>Direction classes</b> (from theory, before any ensemble runs): <i>inert</i> when the minibatch noise along
 * vᵢ vanishes (σ_g,ᵢ² and σ_h,ᵢ² below {@value #INERT_RELATIVE} of their largest value: the exact value is 0, what
 * remains is rounding) — the weights of pixels that are 0 in every training image and the softmax's shift
 * invariance, curvature exactly μ; otherwise the regime rules of {@link ModeTheory#horizonBehaviour}: <i>confined</i>
 * (relaxed within the run's T steps), <i>flat</i> (relaxation time beyond T: the variance grows about linearly over
 * the run), <i>other</i> (the per-direction recursion has no finite stationary variance there: heavy-tailed or
 * unstable, e.g. ηλ near 2 or strong Hessian noise — its rows say "not judged", since a Monte Carlo variance is no
 * reference where the fourth moment is infinite, and the walkers' boundedness there is a non-quadratic effect).
 *
 * <p><b>Tolerances.</b> A variance v̂ over K walkers has Monte Carlo standard error √(Var((x−x̄)²)/K), estimated
 * from the walkers themselves (no Gaussian assumption); rows allow {@value #Z} standard errors (the quick run makes a
 * few dozen comparisons: at 5σ a false alarm is below 10⁻⁴). Rounding adds 10(T+P)·u²·max θ*² per direction (u = 2⁻²⁴
 * or 2⁻⁵³: ten times the random walk of half an ulp per step and per projected coordinate). The per-direction recursion neglects the coupling of
 * directions through the Hessian's fluctuations and the non-quadratic terms of the loss: no allowance is added for
 * them, so a failing row is the measurement that the per-direction picture does not hold at that η — which is the
 * question of the experiment. A walker that leaves the basin (NaN/Inf) makes the rows DIVERGED.
 *
 * <p><b>The fourth curve.</b> The linearised ensemble ({@link LinearisedEnsemble}: SGD on the quadratic model at θ*
 * with each minibatch's own Hessian and gradient, the same minibatches as the full ensembles) is judged against the
 * per-direction recursion (a gap is Hessian-noise coupling between directions), and compared with the scalar F64
 * ensemble walker by walker: that paired difference has a tiny Monte Carlo error and measures the non-quadratic
 * terms; no theory here predicts it, so those rows are "not judged" and show the difference in standard errors.
 */
public final class MlpAccuracy {
    static final double Z = 5;
    static final double INERT_RELATIVE = 1e-20;
    static final int STIFF_ROWS = 5, CURVE_DIRECTIONS = 3;
    /** Shape of a variance curve from r = v(T)/v(T/2): saturating below, linear growth above (2 for a pure line). */
    static final double SATURATING = 1.25, LINEAR = 1.75;

    /**
     * How the pass runs; {@code cacheDir} holds the cached minima. {@code referenceOnlyF64}: only the scalar backend
     * runs F64, the others F32 alone (the quick run's budget: the F64 ensembles of ND4J and Aparapi cost 30–40 s each
     * on 2 cores, and their F32 rows already exercise the kernel against the same theory).
     */
    public record Settings(List<Backend> backends, List<Precision> precisions, KernelOptions options, Path cacheDir,
                           boolean referenceOnlyF64, List<Double> sweepEtas) {
        public Settings {
            backends = List.copyOf(backends);
            precisions = List.copyOf(precisions);
            sweepEtas = List.copyOf(sweepEtas);
        }
    }

    /** The full run's learning-rate sweep: ηλ_max from ~0.03 to ~1 where λ_max ≈ 0.26 (H = 16 on the default split). */
    public static final List<Double> SWEEP_ETAS = List.of(0.1, 0.5, 1.0, 2.0, 4.0);
    /** Walkers of each sweep ensemble (full and linearised, scalar F64). */
    static final int SWEEP_WALKERS = 256;
    static final int SWEEP_STIFF = 10;

    public record Output(List<AccuracyRow> rows, MlpSummary summary) {}

    private MlpAccuracy() {}

    /** The quick run's instance: H = 16, b = 32 with replacement, η = 0.1, K = 256 walkers, T = 200, μ = 10⁻⁴. */
    public static MlpSpec quickSpec(long seed) {
        return new MlpSpec(16, 32, Sampling.WITH_REPLACEMENT, 0.1, 200, 256, MlpSpec.DEFAULT_PENALTY, seed, 1437);
    }

    /** Where the minima are cached, under a results folder. */
    public static final String CACHE_DIR = "mlp-minima";

    /**
     * A full run's instance: H = 32 (P = 2410), K = 1024 walkers (the flat class's diffusion coefficient to ~1 %),
     * T = 400, otherwise as {@link #quickSpec}.
     */
    public static MlpSpec fullSpec(long seed) {
        return new MlpSpec(32, 32, Sampling.WITH_REPLACEMENT, 0.1, 400, 1024, MlpSpec.DEFAULT_PENALTY, seed, 1437);
    }

    /** The run's instance: quick or full, with the run's learning rate when it sets one. */
    public static MlpSpec spec(boolean quick, long seed, Double eta) {
        MlpSpec s = quick ? quickSpec(seed) : fullSpec(seed);
        return eta == null ? s : s.withEta(eta);
    }

    public static String caseId(MlpSpec s) {
        return String.format(Locale.ROOT, "mlp-H%d-b%d-%s-eta%s", s.hidden(), s.batch(), s.sampling().id(), fmt(s.eta()));
    }

    /** Everything the theory side knows at θ*, in double precision, host only. */
    public static final class Theory {
        public final MlpSpec spec;
        public final MlpData train, test;
        public final MlpMinimum minimum;
        public final MlpHessian.Spectrum spectrum;
        public final MlpDirections directions;
        public final double kappa;
        public final ModeTheory[] modes;
        public final String[] classes;
        public final double testAccuracy;

        Theory(MlpSpec spec, int threads, Path cacheDir, Consumer<String> progress) {
            this.spec = spec;
            MlpData[] split = MlpData.digitsSplit(spec.trainSize(), spec.seed());
            train = split[0];
            test = split[1];
            MlpModel model = new MlpModel(64, spec.hidden(), 10);
            try (MlpObjective f = new MlpObjective(model, train, spec.penalty(), threads)) {
                minimum = MlpMinimum.cachedOrTrain(f, spec.seed(), cacheDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!minimum.converged())
                throw new IllegalStateException("L-BFGS stopped at |∇L| = " + minimum.gradientNorm() + " after "
                    + minimum.iterations() + " iterations (bound " + MlpMinimum.GRADIENT_TOLERANCE + ")");
            testAccuracy = test == null ? Double.NaN : new MlpObjective(model, test, spec.penalty(), 1).accuracy(minimum.theta());
            progress.accept(String.format(Locale.ROOT, "mlp: θ* |∇L| = %.2g after %d L-BFGS iterations; Hessian %d × %d",
                minimum.gradientNorm(), minimum.iterations(), model.parameters(), model.parameters()));
            spectrum = MlpHessian.spectrum(model, train, spec.penalty(), minimum.theta(), threads);
            directions = MlpDirections.of(model, train, spec.penalty(), minimum.theta(), spectrum.vectors(), threads);
            kappa = spec.sampling().kappa(train.size(), spec.batch());
            modes = new ModeTheory[spectrum.size()];
            classes = new String[spectrum.size()];
            classify();
        }

        /** The same minimum, spectrum and noise statistics under another learning rate and ensemble size. */
        private Theory(Theory base, MlpSpec spec) {
            this.spec = spec;
            train = base.train;
            test = base.test;
            minimum = base.minimum;
            spectrum = base.spectrum;
            directions = base.directions;
            testAccuracy = base.testAccuracy;
            kappa = base.kappa;
            modes = new ModeTheory[spectrum.size()];
            classes = new String[spectrum.size()];
            classify();
        }

        /** This theory for {@code eta} and {@code walkers} (same θ*, same data: nothing is recomputed but the modes). */
        public Theory with(double eta, int walkers) { return new Theory(this, spec.withEta(eta).withWalkers(walkers)); }

        private void classify() {
            int p = spectrum.size();
            double maxG = 0, maxH = 0;
            for (int i = 0; i < p; i++) {
                maxG = Math.max(maxG, directions.gradientVariancePerSample()[i]);
                maxH = Math.max(maxH, directions.curvatureVariancePerSample()[i]);
            }
            for (int i = 0; i < p; i++) {
                modes[i] = ModeTheory.of(Mode.of(directions.lambda()[i], Math.sqrt(directions.sigmaH2(i, kappa)),
                    Math.sqrt(directions.sigmaG2(i, kappa))), NoiseLaw.GAUSSIAN, spec.eta());
                boolean inert = directions.gradientVariancePerSample()[i] <= INERT_RELATIVE * maxG
                    && directions.curvatureVariancePerSample()[i] <= INERT_RELATIVE * maxH;
                HorizonBehaviour hb = modes[i].horizonBehaviour(spec.steps());
                Regime regime = modes[i].regime();
                boolean quadratic = regime == Regime.CONFINED || regime == Regime.DIFFUSIVE;
                classes[i] = inert ? "inert" : !quadratic ? "other" : switch (hb) {
                    case RELAXED -> "confined";
                    case NEARLY_FLAT_DIFFUSIVE, DIFFUSIVE -> "flat";
                    case GROWING -> "other";
                };
            }
        }

        public int count(String cls) {
            int c = 0;
            for (String s : classes) if (s.equals(cls)) c++;
            return c;
        }

        /** Recursion, OU and diffusion-law variance of direction i at step t (start: every walker at θ*). */
        double recursion(int i, long t) { return modes[i].variance(t, 0, 0); }

        double ou(int i, long t) { return modes[i].ouVariance(t, 0); }

        double diffusion(int i, long t) { return t * modes[i].varianceSlopePerStep(); }
    }

    public static Theory theory(MlpSpec spec, int threads, Path cacheDir, Consumer<String> progress) {
        return new Theory(spec, threads, cacheDir, progress);
    }

    /** Checkpoints: T/16, T/8, T/4, 3T/8, T/2, 5T/8, 3T/4, 7T/8, T (deduplicated, ≥ 1); T/2 always among them. */
    static long[] checkpoints(int steps) {
        TreeSet<Long> set = new TreeSet<>();
        for (int k : new int[] {1, 2, 4, 6, 8, 10, 12, 14, 16}) set.add(Math.max(1L, (long) steps * k / 16));
        set.add(Math.max(1L, steps / 2L));
        return set.stream().mapToLong(Long::longValue).toArray();
    }

    /** The measured ensemble: per checkpoint and direction the variance, and at T/2 and T the walkers' projections. */
    record Measured(long[] steps, double[][] variance, double[][] half, double[][] end, boolean finite) {}

    /** What {@link #measure} needs of an ensemble: a backend's kernel or the linearised ensemble. */
    interface Walkers {
        void advance(int steps);

        long stepsDone();

        void readWalker(int walker, double[] out);

        static Walkers of(MlpEnsembleKernel k) {
            return new Walkers() {
                public void advance(int steps) { k.advance(steps); }

                public long stepsDone() { return k.stepsDone(); }

                public void readWalker(int walker, double[] out) { k.readWalker(walker, out); }
            };
        }

        static Walkers of(LinearisedEnsemble e) {
            return new Walkers() {
                public void advance(int steps) { e.advance(steps); }

                public long stepsDone() { return e.stepsDone(); }

                public void readWalker(int walker, double[] out) { e.readWalker(walker, out); }
            };
        }
    }

    static Measured measure(Theory th, Walkers k, int threads) {
        MlpSpec spec = th.spec;
        long[] cps = checkpoints(spec.steps());
        int p = th.spectrum.size(), walkers = spec.walkers();
        double[][] variance = new double[cps.length][];
        double[][] half = null, end = null;
        double[] theta = th.minimum.theta();
        double[][] vec = th.spectrum.vectors();
        boolean finite = true;
        try (ParallelBlocks blocks = new ParallelBlocks(threads, 8)) {
            for (int c = 0; c < cps.length; c++) {
                k.advance((int) (cps[c] - k.stepsDone()));
                double[][] proj = new double[walkers][p];
                boolean[] bad = new boolean[1];
                // read sequentially (a kernel's readWalker may fetch its state lazily), then project in parallel,
                // in blocks of 8 walkers: each eigenvector is read once per block, not once per walker
                double[][] d = new double[walkers][p];
                for (int w = 0; w < walkers; w++) {
                    k.readWalker(w, d[w]);
                    for (int q = 0; q < p; q++) {
                        d[w][q] -= theta[q];
                        if (!Double.isFinite(d[w][q])) bad[0] = true;
                    }
                }
                blocks.forEach(walkers, (from, to) -> {
                    for (int i = 0; i < p; i++) {
                        double[] v = vec[i];
                        for (int w = from; w < to; w++) {
                            double[] dw = d[w];
                            double s = 0;
                            for (int q = 0; q < p; q++) s += v[q] * dw[q];
                            proj[w][i] = s;
                        }
                    }
                });
                if (bad[0]) finite = false;
                variance[c] = new double[p];
                for (int i = 0; i < p; i++) variance[c][i] = sampleVariance(proj, i);
                if (cps[c] == Math.max(1L, spec.steps() / 2L)) half = proj;
                if (c == cps.length - 1) end = proj;
            }
        }
        return new Measured(cps, variance, half, end, finite);
    }

    static double mean(double[][] proj, int i) {
        double s = 0;
        for (double[] w : proj) s += w[i];
        return s / proj.length;
    }

    static double sampleVariance(double[][] proj, int i) {
        if (proj.length < 2) return 0;
        double m = mean(proj, i), s = 0;
        for (double[] w : proj) s += (w[i] - m) * (w[i] - m);
        return s / (proj.length - 1);
    }

    /** Standard error of the variance of direction(s) {@code dirs} summed: √(Var(Σᵢ(xᵢ−x̄ᵢ)²)/K). */
    static double varianceSe(double[][] proj, int[] dirs) {
        int n = proj.length;
        double[] means = new double[dirs.length];
        for (int j = 0; j < dirs.length; j++) means[j] = mean(proj, dirs[j]);
        double[] a = new double[n];
        for (int w = 0; w < n; w++)
            for (int j = 0; j < dirs.length; j++) a[w] += (proj[w][dirs[j]] - means[j]) * (proj[w][dirs[j]] - means[j]);
        double m = 0, q = 0;
        for (double x : a) m += x;
        m /= n;
        for (double x : a) q += (x - m) * (x - m);
        return Math.sqrt(q / (n - 1) / n);
    }

    /** r = Σv(T)/Σv(T/2) over directions {@code dirs} and its delta-method standard error √(Var(a − r b)/K)/b̄. */
    static double[] ratio(double[][] half, double[][] end, int[] dirs) {
        int n = end.length;
        double[] a = new double[n], b = new double[n];
        for (int i : dirs) {
            double mh = mean(half, i), me = mean(end, i);
            for (int w = 0; w < n; w++) {
                a[w] += (end[w][i] - me) * (end[w][i] - me);
                b[w] += (half[w][i] - mh) * (half[w][i] - mh);
            }
        }
        double sa = 0, sb = 0;
        for (int w = 0; w < n; w++) {
            sa += a[w];
            sb += b[w];
        }
        double r = sa / sb, mb = sb / n, md = 0, q = 0;
        for (int w = 0; w < n; w++) md += a[w] - r * b[w];
        md /= n;
        for (int w = 0; w < n; w++) q += (a[w] - r * b[w] - md) * (a[w] - r * b[w] - md);
        return new double[] {r, Math.sqrt(q / (n - 1) / n) / mb};
    }

    static String shape(double r) { return r < SATURATING ? "saturating" : r > LINEAR ? "linear" : "neither"; }

    public static Output run(MlpSpec spec, Settings s, Consumer<String> progress) {
        String caseId = caseId(spec);
        Theory th = theory(spec, s.options().threads(), s.cacheDir(), progress);
        List<AccuracyRow> rows = new ArrayList<>();
        List<VarianceTrajectory> curves = new ArrayList<>();
        int[] shown = shownDirections(th);
        long[] cps = checkpoints(spec.steps());
        for (int i : shown) {
            String dir = directionLabel(th, i);
            List<Long> st = new ArrayList<>();
            List<Double> rec = new ArrayList<>(), ou = new ArrayList<>(), dif = new ArrayList<>();
            for (long t : cps) {
                st.add(t);
                rec.add(th.recursion(i, t));
                ou.add(th.ou(i, t));
                dif.add(th.diffusion(i, t));
            }
            curves.add(new VarianceTrajectory(dir, th.classes[i], "recursion", "-", st, rec));
            curves.add(new VarianceTrajectory(dir, th.classes[i], "ou", "-", st, ou));
            curves.add(new VarianceTrajectory(dir, th.classes[i], "diffusion-law", "-", st, dif));
        }
        progress.accept(String.format(Locale.ROOT, "accuracy: %s linearised ensemble, host F64 (%d walkers × %d steps)",
            caseId, spec.walkers(), spec.steps()));
        Measured lin;
        try (LinearisedEnsemble le = new LinearisedEnsemble(spec, th.train, th.minimum.theta(), s.options().threads())) {
            lin = measure(th, Walkers.of(le), s.options().threads());
        }
        if (lin.finite()) {
            rows.addAll(linearisedRows(th, caseId, lin));
            for (int i : shown) curves.add(curve(th, i, "linearised", "-", lin));
        } else {
            rows.add(Rows.plain(caseId, "-", "linearised", "-", "F64", "-", Double.NaN, Double.NaN, Double.NaN,
                false, Double.NaN, "the linearised walkers became NaN/Inf", Double.NaN, Double.NaN, Double.NaN, Outcome.DIVERGED));
        }
        for (Backend backend : s.backends()) {
            for (Precision p : s.precisions()) {
                if (s.referenceOnlyF64() && backend != Backend.SCALAR && p == Precision.F64
                    && s.precisions().contains(Precision.F32)) continue;
                if (backend.provider().isEmpty()) {
                    rows.add(status(caseId, backend, p, Outcome.UNAVAILABLE, backend.availability().reason()));
                    continue;
                }
                progress.accept(String.format(Locale.ROOT, "accuracy: %s %s %s (%d walkers × %d steps, P = %d)",
                    caseId, backend.id(), p, spec.walkers(), spec.steps(), spec.parameters()));
                try (MlpEnsembleKernel k = backend.require().mlpEnsemble(spec, th.train, th.minimum.theta(), p, s.options())) {
                    Measured m = measure(th, Walkers.of(k), s.options().threads());
                    if (!m.finite()) {
                        rows.add(status(caseId, backend, p, Outcome.DIVERGED, "a walker's parameters became NaN/Inf"));
                        continue;
                    }
                    rows.addAll(rows(th, caseId, backend, p, m));
                    if (backend == Backend.SCALAR && p == Precision.F64 && lin.finite())
                        rows.addAll(pairedRows(th, caseId, m, lin));
                    for (int i : shown) curves.add(curve(th, i, "ensemble " + p, backend.id(), m));
                } catch (KernelNotSupportedException e) {
                    rows.add(status(caseId, backend, p, Outcome.NOT_SUPPORTED, e.getMessage()));
                } catch (RuntimeException e) {
                    rows.add(status(caseId, backend, p, Outcome.FAILED, e.toString()));
                }
            }
        }
        for (double eta : s.sweepEtas()) rows.add(sweepRow(th.with(eta, Math.min(SWEEP_WALKERS, spec.walkers())), caseId,
            s.options().threads(), progress));
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (String c : List.of("confined", "flat", "inert", "other")) classes.put(c, th.count(c));
        int negative = 0, belowPenalty = 0;
        for (double v : th.spectrum.values()) {
            if (v < 0) negative++;
            if (v < spec.penalty() * (1 - 1e-9)) belowPenalty++;
        }
        classes.put("negative eigenvalues", negative);
        classes.put("eigenvalues below the penalty", belowPenalty);
        List<Double> ev = new ArrayList<>();
        for (double v : th.spectrum.values()) ev.add(v);
        String minimum = String.format(Locale.ROOT, "L-BFGS: %d iterations, |∇L(θ*)| = %.2g (bound %.0e), loss %.5g, "
                + "train accuracy %.4f, test accuracy %.4f; Hessian asymmetry before symmetrising %.1e",
            th.minimum.iterations(), th.minimum.gradientNorm(), MlpMinimum.GRADIENT_TOLERANCE, th.minimum.loss(),
            th.minimum.trainAccuracy(), th.testAccuracy, th.spectrum.asymmetry());
        return new Output(rows, new MlpSummary(caseId, spec.toString(), minimum, ev, classes, curves));
    }

    /** The 3 stiffest directions and 3 flat ones spread over the flat class (by decreasing curvature). */
    static int[] shownDirections(Theory th) {
        List<Integer> out = new ArrayList<>(), flat = new ArrayList<>();
        for (int i = 0; i < th.classes.length; i++) {
            if (th.classes[i].equals("flat")) flat.add(i);
            else if (!th.classes[i].equals("inert") && out.size() < CURVE_DIRECTIONS) out.add(i);
        }
        for (int j = 0; j < CURVE_DIRECTIONS && !flat.isEmpty(); j++)
            out.add(flat.get((int) ((long) (2 * j + 1) * flat.size() / (2 * CURVE_DIRECTIONS))));
        return out.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    static String directionLabel(Theory th, int i) {
        return String.format(Locale.ROOT, "%s v%d (λ=%.3g)", caseId(th.spec), i, th.directions.lambda()[i]);
    }

    private static List<AccuracyRow> rows(Theory th, String caseId, Backend b, Precision p, Measured m) {
        MlpSpec spec = th.spec;
        long T = m.steps()[m.steps().length - 1];
        int last = m.steps().length - 1;
        double maxTheta2 = 0;
        for (double v : th.minimum.theta()) maxTheta2 = Math.max(maxTheta2, v * v);
        double u2 = p == Precision.F32 ? 0x1.0p-48 : 0x1.0p-106;
        double rounding = 10 * (T + th.spectrum.size()) * u2 * maxTheta2;
        String roundingNote = String.format(Locale.ROOT, " + %s rounding 10(T+P)·u²·max θ*² = %.1e", p, rounding);
        List<AccuracyRow> rows = new ArrayList<>();
        // 1. the stiffest directions, one by one
        int shownStiff = 0;
        for (int i = 0; i < th.classes.length && shownStiff < STIFF_ROWS; i++) {
            if (th.classes[i].equals("inert")) continue;
            shownStiff++;
            double v = m.variance()[last][i], rec = th.recursion(i, T), ou = th.ou(i, T);
            if (th.classes[i].equals("other") || !th.modes[i].fourthMomentFinite()) {
                rows.add(Rows.plain(caseId, th.classes[i], "ensemble", b.id(), p.name(), String.format(Locale.ROOT,
                        "variance along v%d (λ=%.3g, ηλ=%.3g, σh=%.2g) at t=%d", i, th.directions.lambda()[i],
                        spec.eta() * th.directions.lambda()[i], th.modes[i].mode().sigmaH(), T), v, rec, Double.NaN,
                    true, Double.NaN, String.format(Locale.ROOT, "not judged: the per-direction recursion is %s there "
                        + "(a = %.3g, Kesten tail index %.3g ≤ 4), so no variance it predicts can be checked by Monte Carlo",
                        th.modes[i].regime().name().toLowerCase(Locale.ROOT).replace('_', '-'), th.modes[i].a(),
                        th.modes[i].kestenTailIndex()), rec, ou, (ou - rec) / rec, Outcome.NOT_JUDGED));
                continue;
            }
            double se = varianceSe(m.end(), new int[] {i});
            rows.add(judged(caseId, th.classes[i], b, p, String.format(Locale.ROOT,
                    "variance along v%d (λ=%.3g, ηλ=%.3g, σh=%.2g) at t=%d", i, th.directions.lambda()[i],
                    spec.eta() * th.directions.lambda()[i], th.modes[i].mode().sigmaH(), T),
                v, rec, (Z * se + rounding) / rec, String.format(Locale.ROOT, "%.0fσ Monte Carlo (σ = %.2g relative)%s",
                    Z, se / rec, roundingNote), ou));
        }
        // 2. whole classes: Σ of the variances at T
        for (String cls : List.of("confined", "flat")) {
            int[] dirs = indices(th, cls);
            if (dirs.length == 0) continue;
            double v = 0, rec = 0, alt = 0;
            for (int i : dirs) {
                v += m.variance()[last][i];
                rec += th.recursion(i, T);
                alt += cls.equals("flat") ? th.diffusion(i, T) : th.ou(i, T);
            }
            double se = varianceSe(m.end(), dirs);
            rows.add(judged(caseId, cls, b, p, String.format(Locale.ROOT,
                    "Σ variance over the %d %s directions at t=%d (Brownian column: %s)", dirs.length, cls, T,
                    cls.equals("flat") ? "diffusion law tη²σg²" : "OU"),
                v, rec, (Z * se + dirs.length * rounding) / rec, String.format(Locale.ROOT,
                    "%.0fσ Monte Carlo of the sum (σ = %.2g relative)%s per direction", Z, se / rec, roundingNote), alt));
        }
        // 3. diffusion coefficient of the flat directions: least-squares slope through 0 of Σ v(t) over checkpoints
        int[] flat = indices(th, "flat");
        if (flat.length > 0) {
            double stv = 0, stt = 0, str = 0;
            for (int c = 0; c < m.steps().length; c++) {
                long t = m.steps()[c];
                double sv = 0, sr = 0;
                for (int i : flat) {
                    sv += m.variance()[c][i];
                    sr += th.recursion(i, t);
                }
                stv += t * sv;
                str += t * sr;
                stt += (double) t * t;
            }
            double law = 0;
            for (int i : flat) law += spec.eta() * th.modes[i].mode().sigmaG() * th.modes[i].mode().sigmaG() / 2;
            double dMeas = stv / stt / (2 * spec.eta()), dRec = str / stt / (2 * spec.eta());
            // slope = Σ_c w_c v(t_c) with w_c = t_c/Σt²; with the variance's relative error about constant along a
            // diffusive curve, SE(slope) ≤ Σ_c w_c SE(v(t_c)) ≈ SE(v(T))/T (errors positively correlated: an upper bound)
            double seD = varianceSe(m.end(), flat) / T / (2 * spec.eta());
            rows.add(judged(caseId, "flat", b, p, String.format(Locale.ROOT,
                    "diffusion coefficient Σ D of the %d flat directions (slope of Σ v(t) / 2η, per unit τ = tη); "
                        + "Brownian column: the diffusion law Σ ησg²/2", flat.length),
                dMeas, dRec, Z * seD / dRec, String.format(Locale.ROOT, "%.0fσ Monte Carlo (σ ≤ %.2g relative)",
                    Z, seD / dRec), law));
        }
        // 4. inert directions: no noise reaches them, the exact variance is 0
        int[] inert = indices(th, "inert");
        if (inert.length > 0) {
            // the computed eigenvectors are inert only up to the eigensolver's accuracy (the inert eigenvalue μ is
            // degenerate and has non-inert neighbours within ~10⁻¹⁵): whatever noise still reaches a computed vector is
            // in its own exactly computed σ_g², σ_h², so its own recursion bounds what may leak in
            double max = 0, residual = 0;
            for (int i : inert) {
                max = Math.max(max, m.variance()[last][i]);
                residual = Math.max(residual, th.recursion(i, T));
            }
            double tolerance = rounding + 10 * residual;
            boolean ok = max <= tolerance;
            rows.add(Rows.plain(caseId, "inert", "ensemble", b.id(), p.name(), String.format(Locale.ROOT,
                    "max variance over the %d inert directions at t=%d (exactly 0: no gradient or curvature noise)",
                    inert.length, T), max, 0, max, false, tolerance, String.format(Locale.ROOT, "rounding 10(T+P)·u²·max θ*² "
                    + "(ten times the random walk of half an ulp per step and projected coordinate) + 10 × the largest "
                    + "recursion variance of the computed inert vectors' residual noise (%.1e)", residual), 0, 0, 0,
                ok ? Outcome.OK : Outcome.LARGE_ERROR));
        }
        // 5. shapes: every direction's measured v(T)/v(T/2) classified (counted, not judged: with K walkers one
        // direction's ratio has a standard error of ~√(8/K), wider than the gap between the classes), and the shape of
        // each class's summed curve judged against the recursion's
        int sat = 0, lin = 0, neither = 0, decided = 0, agree = 0;
        for (int i = 0; i < th.classes.length; i++) {
            if (th.classes[i].equals("inert")) continue;
            String measured = shape(ratio(m.half(), m.end(), new int[] {i})[0]);
            switch (measured) {
                case "saturating" -> sat++;
                case "linear" -> lin++;
                default -> neither++;
            }
            if (!measured.equals("neither")) {
                decided++;
                if (measured.equals("saturating") == th.classes[i].equals("confined")) agree++;
            }
        }
        long half = Math.max(1L, T / 2);
        for (String cls : List.of("confined", "flat")) {
            int[] dirs = indices(th, cls);
            if (dirs.length == 0) continue;
            double[] r = ratio(m.half(), m.end(), dirs);
            double rec = 0, recHalf = 0, alt = 0, altHalf = 0;
            for (int i : dirs) {
                rec += th.recursion(i, T);
                recHalf += th.recursion(i, half);
                alt += cls.equals("flat") ? th.diffusion(i, T) : th.ou(i, T);
                altHalf += cls.equals("flat") ? th.diffusion(i, half) : th.ou(i, half);
            }
            String q = String.format(Locale.ROOT, "shape of the Σ %s curve, v(T)/v(T/2) (1 saturated, 2 linear)", cls);
            if (cls.equals("flat"))
                q += String.format(Locale.ROOT, "; per direction measured: %d saturating (< %.2f), %d linear (> %.2f), "
                    + "%d neither; the regime rules agree on %d of the %d decided", sat, SATURATING, lin, LINEAR, neither,
                    agree, decided);
            rows.add(judged(caseId, cls, b, p, q, r[0], rec / recHalf, Z * r[1] / (rec / recHalf),
                String.format(Locale.ROOT, "%.0fσ Monte Carlo (delta method, σ = %.2g)", Z, r[1]), alt / altHalf));
        }
        return rows;
    }

    /**
     * One learning rate of the sweep (scalar F64 ensemble and linearised ensemble, same minibatches): where the
     * per-direction recursion holds, where it beats OU, what the linearised ensemble attributes to Hessian-noise
     * coupling, and how far the walkers moved (RMS displacement along the flat directions; the full-batch curvature
     * along the stiffest eigenvector at the walkers' positions against λ at θ*). A diagnostic, reported as "not
     * judged": the sweep goes on purpose to where the quadratic picture breaks.
     */
    static AccuracyRow sweepRow(Theory th, String caseId, int threads, Consumer<String> progress) {
        MlpSpec spec = th.spec;
        double lamMax = th.spectrum.values()[0];
        progress.accept(String.format(Locale.ROOT, "accuracy: %s sweep η = %s (ηλmax = %.3g), %d walkers × %d steps",
            caseId, fmt(spec.eta()), spec.eta() * lamMax, spec.walkers(), spec.steps()));
        String q = String.format(Locale.ROOT, "sweep η=%s (ηλmax=%.3g), t=%d", fmt(spec.eta()), spec.eta() * lamMax, spec.steps());
        Measured full, lin;
        double curvatureRatio = Double.NaN;
        try (MlpEnsembleKernel k = Backend.SCALAR.require().mlpEnsemble(spec, th.train, th.minimum.theta(), Precision.F64,
                 new KernelOptions(threads, "any"));
             LinearisedEnsemble le = new LinearisedEnsemble(spec, th.train, th.minimum.theta(), threads)) {
            full = measure(th, Walkers.of(k), threads);
            lin = measure(th, Walkers.of(le), threads);
            if (full.finite()) curvatureRatio = curvatureAtWalkers(th, k, 16) / th.directions.lambda()[0];
        }
        if (!full.finite() || !lin.finite())
            return Rows.plain(caseId, "-", "sweep", Backend.SCALAR.id(), "F64", q + ": the walkers left the basin",
                Double.NaN, Double.NaN, Double.NaN, false, Double.NaN, "not judged: " + (full.finite() ? "linearised" : "full")
                    + " walkers became NaN/Inf", Double.NaN, Double.NaN, Double.NaN, Outcome.NOT_JUDGED);
        int last = full.steps().length - 1;
        long T = full.steps()[last];
        double[] mr = {Double.MAX_VALUE, 0}, mo = {Double.MAX_VALUE, 0}, lr = {Double.MAX_VALUE, 0};
        double sumRatio = 0;
        int stiff = 0;
        for (int i = 0; i < th.classes.length && stiff < SWEEP_STIFF; i++) {
            if (th.classes[i].equals("inert")) continue;
            stiff++;
            double v = full.variance()[last][i], rec = th.recursion(i, T), ou = th.ou(i, T), vl = lin.variance()[last][i];
            range(mr, v / rec);
            range(mo, v / ou);
            range(lr, vl / rec);
            sumRatio += v / rec;
        }
        int[] flat = indices(th, "flat");
        double fv = 0, fl = 0, fr = 0, disp = 0;
        for (int i : flat) {
            fv += full.variance()[last][i];
            fl += lin.variance()[last][i];
            fr += th.recursion(i, T);
        }
        for (double[] w : full.end()) for (int i : flat) disp += w[i] * w[i];
        disp = Math.sqrt(disp / full.end().length);
        String text = String.format(Locale.ROOT, "%s: %d stiffest directions measured/recursion %s, measured/OU %s, "
                + "linearised/recursion %s; %d flat directions Σ measured/recursion %.3g, linearised/recursion %.3g; "
                + "RMS flat displacement %.3g; curvature along v0 at 16 walkers / at θ* %.3g; classes %d confined, %d flat, "
                + "%d other", q, stiff, span(mr), span(mo), span(lr), flat.length, fv / fr, fl / fr, disp, curvatureRatio,
            th.count("confined"), th.count("flat"), th.count("other"));
        double mean = sumRatio / stiff;
        return Rows.plain(caseId, "-", "sweep", Backend.SCALAR.id(), "F64", text, mean, 1, mean - 1, true, Double.NaN,
            "not judged: a diagnostic of where the per-direction picture holds (value: mean measured/recursion of the "
                + "stiffest directions)", 1, Double.NaN, Double.NaN, Outcome.NOT_JUDGED);
    }

    private static void range(double[] r, double v) {
        r[0] = Math.min(r[0], v);
        r[1] = Math.max(r[1], v);
    }

    private static String span(double[] r) { return String.format(Locale.ROOT, "%.3g–%.3g", r[0], r[1]); }

    /** Mean over the first {@code walkers} walkers of v0ᵀH(θ_w)v0, the full-batch curvature along the stiffest direction. */
    static double curvatureAtWalkers(Theory th, MlpEnsembleKernel k, int walkers) {
        MlpModel model = new MlpModel(64, th.spec.hidden(), 10);
        MlpModel.Workspace ws = model.workspace();
        double[] v = th.spectrum.vectors()[0], theta = new double[model.parameters()], out = new double[2];
        int n = Math.min(walkers, th.spec.walkers());
        double sum = 0;
        for (int w = 0; w < n; w++) {
            k.readWalker(w, theta);
            double c = 0;
            for (int i = 0; i < th.train.size(); i++) {
                model.forward(theta, th.train.features(), i * 64, th.train.labels()[i], ws);
                model.project(theta, v, th.train.features(), i * 64, ws, out);
                c += out[1];
            }
            sum += c / th.train.size() + th.spec.penalty();
        }
        return sum / n;
    }

    static VarianceTrajectory curve(Theory th, int i, String method, String backend, Measured m) {
        List<Long> st = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int c = 0; c < m.steps().length; c++) {
            st.add(m.steps()[c]);
            v.add(m.variance()[c][i]);
        }
        return new VarianceTrajectory(directionLabel(th, i), th.classes[i], method, backend, st, v);
    }

    /** The direction sets the linearised rows compare: the stiffest non-inert direction, and each class's sum. */
    private static Map<String, int[]> comparedSets(Theory th) {
        Map<String, int[]> sets = new LinkedHashMap<>();
        for (int i = 0; i < th.classes.length; i++)
            if (th.classes[i].equals("confined") || th.classes[i].equals("flat")) {
                sets.put("v" + i + " (stiffest, λ=" + String.format(Locale.ROOT, "%.3g", th.directions.lambda()[i]) + ")",
                    new int[] {i});
                break;
            }
        for (String cls : List.of("confined", "flat")) {
            int[] d = indices(th, cls);
            if (d.length > 0) sets.put("Σ over the " + d.length + " " + cls + " directions", d);
        }
        return sets;
    }

    /**
     * Linearised ensemble against the per-direction recursion: both quadratic, so a difference beyond Monte Carlo
     * is the coupling of directions through the Hessian's minibatch fluctuations, which the recursion neglects.
     */
    private static List<AccuracyRow> linearisedRows(Theory th, String caseId, Measured lin) {
        List<AccuracyRow> rows = new ArrayList<>();
        int last = lin.steps().length - 1;
        long T = lin.steps()[last];
        for (var e : comparedSets(th).entrySet()) {
            double v = 0, rec = 0, ou = 0;
            for (int i : e.getValue()) {
                v += lin.variance()[last][i];
                rec += th.recursion(i, T);
                ou += th.ou(i, T);
            }
            double se = varianceSe(lin.end(), e.getValue());
            String cls = e.getValue().length == 1 ? th.classes[e.getValue()[0]] : e.getKey().contains("flat") ? "flat" : "confined";
            AccuracyRow r = judged(caseId, cls, Backend.SCALAR, Precision.F64, String.format(Locale.ROOT,
                    "linearised ensemble vs per-direction recursion: variance %s at t=%d (Brownian column: OU)", e.getKey(), T),
                v, rec, Z * se / rec, String.format(Locale.ROOT, "%.0fσ Monte Carlo (σ = %.2g relative); a larger gap "
                    + "is Hessian-noise coupling between directions", Z, se / rec), ou);
            rows.add(Rows.plain(r.caseId(), r.regime(), "linearised", "-", r.precision(), r.quantity(), r.value(),
                r.exact(), r.error(), r.relative(), r.tolerance(), r.reason(), r.sgdExact(), r.langevin(),
                r.langevinError(), r.outcome()));
        }
        return rows;
    }

    /**
     * Full ensemble (scalar F64) against the linearised one with the same minibatches: paired, so the Monte Carlo
     * error of the difference is small; a difference beyond it is the landscape's non-quadratic terms.
     */
    private static List<AccuracyRow> pairedRows(Theory th, String caseId, Measured full, Measured lin) {
        List<AccuracyRow> rows = new ArrayList<>();
        int last = full.steps().length - 1;
        long T = full.steps()[last];
        for (var e : comparedSets(th).entrySet()) {
            double v = 0, vl = 0, rec = 0;
            for (int i : e.getValue()) {
                v += full.variance()[last][i];
                vl += lin.variance()[last][i];
                rec += th.recursion(i, T);
            }
            double se = pairedSe(full.end(), lin.end(), e.getValue());
            String cls = e.getValue().length == 1 ? th.classes[e.getValue()[0]] : e.getKey().contains("flat") ? "flat" : "confined";
            rows.add(Rows.plain(caseId, cls, "ensemble vs linearised", Backend.SCALAR.id(), Precision.F64.name(),
                String.format(Locale.ROOT, "full vs linearised ensemble, same minibatches: variance %s at t=%d "
                    + "(Brownian column: the recursion)", e.getKey(), T), v, vl, (v - vl) / vl, true, Z * se / vl,
                String.format(Locale.ROOT, "not judged: a measurement of the non-quadratic terms, full − linearised = "
                    + "%+.2g relative = %.1fσ of the paired difference (σ = %.2g relative); no theory here predicts its size",
                    (v - vl) / vl, (v - vl) / se, se / vl), rec, Double.NaN, Double.NaN, Outcome.NOT_JUDGED));
        }
        return rows;
    }

    /** Standard error of Σᵢ v̂ᵢ(A) − Σᵢ v̂ᵢ(B) for the same walkers: √(Var(a_w − b_w)/K). */
    static double pairedSe(double[][] a, double[][] b, int[] dirs) {
        int n = a.length;
        double[] diff = new double[n];
        for (int i : dirs) {
            double ma = mean(a, i), mb = mean(b, i);
            for (int w = 0; w < n; w++)
                diff[w] += (a[w][i] - ma) * (a[w][i] - ma) - (b[w][i] - mb) * (b[w][i] - mb);
        }
        double m = 0, q = 0;
        for (double x : diff) m += x;
        m /= n;
        for (double x : diff) q += (x - m) * (x - m);
        return Math.sqrt(q / (n - 1) / n);
    }

    static int[] indices(Theory th, String cls) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < th.classes.length; i++) if (th.classes[i].equals(cls)) l.add(i);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static AccuracyRow judged(String caseId, String regime, Backend b, Precision p, String quantity, double value,
                                      double exact, double relTolerance, String reason, double brownian) {
        double err = (value - exact) / exact;
        Outcome o = !Double.isFinite(value) ? Outcome.DIVERGED : Math.abs(err) <= relTolerance ? Outcome.OK : Outcome.LARGE_ERROR;
        return Rows.plain(caseId, regime, "ensemble", b.id(), p.name(), quantity, value, exact, err, true,
            relTolerance, reason, exact, brownian, (brownian - exact) / exact, o);
    }

    private static AccuracyRow status(String caseId, Backend b, Precision p, Outcome o, String why) {
        return Rows.plain(caseId, "-", "ensemble", b.id(), p.name(), "-", Double.NaN, Double.NaN, Double.NaN, false,
            Double.NaN, why, Double.NaN, Double.NaN, Double.NaN, o);
    }

    static String fmt(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

}
