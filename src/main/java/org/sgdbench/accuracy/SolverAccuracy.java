package org.sgdbench.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.accuracy.Baselines.Quantity;
import org.sgdbench.theory.SeriesLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.VarianceTrajectory;
import org.sgdbench.solver.fokkerplanck.FokkerPlanckResult;
import org.sgdbench.solver.fokkerplanck.FokkerPlanckSolver;
import org.sgdbench.solver.fokkerplanck.FokkerPlanckSpec;
import org.sgdbench.solver.fokkerplanck.FokkerPlanckStatus;
import org.sgdbench.solver.fokkerplanck.FvGrid;
import org.sgdbench.solver.fokkerplanck.Generator;
import org.sgdbench.solver.fokkerplanck.LinearFokkerPlanckModel;
import org.sgdbench.solver.fokkerplanck.TimeScheme;
import org.sgdbench.solver.transfer.Checkpoint;
import org.sgdbench.solver.transfer.Densities;
import org.sgdbench.solver.transfer.GridSizing;
import org.sgdbench.solver.transfer.PowerIteration;
import org.sgdbench.solver.transfer.StationaryLaw;
import org.sgdbench.solver.transfer.Status;
import org.sgdbench.solver.transfer.TailIndex;
import org.sgdbench.solver.transfer.TransferOperator;
import org.sgdbench.solver.transfer.TransferOperatorBuilder;
import org.sgdbench.solver.transfer.TransferOperatorSolver;
import org.sgdbench.solver.transfer.TransferResult;
import org.sgdbench.theory.ModeTheory;
import org.sgdbench.theory.Regime;

/**
 * The distribution-solver half of the physics verdict: for every verdict case, the transfer operator (the
 * exact master equation on a grid, on every available backend) against the exact SGD moments and the exact law,
 * and the two continuous baselines — Langevin (OU without Hessian noise, Itô with Σ(x) = σ_h²x² + σ_g² with it)
 * and the η-corrected generator — judged on solving their own equation, with their error against SGD beside.
 * Every tolerance is a named function of {@link Tolerances}, every verdict {@link Verdict#decide}.
 *
 * <p>References: the exact moment recursion for means, variances and lag-1 autocorrelations; for the law itself
 * (no Hessian noise) the exact Gaussian when the gradient noise is Gaussian, and the exact law of the random
 * series Σ m^k ησ_g z_k ({@link SeriesLaw}) when it is discrete (±1); the Kesten index for the tail, fitted on a
 * grid sized from α ({@link GridSizing#forPowerTail}).
 */
public final class SolverAccuracy {
    /** Gauss–Hermite nodes per noise axis for Gaussian noise. */
    public static final int NODES = 12;
    /** Gauss–Hermite nodes on the gradient-noise axis alone (no Hessian noise): dense enough to smooth. */
    public static final int NODES_1D = 96;
    /** Grid half-width in standard deviations when the law has a power tail. */
    static final double HEAVY_HALF_WIDTH_SDS = 100;
    static final int FP_CELLS = 2000;
    static final int FP_SUBSTEPS = 20;
    static final double FP_HEAVY_HALF_WIDTH_SDS = 200;
    /**
     * Smallest survival probability a tail fit may reach: the power iteration converges to 1e−10 in L1, and cells
     * whose mass is many orders below that are not resolved relative to themselves. Windows deeper than this
     * (α ≳ 10 with the window at r ≥ 20 bulk widths) are not judged.
     */
    static final double TAIL_MIN_SURVIVAL = 1e-14;

    /** Most cells of the wide grid a tail index is fitted on. */
    static final int TAIL_MAX_CELLS = 1 << 20;
    /** Most cells of the fine grid that resolves a discrete-noise law (its coupling radius ≤ sd/100). */
    static final int LAW_MAX_CELLS = 1 << 15;
    /** Largest share of the variance a grid may cut off (a power tail) for its variance still to be judged. */
    static final double MAX_TRUNCATION = 0.1;

    private SolverAccuracy() {}

    /** User overrides of the transfer-operator grid: cell count and Gauss–Hermite nodes (null = derived). */
    public record GridOverrides(Integer cells, Integer nodes) {
        public static final GridOverrides NONE = new GridOverrides(null, null);
    }

    /** Rows and trajectories of the solvers. */
    public record Output(List<AccuracyRow> rows, List<VarianceTrajectory> trajectories) {}

    public static Output run(List<VerdictCase> cases, List<Backend> backends, List<Precision> precisions,
                             KernelOptions options, boolean quick, GridOverrides overrides,
                             Consumer<String> progress) {
        List<AccuracyRow> rows = new ArrayList<>();
        List<VarianceTrajectory> traj = new ArrayList<>();
        for (VerdictCase c : cases) {
            Output o = runCase(c, backends, precisions, options, quick, overrides, progress);
            rows.addAll(o.rows());
            traj.addAll(o.trajectories());
        }
        return new Output(rows, traj);
    }

    /** One case: the transfer operator on every available backend and precision, then the Fokker–Planck baselines. */
    public static Output runCase(VerdictCase c, List<Backend> backends, List<Precision> precisions,
                                 KernelOptions options, boolean quick, GridOverrides overrides,
                                 Consumer<String> progress) {
        List<AccuracyRow> rows = new ArrayList<>();
        List<VarianceTrajectory> traj = new ArrayList<>();
        Baselines base = new Baselines(c);
        ModeTheory th = base.theory();
        traj.add(theoryTrajectory(c, th, "exact", false));
        traj.add(theoryTrajectory(c, th, "ou-theory", true));
        TailLaw tail = null;
        Map<Grid1D, SeriesLaw> exactLaws = new HashMap<>(); // the same grid for every backend: one exact law
        if (c.mode().sigmaH() > 0 && Double.isFinite(th.kestenTailIndex()) && th.regime() != Regime.UNSTABLE) {
            progress.accept(String.format(Locale.ROOT, "accuracy: %s stationary tail (scalar F64)", c.id()));
            Rows.Context tailCtx = context(c, base, Method.TRANSFER_OPERATOR, Backend.SCALAR, Precision.F64);
            double window = GridSizing.forPowerTail(th.kestenTailIndex(), 1, TAIL_MAX_CELLS).survivalLow();
            if (window < TAIL_MIN_SURVIVAL) {
                // a light power tail shows its slope only where the law's mass is below what a grid law in double
                // precision resolves; the variance a grid of ±HEAVY_HALF_WIDTH_SDS sd cuts off is negligible there
                rows.add(Rows.notJudged(tailCtx, "tail index of the stationary law", Quantity.TAIL_INDEX, c.steps(),
                    Double.NaN, th.kestenTailIndex(), true, String.format(Locale.ROOT,
                        "not judged: α = %.3g is too light a tail to fit on a grid: its fit window lies at survival %.1e, "
                            + "below the %.0e a double-precision grid law resolves", th.kestenTailIndex(), window, TAIL_MIN_SURVIVAL)));
            } else try {
                tail = TailLaw.compute(c, th, options);
                rows.add(tail.row(tailCtx));
            } catch (RuntimeException e) {
                rows.add(Rows.status(context(c, base, Method.TRANSFER_OPERATOR, Backend.SCALAR, Precision.F64), "tail index of the stationary law",
                    Outcome.FAILED, e.toString()));
            }
        }
        for (Backend b : backends) {
            if (b.provider().isEmpty()) continue;
            if (b != Backend.SCALAR && quick && !c.quick()) continue;
            for (Precision p : precisions) {
                progress.accept(String.format(Locale.ROOT, "accuracy: %s transfer operator %s %s", c.id(), b.id(), p));
                Rows.Context ctx = context(c, base, Method.TRANSFER_OPERATOR, b, p);
                try {
                    rows.addAll(transferRows(c, ctx, b, p, options, overrides, tail, exactLaws, traj));
                } catch (KernelNotSupportedException e) {
                    rows.add(Rows.status(ctx, "-", Outcome.NOT_SUPPORTED, e.getMessage()));
                } catch (RuntimeException e) {
                    rows.add(Rows.status(ctx, "-", Outcome.FAILED, e.toString()));
                }
            }
        }
        progress.accept(String.format(Locale.ROOT, "accuracy: %s Fokker-Planck baselines", c.id()));
        Generator langevin = c.mode().sigmaH() == 0 ? Generator.LANGEVIN_OU : Generator.ITO_LANGEVIN;
        for (Generator g : List.of(langevin, Generator.ETA_CORRECTED)) {
            Rows.Context ctx = context(c, base, Method.of(g), Backend.SCALAR, Precision.F64);
            try {
                rows.addAll(fokkerPlanckRows(c, ctx, th, g, traj));
            } catch (RuntimeException e) {
                rows.add(Rows.status(ctx, "-", Outcome.FAILED, e.toString()));
            }
        }
        return new Output(rows, traj);
    }

    private static Rows.Context context(VerdictCase c, Baselines base, Method method, Backend backend, Precision precision) {
        return new Rows.Context(c.id(), regime(base.theory()), method, backend, precision, base);
    }

    static String regime(ModeTheory th) { return EnsembleAccuracy.regimeName(th); }

    /** Exact (or OU) variance at up to ~60 steps of the horizon. */
    static VarianceTrajectory theoryTrajectory(VerdictCase c, ModeTheory th, String method, boolean ou) {
        List<Long> steps = new ArrayList<>();
        List<Double> var = new ArrayList<>();
        double v0 = c.initSpread() * c.initSpread();
        int stride = Math.max(1, c.steps() / 60);
        for (long t = 0; t <= c.steps(); t += stride) {
            steps.add(t);
            var.add(ou ? th.ouVariance(t, v0) : th.variance(t, c.initMean(), v0));
        }
        return new VarianceTrajectory(c.id(), regime(th), method, "-", steps, var);
    }

    /** What the noise of the operator is, in words: the exact atoms of ±1 noise, or the Gauss–Hermite rule. */
    static String quadratureLabel(VerdictCase c, int nodes) {
        boolean hn = c.mode().sigmaH() > 0, gn = c.mode().sigmaG() > 0;
        String h = axisLabel(c.noise().hessian(), nodes, "λ±σ_h"), g = axisLabel(c.noise().gradient(), nodes, "±σ_g");
        if (c.noise().same()) {
            if (c.noise().hessian() == NoiseLaw.RADEMACHER) return hn ? "4 exact atoms (λ±σ_h, ±σ_g)" : "2 exact atoms (±σ_g)";
            return hn ? "GH " + nodes + "×" + nodes + " nodes" : "GH n=" + nodes;
        }
        return (hn ? "h: " + h : "no Hessian noise") + ", " + (gn ? "g: " + g : "no gradient noise");
    }

    private static String axisLabel(NoiseLaw law, int nodes, String atoms) {
        return switch (law) {
            case RADEMACHER -> "2 exact atoms (" + atoms + ")";
            case GAUSSIAN -> "GH n=" + nodes;
            case NONE -> "none";
        };
    }

    // ------------------------------------------------------------------------------------------ transfer operator

    private static List<AccuracyRow> transferRows(VerdictCase c, Rows.Context ctx, Backend b, Precision p,
                                                  KernelOptions options, GridOverrides overrides, TailLaw tail,
                                                  Map<Grid1D, SeriesLaw> exactLaws, List<VarianceTrajectory> traj) {
        List<AccuracyRow> rows = new ArrayList<>();
        ModeTheory th = ctx.baselines().theory();
        String reg = ctx.regime();
        if (th.regime() == Regime.UNSTABLE) {
            rows.add(Rows.notJudged(ctx, "variance", Quantity.VARIANCE, c.steps(), Double.NaN, Double.NaN, true,
                "not judged: an unstable law leaves any fixed grid (E log|1−ηh| > 0)"));
            return rows;
        }
        if (th.regime() == Regime.HEAVY_TAILED) return rows; // no variance: the tail row says it all
        boolean hessianNoise = c.mode().sigmaH() > 0;
        boolean discreteLaw = !hessianNoise && c.noise().gradient() == NoiseLaw.RADEMACHER && th.regime() != Regime.DIFFUSIVE;
        int t = c.steps(), half = t / 2;
        double v0 = c.initSpread() * c.initSpread(), mu0 = c.initMean();
        // power tails (Hessian noise) need a much wider grid than ±10 sd to hold the variance; a discrete-noise law
        // needs cells fine enough that its coupling radius is ≤ sd/100 (see Tolerances.couplingRadius)
        GridSizing sizing = hessianNoise ? GridSizing.defaults().withHalfWidthSds(HEAVY_HALF_WIDTH_SDS) : GridSizing.defaults();
        if (discreteLaw) {
            // Δx for D ≤ sd/100, but no finer than the default extent (±10 sd) allows in LAW_MAX_CELLS cells
            Grid1D extent = sizing.forMode(c.mode(), c.noise(), c.eta(), t, c.initMean(), c.initSpread());
            double target = Math.sqrt(th.variance(t, mu0, v0)) / 100 / Tolerances.couplingRadius(1, th.meanFactor(), t);
            double dxLaw = Math.max(target, (extent.hi() - extent.lo()) / (LAW_MAX_CELLS - 2));
            int perJump = (int) Math.max(sizing.cellsPerJump(), Math.floor(c.eta() * c.mode().sigmaG() / dxLaw));
            sizing = sizing.withCellsPerJump(perJump);
        }
        Grid1D grid = sizing.forMode(c.mode(), c.noise(), c.eta(), t, c.initMean(), c.initSpread());
        if (overrides.cells() != null)
            grid = Grid1D.centred((grid.lo() + grid.hi()) / 2, (grid.hi() - grid.lo()) / 2, overrides.cells());
        // without Hessian noise only the g axis has nodes: use enough that they are as dense as the cells
        int nodes = overrides.nodes() != null ? overrides.nodes() : hessianNoise ? NODES : NODES_1D;
        String quad = quadratureLabel(c, nodes);
        TransferOperator op = TransferOperatorBuilder.build1D(c.mode(), c.noise(), c.eta(), nodes, grid);
        double[] init = Densities.gaussian(grid, c.initMean(), c.initSpread());
        int every = Math.max(1, t / 30);
        int[] marks = addMarks(TransferOperatorSolver.checkpointsEvery(t, every), half);
        double massTolerance = p == Precision.F32 || hessianNoise ? 1e-3 : 1e-9;
        TransferResult r = new TransferOperatorSolver(b, p, options).evolve(op, init, t, marks, true, massTolerance);
        double dx = grid.dx(), a = th.a();
        String lost = String.format(Locale.ROOT, "; lost mass %.1e", r.last().law().lostMass());
        if (r.status() == Status.DIVERGED) {
            rows.add(Rows.judged(ctx, "density", Quantity.OTHER, t, Double.NaN, Double.NaN, false, 0, 1,
                "NaN/Inf in the density", false));
            return rows;
        }
        if (b == Backend.SCALAR && p == Precision.F64) {
            List<Long> s = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            for (Checkpoint cp : r.checkpoints()) {
                s.add((long) cp.step());
                v.add(cp.law().variance());
            }
            traj.add(new VarianceTrajectory(c.id(), reg, Method.TRANSFER_OPERATOR.id(), b.id(), s, v));
        }
        double rounding = p == Precision.F32 ? Tolerances.f32Rounding(1, t) : 1e-12 * t;
        double halfWidth = (grid.hi() - grid.lo()) / 2;
        double exact = th.variance(t, mu0, v0);
        double truncation = tail == null ? 0 : tail.truncation(grid.lo(), grid.hi(), th.stationaryVariance());
        boolean massOk = r.status() == Status.OK;
        Checkpoint end = r.last(), mid = at(r, half);
        if (th.regime() == Regime.DIFFUSIVE) {
            double slope = (end.law().variance() - mid.law().variance()) / (t - half);
            double exactSlope = th.varianceSlopePerStep();
            double tol = (dx * dx / 4) / exactSlope + rounding;
            rows.add(Rows.judged(ctx, "variance slope per step (η²σ_g²)", Quantity.VARIANCE_SLOPE, t, slope, exactSlope,
                true, tol, 1, "CIC: each step adds [0, Δx²/4] to the variance, Δx=" + fmt(dx) + ", " + quad + lost, massOk));
            return rows;
        }
        double bound = Tolerances.cicVarianceBound(dx, a, t);
        if (truncation > MAX_TRUNCATION) {
            rows.add(Rows.notJudged(ctx, "variance at t=" + t, Quantity.VARIANCE, t, end.law().variance(), exact, true,
                String.format(Locale.ROOT, "not judged: %.3g %% of the variance lies beyond the grid's ±%s (power tail α = %.3g,"
                    + " from the stationary law on the wide grid): the grid cannot hold this law's variance",
                    100 * truncation, fmt(halfWidth), th.kestenTailIndex())));
            return rows;
        }
        String tailWhy = truncation > 0 ? ", variance beyond ±" + fmt(halfWidth) + " ≤ " + fmt(100 * truncation)
            + " % (from the stationary law on the wide grid)" : "";
        rows.add(Rows.judged(ctx, "variance at t=" + t, Quantity.VARIANCE, t, end.law().variance(), exact, true,
            bound / exact + truncation + rounding, 1, "CIC bias ≤ (Δx²/4)Σaᵏ, Δx=" + fmt(dx) + ", " + quad
                + " exact for moments" + tailWhy + lost, massOk));
        double vPrev = th.variance(t - 1, mu0, v0);
        if (vPrev > 0) {
            double rho = th.lag1Covariance(t, mu0, v0) / exact;
            double tol = Tolerances.cicLag1(rho, Tolerances.cicVarianceBound(dx, a, t - 1) / vPrev, bound / exact, truncation)
                + 1e-9 + rounding;
            rows.add(Rows.judged(ctx, "lag-1 autocorrelation at t=" + t, Quantity.LAG1_AUTOCORRELATION, t,
                end.law().lag1Autocorrelation(), rho, false, tol, EnsembleAccuracy.correlationScale(rho),
                "CIC variance bias at t−1 and t" + lost, massOk));
        }
        if (hessianNoise) return rows;
        if (discreteLaw) {
            rows.add(discreteLawRow(c, ctx, th, grid, end, r.last().law().lostMass(), rounding, quad, massOk, exactLaws));
            return rows;
        }
        // the law is exactly Gaussian only with Gaussian gradient noise (a NONE gradient leaves a point mass)
        if (c.noise().gradient() != NoiseLaw.GAUSSIAN) return rows;
        double spacing = c.eta() * c.mode().sigmaG() * Math.PI / Math.sqrt(2.0 * nodes);
        String q = "TV distance to the exact Gaussian law at t=" + t;
        if (Math.sqrt(vPrev) * Math.abs(th.meanFactor()) < 2 * spacing) {
            rows.add(Rows.notJudged(ctx, q, Quantity.DISTANCE, t, Double.NaN, 0, false,
                "not judged: |1−ηλ|·sd < 2× the Gauss–Hermite node spacing " + fmt(spacing)
                    + ", so the step does not smooth the quadrature's atoms (the moments stay exact)"));
        } else {
            double[] ref = Densities.gaussian(grid, th.mean(t, mu0), Math.sqrt(exact));
            double tv = Densities.totalVariation(end.density(), ref);
            rows.add(Rows.judged(ctx, q, Quantity.DISTANCE, t, tv, 0, false,
                Tolerances.totalVariationGaussian(bound / exact) + 1e-6 + rounding, 1,
                "Pinsker: variance inflation B/v bounds the TV shift, " + quad + "; scale 1 (a distance)" + lost, massOk));
        }
        return rows;
    }

    /**
     * The grid's law against the exact law of the discrete-noise series at t. With the coupling radius D
     * ({@link Tolerances#couplingRadius}) every cumulative mass of the grid must lie in the band
     * F(c_i − D) ≤ G(c_i) ≤ F(c_i + D) (bracketed: [F_lo(c_i − D), F_hi(c_i + D)]); the value is the largest excess
     * of G outside that band, judged against the lost mass plus rounding. The Kolmogorov distance to the exact CDF
     * and the band's width are reported beside.
     */
    static AccuracyRow discreteLawRow(VerdictCase c, Rows.Context ctx, ModeTheory th, Grid1D grid, Checkpoint end,
                                      double lostMass, double rounding, String quad, boolean massOk,
                                      Map<Grid1D, SeriesLaw> exactLaws) {
        int t = c.steps();
        String q = "CDF outside the coupling band of the exact law (" + quad + ") at t=" + t;
        double m = th.meanFactor();
        double startSpread = Math.pow(Math.abs(m), t) * c.initSpread();
        double radius = Tolerances.couplingRadius(grid.dx(), m, t);
        if (startSpread > radius / 10)
            return Rows.notJudged(ctx, q, Quantity.DISTANCE, t, Double.NaN, 0, false,
                "not judged: the Gaussian start (spread " + fmt(startSpread) + " at t) is not yet forgotten, so the law is not the ±1 series");
        // a Gaussian start is within 8.3 sd with probability 1 − 10⁻¹⁶: that much more coupling radius
        double d = radius + 8.3 * startSpread;
        double[] atoms = {-1, 1}, weights = {0.5, 0.5};
        SeriesLaw law = exactLaws.computeIfAbsent(grid,
            g -> SeriesLaw.of(atoms, weights, m, c.eta() * c.mode().sigmaG(), t, c.initMean(), d / 1000));
        double[] p = end.density();
        double cum = 0, excess = 0, kolmogorov = 0, width = 0;
        for (int i = 0; i < p.length; i++) {
            cum += p[i];
            double x = grid.centre(i), lo = law.cdfLower(x - d), hi = law.cdfUpper(x + d);
            excess = Math.max(excess, Math.max(lo - cum, cum - hi));
            kolmogorov = Math.max(kolmogorov, Math.max(law.cdfLower(x) - cum, cum - law.cdfUpper(x)));
            width = Math.max(width, hi - lo);
        }
        double tol = Tolerances.lawBand(lostMass, rounding);
        return Rows.judged(ctx, q, Quantity.DISTANCE, t, Math.max(0, excess), 0, false, tol, 1, String.format(Locale.ROOT,
            "coupling: |X_grid − X| ≤ D = Δx·Σ|1−ηλ|ᵏ = %.3g, so F(x−D) ≤ G(x) ≤ F(x+D); Kolmogorov distance %.2e "
                + "(band up to %.2e wide); exact CDF from %d series terms, bracket ±%.1e; scale 1 (a probability)",
            d, Math.max(0, kolmogorov), width, law.terms(), law.bracket()), massOk);
    }

    /**
     * The stationary law of a Hessian-noise case on a wide grid sized from its Kesten index (scalar F64, once per
     * case): the tail index is fitted on it, and the variance a narrower grid cuts off is read from it.
     */
    record TailLaw(VerdictCase c, double alpha, GridSizing.TailGrid tailGrid, double[] density, StationaryLaw law,
                   double scale) {
        static TailLaw compute(VerdictCase c, ModeTheory th, KernelOptions options) {
            double alpha = th.kestenTailIndex();
            double scale = Math.sqrt(Math.max(c.eta() * c.mode().sigmaG() * c.mode().sigmaG()
                / (2 * Math.max(c.mode().lambda(), 1e-3)), 1e-12));
            GridSizing.TailGrid tg = GridSizing.forPowerTail(alpha, scale, TAIL_MAX_CELLS);
            Grid1D grid = tg.grid();
            TransferOperator op = TransferOperatorBuilder.build1D(c.mode(), c.noise(), c.eta(), NODES, grid);
            StationaryLaw law = new TransferOperatorSolver(Backend.SCALAR, Precision.F64, options)
                .stationary(op, Densities.gaussian(grid, 0, scale), new PowerIteration(1e-10, 200_000, 64), 1.0);
            double[] p = law.density();
            double mass = Densities.mass(p);
            for (int i = 0; i < p.length; i++) p[i] /= mass;
            return new TailLaw(c, alpha, tg, p, law, scale);
        }

        Grid1D grid() { return tailGrid.grid(); }

        /** The tail-index row: fit over the window, bias bound from the drift between its two decades. */
        AccuracyRow row(Rows.Context ctx) {
            double lo = tailGrid.survivalLow(), hi = tailGrid.survivalHigh(), midS = Math.sqrt(lo * hi);
            TailIndex.Fit fit = TailIndex.fit(grid(), density, lo, hi);
            TailIndex.Fit outer = TailIndex.fit(grid(), density, lo, midS), inner = TailIndex.fit(grid(), density, midS, hi);
            double drift = Math.abs(outer.alpha() - inner.alpha()) / fit.alpha();
            String q = "tail index of the stationary law";
            String why = String.format(Locale.ROOT,
                "log-survival fit over S∈[%.1e,%.1e] (r from %.3g to %.3g sd, %d points) on ±%.0f sd (%d cells%s); local slopes %.4g → %.4g (drift %.2f %%) + 0.5 %% edge bias; %s, power iteration %s after %d iterations",
                lo, hi, fit.radiusFrom() / scale, fit.radiusTo() / scale, fit.points(), grid().hi() / scale, grid().cells(),
                tailGrid.capped() ? ", CAPPED: Δx coarser than the window needs" : "", inner.alpha(), outer.alpha(),
                100 * drift, quadratureLabel(c, NODES), law.converged() ? "converged" : "NOT converged", law.iterations());
            if (!law.converged())
                return Rows.notJudged(ctx, q, Quantity.TAIL_INDEX, c.steps(), fit.alpha(), alpha, true, "not judged: " + why);
            if (tailGrid.capped())
                return Rows.notJudged(ctx, q, Quantity.TAIL_INDEX, c.steps(), fit.alpha(), alpha, true,
                    "not judged: the fit window needs more than " + TAIL_MAX_CELLS + " cells at this α; " + why);
            return Rows.judged(ctx, q, Quantity.TAIL_INDEX, c.steps(), fit.alpha(), alpha, true,
                Tolerances.tailFit(drift), 1, why, true);
        }

        /**
         * Variance outside [lo, hi] relative to {@code variance}: measured on this law inside its own grid, the
         * power tail extrapolated beyond it (see {@link Tolerances#powerTailTruncation}). The stationary tail bounds
         * the tail at a finite t for a walk started in the bulk: the tail only builds up towards it.
         */
        double truncation(double lo, double hi, double variance) {
            double beyond = 0;
            Grid1D g = grid();
            for (int i = 0; i < density.length; i++) {
                double x = g.centre(i);
                if (x < lo || x > hi) beyond += density[i] * x * x;
            }
            TailIndex.Fit fit = TailIndex.fit(g, density, tailGrid.survivalLow(), tailGrid.survivalHigh());
            double far = g.hi();
            double edgeSurvival = tailGrid.survivalLow() * Math.pow(far / fit.radiusTo(), -alpha);
            return Tolerances.powerTailTruncation(alpha, variance, beyond, edgeSurvival, far);
        }
    }

    private static int[] addMarks(int[] marks, int... extra) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int m : marks) s.add(m);
        for (int m : extra) if (m >= 0) s.add(m);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Checkpoint at(TransferResult r, int step) {
        for (Checkpoint cp : r.checkpoints()) if (cp.step() == step) return cp;
        return null;
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.3g", v); }

    // ------------------------------------------------------------------------------------------ Fokker–Planck

    private static List<AccuracyRow> fokkerPlanckRows(VerdictCase c, Rows.Context ctx, ModeTheory th, Generator g,
                                                      List<VarianceTrajectory> traj) {
        List<AccuracyRow> rows = new ArrayList<>();
        Mode mode = c.mode();
        LinearFokkerPlanckModel model = g.model(mode, c.eta());
        String reg = ctx.regime();
        int t = c.steps();
        double v0 = c.initSpread() * c.initSpread(), mu0 = c.initMean();
        double tau = t * c.eta();
        double vEnd = model.variance(tau, mu0, v0);
        FokkerPlanckStatus st = model.regime();
        String q = "variance at t=" + t;
        if (st == FokkerPlanckStatus.UNSTABLE || st == FokkerPlanckStatus.INFINITE_VARIANCE || !(vEnd > 0) || !Double.isFinite(vEnd)) {
            rows.add(Rows.notJudged(ctx, q, Quantity.VARIANCE, t, Double.NaN, vEnd, true,
                "not judged: the continuous model is " + st.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (tail index " + fmt(model.tailIndex()) + ")"));
            return rows;
        }
        double spread = Math.sqrt(Math.max(vEnd, Math.max(v0, model.regime() == FokkerPlanckStatus.OK ? model.stationaryVariance() : vEnd)));
        double tail = model.tailIndex();
        if (Double.isFinite(tail) && tail <= 4) {
            rows.add(Rows.notJudged(ctx, q, Quantity.VARIANCE, t, Double.NaN, vEnd, true,
                "not judged: the continuous model's tail index " + fmt(tail) + " ≤ 4, so its variance lives in a tail no finite grid holds"));
            return rows;
        }
        boolean powerTail = Double.isFinite(tail);
        double half = (powerTail ? FP_HEAVY_HALF_WIDTH_SDS : 10) * spread + Math.abs(mu0);
        FvGrid grid = FvGrid.symmetric(half, powerTail ? 10 * FP_CELLS : FP_CELLS);
        int every = Math.max(1, t / 30);
        FokkerPlanckSpec spec = new FokkerPlanckSpec(mode, c.eta(), g, grid, TimeScheme.BACKWARD_EULER, FP_SUBSTEPS, t,
            every, mu0, c.initSpread());
        FokkerPlanckResult res = FokkerPlanckSolver.solve(spec);
        if (res.status() == FokkerPlanckStatus.DIVERGED) {
            rows.add(Rows.judged(ctx, "density", Quantity.OTHER, t, Double.NaN, Double.NaN, false, 0, 1,
                "NaN/Inf in the density", false));
            return rows;
        }
        List<Long> steps = new ArrayList<>();
        List<Double> vars = new ArrayList<>();
        for (var cp : res.checkpoints()) {
            steps.add(cp.step());
            vars.add(cp.variance());
        }
        traj.add(new VarianceTrajectory(c.id(), reg, ctx.method().id(), Backend.SCALAR.id(), steps, vars));
        var end = res.last();
        // a power tail (Itô / corrected models with Hessian noise) cut at ±R loses ≈ (R/sd)^{2−α}·α/(α−2) of the variance
        double cut = powerTail ? Math.pow(half / spread, 2 - tail) * tail / (tail - 2) : 0;
        double tol = Tolerances.FOKKER_PLANCK + cut;
        String why = "1 % of the closed form: Δx=" + fmt(grid.dx()) + " (≤ sd/100), backward Euler Δτ=η/" + FP_SUBSTEPS
            + (powerTail ? String.format(Locale.ROOT, ", tail index %.3g cut at ±%.0f sd: +%.2g %%", tail,
                FP_HEAVY_HALF_WIDTH_SDS, 100 * cut) : "");
        if (th.regime() == Regime.DIFFUSIVE) {
            var mid = res.checkpoints().get(res.checkpoints().size() / 2);
            double slope = (end.variance() - mid.variance()) / (end.step() - mid.step());
            double exactSlope = (end.continuousVariance() - mid.continuousVariance()) / (end.step() - mid.step());
            rows.add(Rows.judged(ctx, "variance slope per step", Quantity.VARIANCE_SLOPE, t, slope, exactSlope, true,
                tol, 1, why, true));
        } else {
            rows.add(Rows.judged(ctx, q, Quantity.VARIANCE, t, end.variance(), end.continuousVariance(), true, tol, 1,
                why, true));
        }
        if (!Double.isNaN(res.lag1Autocorrelation())) {
            double num = res.lag1AutocorrelationNumerical(), closed = res.lag1Autocorrelation();
            double lagTol = Tolerances.backwardEulerLag1(model.kappa(), c.eta(), FP_SUBSTEPS);
            String lq = "stationary lag-1 autocorrelation";
            String lwhy = "closed form e^{−κη}; backward Euler maps x by (1+κη/" + FP_SUBSTEPS + ")^−" + FP_SUBSTEPS;
            rows.add(Double.isFinite(num)
                ? Rows.judged(ctx, lq, Quantity.LAG1_AUTOCORRELATION, t, num, closed, false, lagTol,
                    EnsembleAccuracy.correlationScale(closed), lwhy, true)
                : Rows.notJudged(ctx, lq, Quantity.LAG1_AUTOCORRELATION, t, num, closed, false,
                    "not judged: the numerical autocorrelation is not finite"));
        }
        return rows;
    }
}
