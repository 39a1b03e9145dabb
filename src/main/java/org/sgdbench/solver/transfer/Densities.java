package org.sgdbench.solver.transfer;

import org.hipparchus.special.Erf;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Grid;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.InvalidSpecException;

/** Densities on grids: initial laws, distances, and the statistics reported at checkpoints. */
public final class Densities {
    private Densities() {}

    /** Total-variation distance ½ Σ|p − q| between two densities on the same grid. */
    public static double totalVariation(double[] p, double[] q) {
        if (p.length != q.length) throw new InvalidSpecException("density", q.length + " cells", p.length + " cells (the same grid)");
        double s = 0;
        for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
        return 0.5 * s;
    }

    public static double mass(double[] p) {
        double s = 0;
        for (double v : p) s += v;
        return s;
    }

    /**
     * A Gaussian N(mean, spread²) discretised by cell-averaged CDF: p_i = P(X ∈ cell i). The mass outside the grid
     * is not on the grid (the solver reports it as lost). Spread 0 is a point mass, split over the two nearest
     * centres with the same cloud-in-cell weights as the operator (its part outside the grid is lost).
     */
    public static double[] gaussian(Grid1D grid, double mean, double spread) {
        Check.finite("initMean", mean);
        Check.nonNegative("initSpread", spread);
        int n = grid.cells();
        double[] p = new double[n];
        if (spread == 0) {
            double u = (mean - grid.lo()) / grid.dx() - 0.5;
            if (!(u > -1 && u < n)) return p;
            int i0 = (int) Math.floor(u);
            double f = u - i0;
            if (i0 >= 0) p[i0] = 1 - f;
            if (i0 + 1 < n) p[i0 + 1] = f;
            return p;
        }
        double scale = 1 / (spread * Math.sqrt(2));
        for (int i = 0; i < n; i++) {
            double a = (grid.edge(i) - mean) * scale, b = (grid.edge(i + 1) - mean) * scale;
            // Difference of upper tails on the right of the mean, of lower tails on the left: no cancellation of 1 − 1.
            p[i] = a + b >= 0 ? 0.5 * (Erf.erfc(a) - Erf.erfc(b)) : 0.5 * (Erf.erfc(-b) - Erf.erfc(-a));
        }
        return p;
    }

    /** Product of two 1D Gaussians N(mean[a], spread²) on a 2D grid (point mass when spread = 0). */
    public static double[] gaussian(Grid2D grid, double[] mean, double spread) {
        Check.notNull("initMean", mean);
        if (mean.length != 2) throw new InvalidSpecException("initMean", mean.length + " numbers", "2 numbers");
        double[] px = gaussian(grid.x(), mean[0], spread), py = gaussian(grid.y(), mean[1], spread);
        int nx = px.length;
        double[] p = new double[grid.cells()];
        for (int iy = 0; iy < py.length; iy++)
            for (int ix = 0; ix < nx; ix++) p[iy * nx + ix] = px[ix] * py[iy];
        return p;
    }

    /** Marginal of a 2D density on axis 0 (x) or 1 (y). */
    public static double[] marginal(Grid2D grid, double[] p, int axis) {
        int nx = grid.x().cells(), ny = grid.y().cells();
        double[] m = new double[axis == 0 ? nx : ny];
        for (int iy = 0; iy < ny; iy++)
            for (int ix = 0; ix < nx; ix++) m[axis == 0 ? ix : iy] += p[iy * nx + ix];
        return m;
    }

    /**
     * Statistics of {@code p}; with {@code pre} (the density one step earlier, or null) also the lag-1
     * autocovariance through the mean map (see {@link LawSummary}). {@code leakedLastStep} is passed through.
     */
    public static LawSummary summarise(Grid grid, double[] p, double[] pre, double[] meanMap, double leakedLastStep) {
        int d = grid.dimension();
        double mass = mass(p);
        double[] mean = new double[d], cov = new double[d * d], lag = new double[d * d], preVar = new double[d];
        firstTwo(grid, p, mass, mean, cov);
        if (pre == null) {
            java.util.Arrays.fill(lag, Double.NaN);
            java.util.Arrays.fill(preVar, Double.NaN);
        } else {
            double preMass = mass(pre);
            double[] preMean = new double[d], preCov = new double[d * d];
            firstTwo(grid, pre, preMass, preMean, preCov);
            for (int a = 0; a < d; a++) preVar[a] = preCov[a * d + a];
            // E[θ_a m(θ)_b] − E[θ_a]·E[m(θ)_b] under pre: exact Cov(θ_{t−1,a}, θ_{t,b}) for the discretised law.
            double[] cross = new double[d * d], mapMean = new double[d];
            double[] theta = new double[d], image = new double[d];
            for (int j = 0; j < p.length; j++) {
                double pj = pre[j];
                if (pj == 0) continue;
                for (int a = 0; a < d; a++) theta[a] = grid.coordinate(j, a);
                if (d == 1) image[0] = meanMap[0] * theta[0] + meanMap[1];
                else {
                    image[0] = meanMap[0] * theta[0] + meanMap[1] * theta[1] + meanMap[4];
                    image[1] = meanMap[2] * theta[0] + meanMap[3] * theta[1] + meanMap[5];
                }
                for (int b = 0; b < d; b++) {
                    mapMean[b] += pj * image[b];
                    for (int a = 0; a < d; a++) cross[a * d + b] += pj * theta[a] * image[b];
                }
            }
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    lag[a * d + b] = cross[a * d + b] / preMass - preMean[a] * mapMean[b] / preMass;
        }
        return new LawSummary(mass, 1 - mass, leakedLastStep, mean, cov, lag, preVar);
    }

    /** Mean and covariance of p/mass, two passes (centred second moments, no cancellation). */
    private static void firstTwo(Grid grid, double[] p, double mass, double[] mean, double[] cov) {
        int d = mean.length;
        if (grid instanceof Grid1D g) {
            double dx = g.dx(), lo = g.lo(), s = 0;
            for (int j = 0; j < p.length; j++) s += p[j] * (lo + (j + 0.5) * dx);
            double m = s / mass, v = 0;
            for (int j = 0; j < p.length; j++) {
                double c = lo + (j + 0.5) * dx - m;
                v += p[j] * c * c;
            }
            mean[0] = m;
            cov[0] = v / mass;
            return;
        }
        Grid2D g = (Grid2D) grid;
        int nx = g.x().cells();
        double[] cx = g.x().centres(), cy = g.y().centres();
        double sx = 0, sy = 0;
        for (int j = 0; j < p.length; j++) {
            sx += p[j] * cx[j % nx];
            sy += p[j] * cy[j / nx];
        }
        mean[0] = sx / mass;
        mean[1] = sy / mass;
        double vxx = 0, vxy = 0, vyy = 0;
        for (int j = 0; j < p.length; j++) {
            double ex = cx[j % nx] - mean[0], ey = cy[j / nx] - mean[1];
            vxx += p[j] * ex * ex;
            vxy += p[j] * ex * ey;
            vyy += p[j] * ey * ey;
        }
        cov[0] = vxx / mass;
        cov[1] = cov[d] = vxy / mass;
        cov[3] = vyy / mass;
    }
}
