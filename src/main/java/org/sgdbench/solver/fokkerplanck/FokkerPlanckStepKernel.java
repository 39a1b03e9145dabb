package org.sgdbench.solver.fokkerplanck;

import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;

/**
 * One implicit time step of the 1D finite-volume Fokker–Planck equation ∂τP = ∂x[a(x)P] + ∂x²[D(x)P] with
 * zero-flux walls, on preallocated flat arrays: the benchmarkable kernel of the Fokker–Planck baselines.
 *
 * <p><b>Space: Scharfetter–Gummel exponential fitting</b> (for a constant-coefficient face this is the same flux
 * as Chang–Cooper with its δ weight). Writing ∂x(DP) = D∂xP + D'P, the flux G = bP + D∂xP with effective
 * drift b = a + D' is taken at every interior face f (between cells f−1 and f) as
 * G_f = α_f P_f − β_f P_{f−1}, α = (D/Δx)·B(−w), β = (D/Δx)·B(w), w = bΔx/D, B(w) = w/(e^w − 1), with D and b
 * evaluated at the face. Why this scheme: α, β ≥ 0 for every Péclet number w, so with an implicit step the
 * system matrix is an M-matrix (positivity) with unit column sums (mass conservation, the walls carry
 * G = 0); it turns into upwinding where drift dominates and into central differences where diffusion does,
 * with no cell-Péclet restriction; and its face flux vanishes exactly on the local equilibrium
 * P_f/P_{f−1} = e^{−w}, so the discrete stationary law is known in closed form (see {@link #stationaryDensity}):
 * the midpoint-rule quadrature of P ∝ exp(−∫(a + D')/D) = exp(−∫a/D)/D. For OU (a linear, D constant) that
 * quadrature is exact, so the discrete equilibrium is the Gaussian sampled at the cell centres.
 *
 * <p><b>Density values</b> are read as values at the cell centres (mass = ΣP_iΔx, moments by the midpoint
 * rule): for the Gaussian equilibrium this gives spectrally accurate moments, whereas adding the in-cell
 * variance Δx²/12 of a piecewise-constant reading would be an O(Δx²) bias.
 *
 * <p><b>Time:</b> backward Euler or Crank–Nicolson (see {@link TimeScheme}); the face coefficients are
 * time-independent and precomputed with Δτ folded in, and {@link #step()} fuses the row assembly (diagonal
 * 1 + outflow, off-diagonals −inflow, and for Crank–Nicolson the explicit right-hand side) into the forward
 * sweep of the Thomas algorithm. No pivoting is needed: the matrix is strictly column diagonally dominant.
 * {@link #step()} allocates nothing.
 */
public final class FokkerPlanckStepKernel {
    private final FvGrid grid;
    private final TimeScheme scheme;
    private final int n;
    private final double dtau;
    /** Δτ-scaled face inflow from the right cell: A_f = c·α_f, c = Δτ/Δx (BE) or Δτ/(2Δx) (CN); A_0 = A_n = 0. */
    private final double[] up;
    /** Δτ-scaled face inflow from the left cell: B_f = c·β_f; B_0 = B_n = 0. */
    private final double[] down;
    /** Density at the cell centres, padded: p[0] = p[n+1] = 0, cell i lives at p[i+1]. */
    private final double[] p;
    /** Thomas forward-sweep factors: e_i = −(normalised super-diagonal), dp_i = normalised right-hand side. */
    private final double[] e;
    private final double[] dp;

    public FokkerPlanckStepKernel(FvGrid grid, LinearFokkerPlanckModel model, double dtau, TimeScheme scheme) {
        this.grid = Check.notNull("grid", grid);
        Check.notNull("model", model);
        this.scheme = Check.notNull("scheme", scheme);
        this.dtau = Check.positive("dtau", dtau);
        this.n = grid.cells();
        this.up = new double[n + 1];
        this.down = new double[n + 1];
        this.p = new double[n + 2];
        this.e = new double[n];
        this.dp = new double[n];
        double dx = grid.dx();
        double scale = (scheme == TimeScheme.CRANK_NICOLSON ? 0.5 : 1.0) * dtau / dx;
        for (int f = 1; f < n; f++) {
            up[f] = scale * faceInflowFromRight(grid, model, f);
            down[f] = scale * faceInflowFromLeft(grid, model, f);
        }
        if (scheme == TimeScheme.CRANK_NICOLSON) {
            double maxRate = maxOutflowRate(grid, model);
            if (dtau * maxRate > 2)
                throw new InvalidSpecException("dtau", dtau, "(0, " + 2 / maxRate + "] for a positive Crank-Nicolson step on this grid");
        }
    }

    // ---- face coefficients (shared with the solver's stationary law) ----

    /** B(w) = w/(e^w − 1), the Bernoulli function, accurate near 0 and for large |w|. */
    static double bernoulli(double w) {
        if (Math.abs(w) < 1e-6) return 1 - w * (0.5 - w / 12);
        return w / Math.expm1(w);
    }

    /** Péclet number w_f = b_f Δx / D_f of interior face f; ±Inf where D_f = 0. */
    static double peclet(FvGrid grid, LinearFokkerPlanckModel model, int f) {
        double x = grid.face(f);
        double b = model.drift(x) + model.diffusionSlope(x);
        double d = model.diffusion(x);
        if (d == 0) return b == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, b);
        return b * grid.dx() / d;
    }

    /** α_f: rate (per unit τ, times Δx) at which the flux at face f draws on the cell to its right. */
    static double faceInflowFromRight(FvGrid grid, LinearFokkerPlanckModel model, int f) {
        double x = grid.face(f);
        double d = model.diffusion(x);
        double b = model.drift(x) + model.diffusionSlope(x);
        if (d == 0) return Math.max(b, 0); // pure upwinding
        return d / grid.dx() * bernoulli(-b * grid.dx() / d);
    }

    /** β_f: rate at which the flux at face f draws on the cell to its left. */
    static double faceInflowFromLeft(FvGrid grid, LinearFokkerPlanckModel model, int f) {
        double x = grid.face(f);
        double d = model.diffusion(x);
        double b = model.drift(x) + model.diffusionSlope(x);
        if (d == 0) return Math.max(-b, 0);
        return d / grid.dx() * bernoulli(b * grid.dx() / d);
    }

    /** max over cells of the rate at which a cell loses mass, (α_i + β_{i+1})/Δx per unit τ. */
    static double maxOutflowRate(FvGrid grid, LinearFokkerPlanckModel model) {
        int n = grid.cells();
        double max = 0;
        for (int i = 0; i < n; i++) {
            double out = (i > 0 ? faceInflowFromRight(grid, model, i) : 0)
                + (i + 1 < n ? faceInflowFromLeft(grid, model, i + 1) : 0);
            max = Math.max(max, out / grid.dx());
        }
        return max;
    }

    /**
     * The discrete stationary law, directly: zero flux at every face means P_f/P_{f−1} = β_f/α_f = e^{−w_f},
     * so log P is the running sum of −w_f (shifted by its maximum before exponentiating, so nothing overflows)
     * and is then normalised to ΣP_iΔx = 1. It is exactly the null vector of the discrete operator and so the
     * fixed point of both time schemes. Requires D > 0 at every interior face.
     */
    public static double[] stationaryDensity(FvGrid grid, LinearFokkerPlanckModel model) {
        int n = grid.cells();
        double[] logP = new double[n];
        double max = 0;
        for (int i = 1; i < n; i++) {
            double w = peclet(grid, model, i);
            if (!Double.isFinite(w))
                throw new InvalidSpecException("model.d0", model.d0(), "(0, +inf): the stationary law needs D > 0 at every face");
            logP[i] = logP[i - 1] - w;
            max = Math.max(max, logP[i]);
        }
        double mass = 0;
        for (int i = 0; i < n; i++) {
            logP[i] = Math.exp(logP[i] - max);
            mass += logP[i];
        }
        double norm = 1 / (mass * grid.dx());
        for (int i = 0; i < n; i++) logP[i] *= norm;
        return logP;
    }

    // ---- the step ----

    /** Advance the density by one time step Δτ. */
    public void step() {
        final double[] up = this.up, down = this.down, p = this.p, e = this.e, dp = this.dp;
        final int n = this.n;
        double ePrev = 0, dPrev = 0;
        if (scheme == TimeScheme.CRANK_NICOLSON) {
            for (int i = 0; i < n; i++) {
                double aLeft = up[i], aRight = up[i + 1], bLeft = down[i], out = aLeft + down[i + 1];
                // (I + ½ΔτL)P: keep (1 − outflow) of the cell, receive from both neighbours.
                double rhs = p[i + 1] * (1 - out) + aRight * p[i + 2] + bLeft * p[i];
                double inv = 1 / (1 + out - bLeft * ePrev);
                ePrev = aRight * inv;
                dPrev = (rhs + bLeft * dPrev) * inv;
                e[i] = ePrev;
                dp[i] = dPrev;
            }
        } else {
            for (int i = 0; i < n; i++) {
                double aRight = up[i + 1], bLeft = down[i], out = up[i] + down[i + 1];
                double inv = 1 / (1 + out - bLeft * ePrev);
                ePrev = aRight * inv;
                dPrev = (p[i + 1] + bLeft * dPrev) * inv;
                e[i] = ePrev;
                dp[i] = dPrev;
            }
        }
        double x = 0;
        for (int i = n - 1; i >= 0; i--) {
            x = dp[i] + e[i] * x;
            p[i + 1] = x;
        }
    }

    /**
     * Floating-point operations of one {@link #step()}: per cell, forward sweep 9 (outflow 1, pivot 3, reciprocal 1,
     * super factor 1, right-hand side 3), backward 2, and for Crank–Nicolson 6 more for the explicit half.
     */
    public long flopsPerStep() { return (scheme == TimeScheme.CRANK_NICOLSON ? 17L : 11L) * n; }

    /**
     * Compulsory memory traffic of one {@link #step()} in bytes, each array streamed once per sweep, neighbours
     * reused from registers, write-allocate not counted: forward reads the two face arrays (n+1 each) and the
     * density (n, or n+2 for Crank–Nicolson), writes two factor arrays; backward reads them and writes the density.
     */
    public long bytesPerStep() {
        long densityReads = scheme == TimeScheme.CRANK_NICOLSON ? n + 2L : n;
        return Double.BYTES * (2L * (n + 1) + densityReads + 2L * n + 2L * n + n);
    }

    // ---- state ----

    public FvGrid grid() { return grid; }

    public TimeScheme scheme() { return scheme; }

    public double dtau() { return dtau; }

    public int cells() { return n; }

    /** Replace the density (values at the cell centres; may be signed, the step is linear). */
    public void load(double[] density) {
        if (density.length != n) throw new InvalidSpecException("density.length", density.length, "exactly " + n);
        System.arraycopy(density, 0, p, 1, n);
    }

    /** Copy the density into {@code out} (length ≥ cells). */
    public void copyDensityTo(double[] out) { System.arraycopy(p, 1, out, 0, n); }

    public double density(int cell) { return p[Check.inRange("cell", cell, 0, n - 1) + 1]; }

    /** ΣP_iΔx. */
    public double mass() {
        double s = 0;
        for (int i = 1; i <= n; i++) s += p[i];
        return s * grid.dx();
    }
}
