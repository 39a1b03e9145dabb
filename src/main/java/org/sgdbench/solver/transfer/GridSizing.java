package org.sgdbench.solver.transfer;

import org.sgdbench.problem.Check;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Grid;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.NoiseQuadrature2D;

/**
 * Chooses a grid for a mode (or a 2D model) from its exact moments:
 * <ul>
 * <li>cell width Δx = ησ_g / {@code cellsPerJump}: the one-step jump is resolved by that many cells (the CIC
 *     variance bias is ≈ Δx²/6 per step, so this bounds it relative to the per-step injected variance η²σ_g²:
 *     bias/injection ≈ 1/(6k²));</li>
 * <li>extent: the union over t = 0 … steps of [μ_t − c·s_t, μ_t + c·s_t], c = {@code halfWidthSds}, from the exact
 *     recursion μ' = (1−ηλ)μ, v' = a·v + η²σ_h²μ² + η²σ_g², a = (1−ηλ)² + η²σ_h² (iterated until the horizon or
 *     until both stop changing). For heavy-tailed laws c standard deviations do not hold the tail: the solver
 *     then reports the lost mass.</li>
 * <li>cells between {@code minCells} (finer Δx if the law is narrow) and {@code maxCells}; when the extent needs
 *     more, the grid keeps Δx (resolution first, per DESIGN) and is cut to maxCells around the path's centre,
 *     and the mass that leaves is reported by the solver. A law that does not stay finite (unstable mode)
 *     gets the maxCells window around the initial mean.</li>
 * </ul>
 * Without gradient noise (σ_g = 0) the jump is not a scale; the grid then spans the extent with minCells cells.
 */
public record GridSizing(int cellsPerJump, double halfWidthSds, int minCells, int maxCells) {
    public GridSizing {
        Check.inRange("cellsPerJump", cellsPerJump, 1, 1 << 20);
        Check.inRange("halfWidthSds", halfWidthSds, 1, 1e6);
        Check.inRange("minCells", minCells, 2, Grid.MAX_CELLS);
        Check.inRange("maxCells", maxCells, minCells, Grid.MAX_CELLS);
    }

    /** 4 cells per jump, ±10 sd, 64 … 2²² cells. */
    public static GridSizing defaults() { return new GridSizing(4, 10, 64, 1 << 22); }

    public GridSizing withCellsPerJump(int k) { return new GridSizing(k, halfWidthSds, minCells, maxCells); }

    public GridSizing withHalfWidthSds(double c) { return new GridSizing(cellsPerJump, c, minCells, maxCells); }

    public GridSizing withMaxCells(int m) { return new GridSizing(cellsPerJump, halfWidthSds, Math.min(minCells, m), m); }

    /** A grid for {@code mode} over {@code steps} steps (Integer.MAX_VALUE: until the moments settle, i.e. the stationary law). */
    public Grid1D forMode(Mode mode, NoiseLaw law, double eta, int steps, double initMean, double initSpread) {
        Check.notNull("law", law);
        return forMode(mode, NoiseLaws.both(law), eta, steps, initMean, initSpread);
    }

    /** As {@link #forMode(Mode, NoiseLaw, double, int, double, double)}; only the σ's of the laws' effective mode matter. */
    public Grid1D forMode(Mode mode, NoiseLaws laws, double eta, int steps, double initMean, double initSpread) {
        Check.notNull("laws", laws);
        mode = laws.effective(mode);
        org.sgdbench.problem.Limits.eta(eta);
        Check.atLeast("steps", steps, 1);
        Check.finite("initMean", initMean);
        Check.nonNegative("initSpread", initSpread);
        double r = 1 - eta * mode.lambda();
        double eh2 = eta * eta * mode.sigmaH() * mode.sigmaH(), eg2 = eta * eta * mode.sigmaG() * mode.sigmaG();
        double a = r * r + eh2;
        double mu = initMean, v = initSpread * initSpread;
        double c = halfWidthSds;
        double lo = mu - c * initSpread, hi = mu + c * initSpread;
        for (int t = 1; t <= steps; t++) {
            double mu2 = r * mu, v2 = a * v + eh2 * mu * mu + eg2;
            if (!Double.isFinite(v2) || !Double.isFinite(mu2)) { lo = hi = Double.NaN; break; }
            double s = Math.sqrt(v2);
            lo = Math.min(lo, mu2 - c * s);
            hi = Math.max(hi, mu2 + c * s);
            boolean settled = Math.abs(v2 - v) <= 1e-13 * v2 && Math.abs(mu2 - mu) <= 1e-13 * Math.max(Math.abs(mu2), s);
            mu = mu2;
            v = v2;
            if (settled) break;
        }
        return layout(lo, hi, eta * mode.sigmaG(), initMean);
    }

    /** Fit window of a power tail: two decades of survival, starting no shallower than 10⁻³ ... */
    public static final double TAIL_SURVIVAL_TOP = 1e-3, TAIL_WINDOW_DECADES = 2;
    /** ... and no nearer than this many bulk widths (the tail's second-order terms fade like r^{−β}). */
    public static final double TAIL_WINDOW_START_SCALES = 20;
    /** Survival at the grid's edge relative to the window's bottom: the edge bends the last fitted points by ≤ 0.5 %. */
    public static final double TAIL_EDGE_MARGIN = 1e-3;
    /** Cells per radius of the window's start: the fitted region starts well resolved. */
    public static final int TAIL_CELLS_PER_WINDOW_START = 50;

    /**
     * A grid around 0 for fitting a power tail S(r) ≈ (r/scale)^{−α} and the survival window of the fit.
     *
     * @param grid          symmetric around 0
     * @param survivalLow   the window's bottom
     * @param survivalHigh  the window's top
     * @param capped        whether Δx had to be coarsened to stay within the cell limit
     */
    public record TailGrid(Grid1D grid, double survivalLow, double survivalHigh, boolean capped) {}

    /**
     * A grid for the tail of index α of a law whose bulk has width {@code scale} (e.g. the OU standard deviation):
     * <ul>
     * <li>window S ∈ [S_hi/100, S_hi], S_hi = min(10⁻³, 20^{−α}): two decades, starting at r ≈ 20 scales or deeper,
     *     where the pre-asymptotic terms of S(r) = C r^{−α}(1 + O(r^{−β})) have faded (measured: local slope within
     *     0.4 % of α from there on at α = 1.9, 3.2, 6.2, 6.8);</li>
     * <li>half-width R = 2·scale·(S_lo·10⁻³)^{−1/α}: the mass at the edge is about 10⁻³ of the window's bottom
     *     (factor 2 for the unknown constant C), so the edge bends the fit by ≤ 0.5 %;</li>
     * <li>Δx = r(S_hi)/50 with r(S) = scale·S^{−1/α}, the start of the window resolved by 50 cells.</li>
     * </ul>
     * The cell count 2R/Δx = 200·(10⁵)^{1/α} grows fast as α falls (78 000 at α = 1.93, 2·10⁷ at α = 1): beyond
     * {@code maxCells} the grid keeps its half-width, coarsens Δx, and says so.
     */
    public static TailGrid forPowerTail(double alpha, double scale, int maxCells) {
        Check.positive("alpha", alpha);
        Check.positive("scale", scale);
        Check.inRange("maxCells", maxCells, 3, Grid.MAX_CELLS);
        double high = Math.min(TAIL_SURVIVAL_TOP, Math.pow(TAIL_WINDOW_START_SCALES, -alpha));
        double low = high * Math.pow(10, -TAIL_WINDOW_DECADES);
        double half = 2 * scale * Math.pow(low * TAIL_EDGE_MARGIN, -1 / alpha);
        double dx = scale * Math.pow(high, -1 / alpha) / TAIL_CELLS_PER_WINDOW_START;
        long cells = (long) Math.ceil(2 * half / dx) | 1;
        boolean capped = cells > maxCells;
        return new TailGrid(Grid1D.centred(0, half, (int) Math.min(cells, maxCells | 1)), low, high, capped);
    }

    /** A grid for a coupled 2D model over its {@code steps()}, per axis as in 1D, moments from the exact second-moment recursion. */
    public Grid2D forModel(CoupledQuadratic2D model) {
        Check.notNull("model", model);
        // Two Gauss–Hermite nodes (or the Rademacher atoms) integrate second moments exactly.
        NoiseQuadrature2D q = NoiseQuadrature2D.of(model, 2);
        double eta = model.eta();
        double[] h = model.meanHessian(), m = model.initMean(), cov = model.noiseCovariance();
        double s0 = model.initSpread();
        // Raw second moment S = E[θθᵀ] (symmetric: s11, s12, s22).
        double s11 = s0 * s0 + m[0] * m[0], s12 = m[0] * m[1], s22 = s0 * s0 + m[1] * m[1];
        double c = halfWidthSds;
        double lox = m[0] - c * s0, hix = m[0] + c * s0, loy = m[1] - c * s0, hiy = m[1] + c * s0;
        boolean finite = true;
        for (int t = 1; t <= model.steps(); t++) {
            double n1 = 0, n2 = 0, t11 = 0, t12 = 0, t22 = 0;
            for (int k = 0; k < q.atoms(); k++) {
                double w = q.w(k);
                double a11 = 1 - eta * (h[0] + q.xi(k, 0)), a22 = 1 - eta * (h[2] + q.xi(k, 1)), a12 = -eta * (h[1] + q.xi(k, 2));
                double b1 = -eta * q.xi(k, 3), b2 = -eta * q.xi(k, 4);
                double am1 = a11 * m[0] + a12 * m[1], am2 = a12 * m[0] + a22 * m[1];
                n1 += w * (am1 + b1);
                n2 += w * (am2 + b2);
                // A S Aᵀ + A m bᵀ + b mᵀ Aᵀ + b bᵀ
                double as11 = a11 * s11 + a12 * s12, as12 = a11 * s12 + a12 * s22;
                double as21 = a12 * s11 + a22 * s12, as22 = a12 * s12 + a22 * s22;
                t11 += w * (as11 * a11 + as12 * a12 + 2 * am1 * b1 + b1 * b1);
                t12 += w * (as11 * a12 + as12 * a22 + am1 * b2 + b1 * am2 + b1 * b2);
                t22 += w * (as21 * a12 + as22 * a22 + 2 * am2 * b2 + b2 * b2);
            }
            if (!(Double.isFinite(t11) && Double.isFinite(t22) && Double.isFinite(t12))) { finite = false; break; }
            double sx = Math.sqrt(Math.max(0, t11 - n1 * n1)), sy = Math.sqrt(Math.max(0, t22 - n2 * n2));
            lox = Math.min(lox, n1 - c * sx);
            hix = Math.max(hix, n1 + c * sx);
            loy = Math.min(loy, n2 - c * sy);
            hiy = Math.max(hiy, n2 + c * sy);
            boolean settled = Math.abs(t11 - s11) <= 1e-13 * t11 && Math.abs(t22 - s22) <= 1e-13 * t22
                && Math.abs(n1 - m[0]) <= 1e-13 * Math.max(sx, Math.abs(n1)) && Math.abs(n2 - m[1]) <= 1e-13 * Math.max(sy, Math.abs(n2));
            m[0] = n1;
            m[1] = n2;
            s11 = t11;
            s12 = t12;
            s22 = t22;
            if (settled) break;
        }
        if (!finite) lox = hix = loy = hiy = Double.NaN;
        GridSizing perAxis = new GridSizing(cellsPerJump, halfWidthSds, Math.min(minCells, (int) Math.sqrt(maxCells)),
            Math.max(2, (int) Math.sqrt(maxCells)));
        double[] init = model.initMean();
        return new Grid2D(perAxis.layout(lox, hix, eta * Math.sqrt(cov[3 * 5 + 3]), init[0]),
            perAxis.layout(loy, hiy, eta * Math.sqrt(cov[4 * 5 + 4]), init[1]));
    }

    /** Lays out [lo, hi] with Δx = jump / cellsPerJump, within [minCells, maxCells] (see the class comment). */
    Grid1D layout(double lo, double hi, double jump, double fallbackCentre) {
        double dx = jump / cellsPerJump;
        if (!(Double.isFinite(lo) && Double.isFinite(hi))) {
            double width = dx > 0 ? dx * maxCells : 2 * Math.max(1, Math.abs(fallbackCentre));
            return Grid1D.centred(fallbackCentre, width / 2, maxCells);
        }
        double width = hi - lo, centre = 0.5 * (lo + hi);
        if (width <= 0) width = 2 * Math.max(1, Math.abs(centre)) * 1e-3; // a point mass that never moves or spreads
        if (!(dx > 0)) return Grid1D.centred(centre, width / 2, minCells);
        long cells = (long) Math.ceil(width / dx);
        if (cells < minCells) return Grid1D.centred(centre, width / 2, minCells);
        if (cells > maxCells) return Grid1D.centred(centre, dx * maxCells / 2, maxCells);
        return Grid1D.centred(centre, dx * cells / 2, (int) cells);
    }
}
