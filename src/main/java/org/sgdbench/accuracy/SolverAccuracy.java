package org.sgdbench.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
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
 * exact master equation on a grid, on every available backend) against the exact SGD moments, and the two
 * continuous baselines — Langevin (OU without Hessian noise, Itô with Σ(x) = σ_h²x² + σ_g² with it) and the
 * η-corrected generator — judged on solving their own equation, with their error against SGD beside.
 *
 * <p>Tolerances:
 * <ul>
 * <li>transfer operator, variance: cloud-in-cell deposits keep every mean exactly and add between 0 and Δx²/4
 * to the variance per step, and Gauss–Hermite with n ≥ 2 nodes integrates the moment recursion's polynomials
 * exactly, so 0 ≤ v_grid − v ≤ B_t = (Δx²/4)·Σ_{k≤t} a^k (the initial discretisation included). Tolerance B_t/v
 * plus rounding (10⁻⁶·t relative in F32).</li>
 * <li>lag-1 autocorrelation: ρ_grid = (1−ηλ)v_{t−1}^grid / v_t^grid, so |ρ_grid − ρ| ≤ |ρ|(B_{t−1}/v_{t−1} + B_t/v_t).</li>
 * <li>total variation to the exact Gaussian (cases without Hessian noise, where the law stays Gaussian): a
 * variance inflation δ = B/v moves a Gaussian by at most δ/(2√2) in TV; the tolerance B/v leaves room for
 * the non-Gaussian shape of the deposit error.</li>
 * <li>Fokker–Planck: 1 % of the continuous closed form, for grids of ±10 standard deviations with Δx ≤ sd/100
 * and backward Euler with Δτ = η/20 (the solver's tests show the error falling as Δx² and Δτ).</li>
 * </ul>
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
    static final double FP_TOLERANCE = 0.01;
    static final double FP_HEAVY_HALF_WIDTH_SDS = 200;

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
            ModeTheory th = ModeTheory.of(c.mode(), c.noise(), c.eta());
            traj.add(theoryTrajectory(c, th, "exact", false));
            traj.add(theoryTrajectory(c, th, "ou-theory", true));
            for (Backend b : backends) {
                if (b.provider().isEmpty()) continue;
                if (b != Backend.SCALAR && quick && !c.quick()) continue;
                for (Precision p : precisions) {
                    progress.accept(String.format(Locale.ROOT, "accuracy: %s transfer operator %s %s", c.id(), b.id(), p));
                    try {
                        rows.addAll(transferRows(c, th, b, p, options, overrides, traj));
                    } catch (KernelNotSupportedException e) {
                        rows.add(status(c, th, "transfer-operator", b.id(), p.name(), Outcome.NOT_SUPPORTED, e.getMessage()));
                    } catch (RuntimeException e) {
                        rows.add(status(c, th, "transfer-operator", b.id(), p.name(), Outcome.FAILED, e.toString()));
                    }
                }
            }
            progress.accept(String.format(Locale.ROOT, "accuracy: %s Fokker-Planck baselines", c.id()));
            Generator langevin = c.mode().sigmaH() == 0 ? Generator.LANGEVIN_OU : Generator.ITO_LANGEVIN;
            for (Generator g : List.of(langevin, Generator.ETA_CORRECTED)) {
                String method = g == Generator.ETA_CORRECTED ? "corrected-fp" : g == Generator.LANGEVIN_OU ? "langevin-fp (OU)" : "langevin-fp (Itô)";
                try {
                    rows.addAll(fokkerPlanckRows(c, th, g, method, traj));
                } catch (RuntimeException e) {
                    rows.add(status(c, th, method, "scalar", "F64", Outcome.FAILED, e.toString()));
                }
            }
        }
        return new Output(rows, traj);
    }

    static String regime(ModeTheory th) { return EnsembleAccuracy.regimeName(th); }

    private static AccuracyRow status(VerdictCase c, ModeTheory th, String method, String backend, String precision,
                                      Outcome o, String why) {
        return new AccuracyRow(c.id(), regime(th), method, backend, precision, "-", Double.NaN, Double.NaN, Double.NaN,
            false, Double.NaN, why, Double.NaN, Double.NaN, Double.NaN, o);
    }

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

    // ------------------------------------------------------------------------------------------ transfer operator

    private static List<AccuracyRow> transferRows(VerdictCase c, ModeTheory th, Backend b, Precision p,
                                                  KernelOptions options, GridOverrides overrides,
                                                  List<VarianceTrajectory> traj) {
        List<AccuracyRow> rows = new ArrayList<>();
        String method = "transfer-operator";
        String reg = regime(th);
        if (th.regime() == Regime.UNSTABLE) {
            rows.add(new AccuracyRow(c.id(), reg, method, b.id(), p.name(), "variance", Double.NaN, Double.NaN,
                Double.NaN, false, Double.NaN, "not judged: an unstable law leaves any fixed grid (E log|1−ηh| > 0)",
                Double.NaN, Double.NaN, Double.NaN, Outcome.NOT_JUDGED));
            return rows;
        }
        if (th.regime() == Regime.HEAVY_TAILED || !(c.mode().sigmaH() == 0 || th.fourthMomentFinite())) {
            if (b == Backend.SCALAR && p == Precision.F64) rows.add(tailRow(c, th, b, p, options));
            if (th.regime() == Regime.HEAVY_TAILED) return rows;
        }
        boolean hessianNoise = c.mode().sigmaH() > 0;
        // power tails (Hessian noise) need a much wider grid than ±10 sd to hold the variance
        GridSizing sizing = hessianNoise ? GridSizing.defaults().withHalfWidthSds(HEAVY_HALF_WIDTH_SDS) : GridSizing.defaults();
        Grid1D grid = sizing.forMode(c.mode(), c.noise(), c.eta(), c.steps(), c.initMean(), c.initSpread());
        if (overrides.cells() != null)
            grid = Grid1D.centred((grid.lo() + grid.hi()) / 2, (grid.hi() - grid.lo()) / 2, overrides.cells());
        // without Hessian noise only the g axis has nodes: use enough that they are as dense as the cells
        int nodes = overrides.nodes() != null ? overrides.nodes() : hessianNoise ? NODES : NODES_1D;
        TransferOperator op = TransferOperatorBuilder.build1D(c.mode(), c.noise(), c.eta(), nodes, grid);
        double[] init = Densities.gaussian(grid, c.initMean(), c.initSpread());
        int t = c.steps(), half = t / 2;
        int every = Math.max(1, t / 30);
        int[] marks = TransferOperatorSolver.checkpointsEvery(t, every);
        marks = addMarks(marks, half);
        double massTolerance = p == Precision.F32 || hessianNoise ? 1e-3 : 1e-9;
        TransferResult r = new TransferOperatorSolver(b, p, options).evolve(op, init, t, marks, true, massTolerance);
        double v0 = c.initSpread() * c.initSpread(), mu0 = c.initMean();
        double dx = grid.dx(), a = th.a();
        String lost = String.format(Locale.ROOT, "; lost mass %.1e", r.last().law().lostMass());
        if (r.status() == Status.DIVERGED) {
            rows.add(new AccuracyRow(c.id(), reg, method, b.id(), p.name(), "density", Double.NaN, Double.NaN, Double.NaN,
                false, Double.NaN, "NaN/Inf in the density", Double.NaN, Double.NaN, Double.NaN, Outcome.DIVERGED));
            return rows;
        }
        if (b == Backend.SCALAR && p == Precision.F64) {
            List<Long> s = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            for (Checkpoint cp : r.checkpoints()) {
                s.add((long) cp.step());
                v.add(cp.law().variance());
            }
            traj.add(new VarianceTrajectory(c.id(), reg, method, b.id(), s, v));
        }
        double rounding = p == Precision.F32 ? 1e-6 * t : 1e-12 * t;
        double halfWidth = (grid.hi() - grid.lo()) / 2;
        // in F32 the "lost" mass is mostly rounding of the total, not tail: use the Pareto estimate alone there
        double truncation = truncationBias(th, halfWidth, th.variance(t, mu0, v0),
            p == Precision.F32 ? 0 : r.last().law().lostMass());
        boolean massOk = r.status() == Status.OK;
        Checkpoint end = r.last(), mid = at(r, half);
        if (th.regime() == Regime.DIFFUSIVE) {
            double slope = (end.law().variance() - mid.law().variance()) / (t - half);
            double exact = th.varianceSlopePerStep();
            double tol = (dx * dx / 4) / exact + rounding;
            rows.add(judge(c, reg, method, b, p, "variance slope per step (η²σ_g²)", slope, exact, true, tol,
                "CIC: each step adds [0, Δx²/4] to the variance, Δx=" + fmt(dx) + lost, exact, exact, massOk));
        } else {
            double exact = th.variance(t, mu0, v0);
            double bound = cicBound(dx, a, t);
            rows.add(judge(c, reg, method, b, p, "variance at t=" + t, end.law().variance(), exact, true,
                bound / exact + truncation + rounding, "CIC bias ≤ (Δx²/4)Σaᵏ, Δx=" + fmt(dx) + ", GH n=" + nodes
                    + " exact for moments" + (truncation > 0 ? ", tail beyond ±" + fmt(halfWidth) + " ≤ " + fmt(100 * truncation) + " %" : "") + lost,
                exact, th.ouVariance(t, v0), massOk));
            double vPrev = th.variance(t - 1, mu0, v0);
            if (vPrev > 0) {
                double rho = th.lag1Covariance(t, mu0, v0) / exact;
                double tol = Math.abs(rho) * (cicBound(dx, a, t - 1) / vPrev + bound / exact + 2 * truncation) + 1e-9 + rounding;
                rows.add(judge(c, reg, method, b, p, "lag-1 autocorrelation at t=" + t, end.law().lag1Autocorrelation(),
                    rho, false, tol, "CIC variance bias at t−1 and t" + lost, rho, th.ouLag1Autocorrelation(), massOk));
            }
            double spacing = c.eta() * c.mode().sigmaG() * Math.PI / Math.sqrt(2.0 * nodes);
            // the law stays exactly Gaussian only with Gaussian gradient noise and no Hessian noise
            boolean gaussianLaw = !hessianNoise && c.noise().gradient() == NoiseLaw.GAUSSIAN;
            if (gaussianLaw && Math.sqrt(th.variance(t - 1, mu0, v0)) * Math.abs(th.meanFactor()) < 2 * spacing) {
                rows.add(new AccuracyRow(c.id(), reg, method, b.id(), p.name(), "TV distance to exact Gaussian law at t=" + t,
                    Double.NaN, 0, Double.NaN, false, Double.NaN, "not judged: |1−ηλ|·sd < 2× the Gauss–Hermite node spacing "
                        + fmt(spacing) + ", so the step does not smooth the quadrature's atoms (the moments stay exact)",
                    0, Double.NaN, Double.NaN, Outcome.NOT_JUDGED));
            } else if (gaussianLaw) {
                double sd = Math.sqrt(exact);
                double[] ref = Densities.gaussian(grid, th.mean(t, mu0), sd);
                double tv = Densities.totalVariation(end.density(), ref);
                rows.add(judge(c, reg, method, b, p, "TV distance to exact Gaussian law at t=" + t, tv, 0, false,
                    bound / exact + 1e-6 + rounding, "variance inflation B/v bounds the TV shift" + lost, 0, Double.NaN, massOk));
            }
        }
        return rows;
    }

    private static AccuracyRow tailRow(VerdictCase c, ModeTheory th, Backend b, Precision p, KernelOptions options) {
        double alpha = th.kestenTailIndex();
        // a wide grid in the stationary spread: the power tail needs decades of |x|
        double sd = Math.sqrt(Math.max(c.eta() * c.mode().sigmaG() * c.mode().sigmaG() / (2 * Math.max(c.mode().lambda(), 1e-3)), 1e-6));
        Grid1D grid = Grid1D.centred(0, 400 * sd, 16001);
        TransferOperator op = TransferOperatorBuilder.build1D(c.mode(), c.noise(), c.eta(), NODES, grid);
        StationaryLaw law = new TransferOperatorSolver(b, p, options)
            .stationary(op, Densities.gaussian(grid, 0, sd), new PowerIteration(1e-10, 200_000, 64), 1.0);
        TailIndex.Fit fit = TailIndex.fit(grid, law.density(), 1e-4, 1e-2);
        double tol = 0.15;
        String why = String.format(Locale.ROOT,
            "log-survival fit over S∈[1e-4,1e-2] (%d points, R²=%.4f) on ±%.0f sd; 15 %% for the pre-asymptotic tail; power iteration %s after %d iterations",
            fit.points(), fit.rSquared(), 400.0, law.converged() ? "converged" : "NOT converged", law.iterations());
        double ito = EnsembleAccuracy.itoTailIndex(c);
        return judge(c, regime(th), "transfer-operator", b, p, "tail index of the stationary law", fit.alpha(), alpha,
            true, tol, why, alpha, ito, true);
    }

    /**
     * Relative variance lost by truncating a power tail of (Kesten) index α > 2 at ±R: for a Pareto-like tail
     * E[x²; |x| > R] ≈ S(R)·R²·α/(α−2); S(R) is taken as the larger of the measured lost mass and (R/sd)^{−α}.
     * 0 for laws with Gaussian tails (no Hessian noise).
     */
    static double truncationBias(ModeTheory th, double halfWidth, double variance, double lostMass) {
        if (th.mode().sigmaH() == 0) return 0;
        double alpha = th.kestenTailIndex();
        if (!(alpha > 2) || !Double.isFinite(alpha)) return Double.POSITIVE_INFINITY;
        double z = halfWidth / Math.sqrt(variance);
        double survival = Math.max(Math.abs(lostMass), Math.pow(z, -alpha));
        return survival * z * z * alpha / (alpha - 2);
    }

    static double cicBound(double dx, double a, int t) {
        double sum = a == 1 ? t + 1 : (1 - Math.pow(a, t + 1)) / (1 - a);
        return dx * dx / 4 * sum;
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

    private static AccuracyRow judge(VerdictCase c, String reg, String method, Backend b, Precision p, String quantity,
                                     double value, double exact, boolean relative, double tol, String why,
                                     double sgdExact, double langevin, boolean massOk) {
        double err = relative ? value / exact - 1 : value - exact;
        double lerr = Double.isNaN(langevin) ? Double.NaN
            : relative ? (sgdExact != 0 ? langevin / sgdExact - 1 : Double.NaN) : langevin - sgdExact;
        Outcome o = !Double.isFinite(value) ? Outcome.DIVERGED
            : Math.abs(err) <= tol && massOk ? Outcome.OK : Outcome.LARGE_ERROR;
        return new AccuracyRow(c.id(), reg, method, b.id(), p.name(), quantity, value, exact, err, relative, tol,
            massOk ? why : why + " — MASS LOST beyond the tolerance", sgdExact, langevin, lerr, o);
    }

    // ------------------------------------------------------------------------------------------ Fokker–Planck

    private static List<AccuracyRow> fokkerPlanckRows(VerdictCase c, ModeTheory th, Generator g, String method,
                                                      List<VarianceTrajectory> traj) {
        List<AccuracyRow> rows = new ArrayList<>();
        Mode mode = c.mode();
        LinearFokkerPlanckModel model = g.model(mode, c.eta());
        String reg = regime(th);
        int t = c.steps();
        double v0 = c.initSpread() * c.initSpread(), mu0 = c.initMean();
        double tau = t * c.eta();
        double vEnd = model.variance(tau, mu0, v0);
        FokkerPlanckStatus st = model.regime();
        if (st == FokkerPlanckStatus.UNSTABLE || st == FokkerPlanckStatus.INFINITE_VARIANCE || !(vEnd > 0) || !Double.isFinite(vEnd)) {
            rows.add(new AccuracyRow(c.id(), reg, method, "scalar", "F64", "variance at t=" + t, Double.NaN, vEnd,
                Double.NaN, true, Double.NaN, "not judged: the continuous model is " + st.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (tail index " + fmt(model.tailIndex()) + ")", th.variance(t, mu0, v0), Double.NaN, Double.NaN,
                Outcome.NOT_JUDGED));
            return rows;
        }
        double spread = Math.sqrt(Math.max(vEnd, Math.max(v0, model.regime() == FokkerPlanckStatus.OK ? model.stationaryVariance() : vEnd)));
        double tail = model.tailIndex();
        if (Double.isFinite(tail) && tail <= 4) {
            rows.add(new AccuracyRow(c.id(), reg, method, "scalar", "F64", "variance at t=" + t, Double.NaN, vEnd,
                Double.NaN, true, Double.NaN, "not judged: the continuous model's tail index " + fmt(tail)
                    + " ≤ 4, so its variance lives in a tail no finite grid holds", th.variance(t, mu0, v0), vEnd,
                vEnd / th.variance(t, mu0, v0) - 1, Outcome.NOT_JUDGED));
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
            rows.add(new AccuracyRow(c.id(), reg, method, "scalar", "F64", "density", Double.NaN, Double.NaN, Double.NaN,
                false, Double.NaN, "NaN/Inf in the density", Double.NaN, Double.NaN, Double.NaN, Outcome.DIVERGED));
            return rows;
        }
        List<Long> steps = new ArrayList<>();
        List<Double> vars = new ArrayList<>();
        for (var cp : res.checkpoints()) {
            steps.add(cp.step());
            vars.add(cp.variance());
        }
        traj.add(new VarianceTrajectory(c.id(), reg, method, "scalar", steps, vars));
        var end = res.last();
        // a power tail (Itô / corrected models with Hessian noise) cut at ±R loses ≈ (R/sd)^{2−α}·α/(α−2) of the variance
        double cut = powerTail ? Math.pow(half / spread, 2 - tail) * tail / (tail - 2) : 0;
        double tol = FP_TOLERANCE + cut;
        String why = "1 % of the closed form: Δx=" + fmt(grid.dx()) + " (≤ sd/100), backward Euler Δτ=η/" + FP_SUBSTEPS
            + (powerTail ? String.format(Locale.ROOT, ", tail index %.3g cut at ±%.0f sd: +%.2g %%", tail,
                FP_HEAVY_HALF_WIDTH_SDS, 100 * cut) : "");
        double sgd = th.variance(t, mu0, v0);
        if (th.regime() == Regime.DIFFUSIVE) {
            var mid = res.checkpoints().get(res.checkpoints().size() / 2);
            double slope = (end.variance() - mid.variance()) / (end.step() - mid.step());
            double exactSlope = (end.continuousVariance() - mid.continuousVariance()) / (end.step() - mid.step());
            rows.add(fpRow(c, reg, method, "variance slope per step", slope, exactSlope, why, tol, th.varianceSlopePerStep()));
        } else {
            rows.add(fpRow(c, reg, method, "variance at t=" + t, end.variance(), end.continuousVariance(), why, tol, sgd));
        }
        if (!Double.isNaN(res.lag1Autocorrelation())) {
            double vPrev = th.variance(t - 1, mu0, v0);
            double rho = vPrev > 0 && sgd > 0 ? th.lag1Covariance(t, mu0, v0) / sgd : th.lag1Autocorrelation();
            double num = res.lag1AutocorrelationNumerical(), closed = res.lag1Autocorrelation();
            double err = num - closed;
            // x is an eigenfunction of the generator (eigenvalue −κ); backward Euler maps it by (1 + κΔτ)^{−m}
            // per SGD step of m substeps instead of e^{−κη}: that difference is the scheme's error, plus grid terms
            double kappa = model.kappa(), m = FP_SUBSTEPS;
            double lagTol = 1.05 * Math.abs(Math.pow(1 + kappa * c.eta() / m, -m) - Math.exp(-kappa * c.eta())) + 1e-5;
            Outcome o = Double.isFinite(num) ? (Math.abs(err) <= lagTol ? Outcome.OK : Outcome.LARGE_ERROR) : Outcome.NOT_JUDGED;
            rows.add(new AccuracyRow(c.id(), reg, method, "scalar", "F64", "stationary lag-1 autocorrelation", num, closed,
                err, false, lagTol, "closed form e^{−κη}; backward Euler maps x by (1+κη/" + FP_SUBSTEPS + ")^−" + FP_SUBSTEPS,
                rho, closed, closed - rho, o));
        }
        return rows;
    }

    private static AccuracyRow fpRow(VerdictCase c, String reg, String method, String quantity, double value,
                                     double closedForm, String why, double tol, double sgdExact) {
        double err = value / closedForm - 1;
        Outcome o = !Double.isFinite(value) ? Outcome.DIVERGED : Math.abs(err) <= tol ? Outcome.OK : Outcome.LARGE_ERROR;
        return new AccuracyRow(c.id(), reg, method, "scalar", "F64", quantity, value, closedForm, err, true, tol,
            why, sgdExact, closedForm, sgdExact != 0 ? closedForm / sgdExact - 1 : Double.NaN, o);
    }
}
