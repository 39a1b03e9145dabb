package org.sgdbench.accuracy;

import java.util.Locale;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Precision;
import org.sgdbench.solver.transfer.Densities;
import org.sgdbench.solver.transfer.GridSizing;
import org.sgdbench.solver.transfer.TailIndex;
import org.sgdbench.solver.transfer.TransferOperator;
import org.sgdbench.solver.transfer.TransferOperatorBuilder;
import org.sgdbench.solver.transfer.TransferOperatorSolver;
import org.sgdbench.solver.transfer.TransferResult;
import org.sgdbench.theory.ModeTheory;
import org.sgdbench.theory.Regime;

/**
 * What the ensemble's Hill estimate is judged against: the Hill functional α(p) of the exact law of x_t at the
 * same tail fraction p = k/n ({@link TailIndex#hill}), not the Kesten index α. The Hill estimator from the k
 * largest |x| converges to α(p) as n grows at fixed p; α(p) reaches α only as p → 0, and at the fractions a run
 * can afford (p = 1/200) a Kesten law is not yet a pure power law: its slowly varying corrections bias α(p) by
 * tens of percent (−16 % and −24 % for the Hessian-noise cases at σ_h = 2). No drift of a Hill plot bounds that
 * bias (it underestimated it, and a wider tolerance would only hide it), so the row compares like with like and
 * reports α(p) − α beside, as the pre-asymptotic bias, not judged.
 *
 * <p>The exact law at the case's step t comes from the transfer operator (scalar F64), evolved from the case's
 * initial law for the case's t steps — the ensemble's own horizon, so no stationarity is assumed (from a point
 * mass the tail is still building up; the stationary law would overstate it). Its grid is made for this: centred
 * at the critical point, Δx = u₀/{@link #CELLS_PER_THRESHOLD} with u₀ a guess of the threshold u from the bulk
 * scale and α (and no coarser than a quarter of the one-step jump ησ_g), and half-width R with
 * (R/u₀)^{−α} = {@link #EDGE_SURVIVAL} (the power tail's survival at the edge relative to p), or ±100 sd of the
 * path's exact moments when that is wider (a start away from 0 spreads far in the first steps); at most
 * {@link #MAX_CELLS} cells, the edge moved in when more are needed. Its error is estimated, not assumed:
 * <ul>
 * <li>discretisation: the same evolution on a grid twice as coarse; the cloud-in-cell bias of a smooth functional
 *     is O(Δx²), so the fine grid's error is about a third of the difference and the whole difference bounds
 *     it;</li>
 * <li>truncation: the mass δ that left the grid; placed beyond R it would raise p·H by at most about
 *     δ(log(R/u) + 1/α) and move the threshold by δ/f(u), i.e. a relative change of about (δ/p)(α·log(R/u) + 2).</li>
 * </ul>
 *
 * @param alpha          α(p) of the exact law at t (fine grid)
 * @param coarseAlpha    the same on the grid twice as coarse
 * @param relativeSd     √k·sd(α̂)/α(p) of the Hill estimator on this law ({@link TailIndex.Hill#relativeSd()}; 1 for a power tail)
 * @param threshold      u, the (1 − p) quantile of |x_t|
 * @param tailFraction   p
 * @param truncation     relative bound of the error from the mass that left the grid
 * @param cells          cells of the fine grid
 * @param dx             its cell width
 * @param kestenAlpha    the Kesten index, for the bias report
 * @param source         where the law comes from, in words (solver, grid, noise quadrature)
 */
public record HillReference(double alpha, double coarseAlpha, double relativeSd, double threshold, double tailFraction,
                            double truncation, int cells, double dx, double kestenAlpha, String source) {
    /** Fine-grid cells between 0 and the guessed threshold u₀. */
    static final int CELLS_PER_THRESHOLD = 128;
    /** Fine-grid cells per one-step jump ησ_g, as the default transfer-operator grid. */
    static final int CELLS_PER_JUMP = 4;
    /** Survival at the grid's edge relative to p, extrapolated with the Kesten index. */
    static final double EDGE_SURVIVAL = 1e-9;
    /** Most cells of the fine grid (the operator of a 12 × 12-node Gaussian case holds up to 288 entries a column). */
    static final int MAX_CELLS = 1 << 16;
    /** Gauss–Hermite nodes per noise axis, as for the stationary tail. */
    static final int NODES = SolverAccuracy.NODES;

    /** Relative discretisation error, estimated by the fine–coarse difference (about 3× the fine grid's O(Δx²) error). */
    public double discretisation() { return Math.abs(alpha - coarseAlpha) / alpha; }

    /** The pre-asymptotic bias α(p)/α − 1: reported beside the row, never judged. */
    public double preAsymptoticBias() { return alpha / kestenAlpha - 1; }

    /** The Hill estimator's tail fraction for k of n values. */
    public static double tailFraction(int k, int n) { return (double) k / n; }

    /**
     * The reference of a Hessian-noise case for the Hill estimator with k of its {@code c.walkers()} walkers:
     * two transfer-operator evolutions of the case's t steps (scalar F64).
     */
    public static HillReference compute(VerdictCase c, int k, KernelOptions options) {
        ModeTheory th = ModeTheory.of(c.mode(), c.noise(), c.eta());
        double alpha = th.kestenTailIndex();
        double p = tailFraction(k, c.walkers());
        // bulk scale: the stationary sd where it exists, else the OU scale of the gradient noise alone
        double v = th.regime() == Regime.CONFINED ? th.stationaryVariance()
            : c.eta() * c.mode().sigmaG() * c.mode().sigmaG() / (2 * Math.max(c.mode().lambda(), 1e-3));
        double scale = Math.sqrt(Math.max(v, 1e-24));
        double guess = scale * Math.max(1, Math.pow(p, -1 / alpha));
        // the threshold resolved, and the one-step jump too (as GridSizing does): a coarser cloud-in-cell deposit
        // inflates the bulk every step, and the multiplicative noise carries that into the tail's scale
        double jump = c.eta() * c.mode().sigmaG();
        double dx = Math.min(guess / CELLS_PER_THRESHOLD, jump > 0 ? jump / CELLS_PER_JUMP : Double.POSITIVE_INFINITY);
        // the tail's edge, or the path's: a start away from 0 spreads far in the first steps (multiplicative noise)
        Grid1D path = GridSizing.defaults().withHalfWidthSds(SolverAccuracy.HEAVY_HALF_WIDTH_SDS)
            .forMode(c.mode(), c.noise(), c.eta(), c.steps(), c.initMean(), c.initSpread());
        double pathHalf = Double.isFinite(path.lo()) && Double.isFinite(path.hi()) ? Math.max(-path.lo(), path.hi()) : 0;
        double half = Math.max(guess * Math.pow(EDGE_SURVIVAL, -1 / alpha), pathHalf);
        // resolution first: a heavy tail that needs more cells gets a nearer edge, and its lost mass says so
        half = Math.min(half, dx * MAX_CELLS / 2);
        int cells = (int) Math.min(MAX_CELLS, 2 * Math.ceil(half / dx)); // even: 0 is an edge
        Grid1D fine = Grid1D.centred(0, half, cells), coarse = Grid1D.centred(0, half, cells / 2);
        Law f = evolve(c, fine, options), g = evolve(c, coarse, options);
        TailIndex.Hill hf = TailIndex.hill(fine, f.density, p), hc = TailIndex.hill(coarse, g.density, p);
        double lost = Math.max(0, f.lost);
        double truncation = lost / p * (2 * hf.alpha() * Math.log(half / hf.threshold()) + 2);
        return new HillReference(hf.alpha(), hc.alpha(), hf.relativeSd(), hf.threshold(), p, truncation, cells,
            fine.dx(), alpha, String.format(Locale.ROOT, "transfer operator scalar F64 from the case's initial law, %d cells "
                + "of Δx=%.3g on ±%.4g, %s", cells, fine.dx(), half, SolverAccuracy.quadratureLabel(c, NODES)));
    }

    /** A reference from a known law given on two grids (fine, and twice as coarse), nothing lost: for tests. */
    public static HillReference of(Grid1D fine, double[] fineDensity, Grid1D coarse, double[] coarseDensity,
                                   double tailFraction, double kestenAlpha) {
        TailIndex.Hill hf = TailIndex.hill(fine, fineDensity, tailFraction), hc = TailIndex.hill(coarse, coarseDensity, tailFraction);
        return new HillReference(hf.alpha(), hc.alpha(), hf.relativeSd(), hf.threshold(), tailFraction, 0,
            fine.cells(), fine.dx(), kestenAlpha, String.format(Locale.ROOT, "a given law on %d cells of Δx=%.3g",
                fine.cells(), fine.dx()));
    }

    private record Law(double[] density, double lost) {}

    private static Law evolve(VerdictCase c, Grid1D grid, KernelOptions options) {
        TransferOperator op = TransferOperatorBuilder.build1D(c.mode(), c.noise(), c.eta(), NODES, grid);
        double[] init = Densities.gaussian(grid, c.initMean(), c.initSpread());
        TransferResult r = new TransferOperatorSolver(Backend.SCALAR, Precision.F64, options)
            .evolve(op, init, c.steps(), new int[] {c.steps()}, true, 1);
        if (!r.last().law().finite()) throw new IllegalStateException("the transfer operator's law is not finite at t=" + c.steps());
        return new Law(r.last().density(), r.last().law().lostMass());
    }

    /** Relative tolerance of the ensemble's Hill estimate against α(p): see {@link Tolerances#hill}. */
    public double tolerance(double z, int k) {
        return Tolerances.hill(z, relativeSd, k, discretisation() + truncation);
    }

    /** The row's notes: where the reference comes from, each part of the tolerance, and the bias beside. */
    public String notes(double z, int k) {
        return String.format(Locale.ROOT,
            "reference: Hill functional α(p) of the exact law at t, p=k/n=%.2e (threshold u=%.4g), %s; "
                + "%.0f×%.3f/√k sampling (Hill's influence function on that law; 1/√k for a pure power tail) + grid "
                + "%.2f %% (Δx vs 2Δx: α(p)=%.4g vs %.4g) + lost mass %.1e %%; "
                + "pre-asymptotic bias α(p) vs Kesten α=%.4g: %+.1f %% (reported, not judged)",
            tailFraction, threshold, source, z, relativeSd, 100 * discretisation(), alpha, coarseAlpha,
            100 * truncation, kestenAlpha, 100 * preAsymptoticBias());
    }
}
