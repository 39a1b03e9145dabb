package org.sgdbench.solver.transfer;

import java.util.Arrays;
import org.hipparchus.stat.regression.SimpleRegression;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.InvalidSpecException;

/**
 * Tail index of a 1D density from its survival function: S(r) = P(|X| ≥ r) for r at the cell centres
 * (|x| measured from 0, the critical point), and a least-squares fit (Hipparchus SimpleRegression) of
 * log S against log r over the points with S in [survivalLow, survivalHigh]. For a power tail S ~ c·r^{−α} the
 * slope is −α. The range should exclude the bulk (S near 1) and the last cells before the grid edge, where the
 * truncated grid bends the survival down; a Gaussian tail shows up as a fitted α that keeps growing as the
 * range moves out.
 */
public final class TailIndex {
    private TailIndex() {}

    /**
     * @param alpha         −slope
     * @param slopeStdErr   standard error of the slope
     * @param points        points in the fit
     * @param radiusFrom    smallest r fitted
     * @param radiusTo      largest r fitted
     * @param rSquared      R² of the fit
     */
    public record Fit(double alpha, double slopeStdErr, int points, double radiusFrom, double radiusTo, double rSquared) {}

    public static Fit fit(Grid1D grid, double[] density, double survivalLow, double survivalHigh) {
        Check.notNull("density", density);
        if (density.length != grid.cells()) throw new InvalidSpecException("density", density.length + " cells", grid.cells() + " cells");
        Check.inRange("survivalHigh", survivalHigh, Double.MIN_NORMAL, 1);
        Check.inRange("survivalLow", survivalLow, Double.MIN_NORMAL, survivalHigh);
        int n = density.length;
        double mass = Densities.mass(density);
        double[] radius = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            radius[i] = Math.abs(grid.centre(i));
            order[i] = i;
        }
        // Largest radius first; the survival at a radius is the cumulative mass from the outside in.
        Arrays.sort(order, (a, b) -> Double.compare(radius[b], radius[a]));
        SimpleRegression reg = new SimpleRegression();
        double s = 0, from = Double.NaN, to = Double.NaN;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            s += density[i];
            // Equal radii (mirror cells) are counted together: only emit after the last of a tie.
            if (k + 1 < n && radius[order[k + 1]] == radius[i]) continue;
            double surv = s / mass;
            if (radius[i] > 0 && surv >= survivalLow && surv <= survivalHigh) {
                reg.addData(Math.log(radius[i]), Math.log(surv));
                if (Double.isNaN(to)) to = radius[i];
                from = radius[i];
            }
        }
        if (reg.getN() < 3)
            throw new InvalidSpecException("survival range", "[" + survivalLow + ", " + survivalHigh + "] holds " + reg.getN() + " cells",
                "a range that holds at least 3 cells of the density");
        return new Fit(-reg.getSlope(), reg.getSlopeStdErr(), (int) reg.getN(), from, to, reg.getRSquare());
    }
    /**
     * The Hill functional of a law at tail fraction p, the population value that the Hill estimator from the k
     * largest of n values of |X| estimates when k = p·n: with u the (1 − p) quantile of |X|,
     * H(p) = (1/p)·E[log(|X|/u); |X| &gt; u] and α(p) = 1/H(p). For an exact power tail S(r) = (r/r₀)^{−α} beyond u,
     * α(p) = α at every p; otherwise α(p) − α is the estimator's pre-asymptotic bias at that fraction.
     *
     * @param alpha        α(p) = 1/H(p)
     * @param threshold    u
     * @param relativeSd   √k·sd(α̂)/α(p) of the Hill estimator from k = p·n values of this law, to first order
     *                     (its influence function, the random threshold included); exactly 1 for a power tail
     * @param tailFraction p
     */
    public record Hill(double alpha, double threshold, double relativeSd, double tailFraction) {}

    /**
     * {@link Hill} of a grid law. Each cell's mass is spread uniformly over the cell (the histogram reading of the
     * density), so S(r) = P(|X| &gt; r) is continuous and piecewise linear in r, with breaks at the cells' |edges|;
     * u solves S(u) = p on the piece that holds it, and E[log(|X|/u); |X| &gt; u] = ∫_u^∞ S(r)/r dr and
     * E[log²(|X|/u); |X| &gt; u] = ∫_u^∞ 2 log(r/u) S(r)/r dr are integrated exactly piece by piece. The law is
     * normalised by its mass on the grid.
     *
     * <p>Standard error, from the influence function of T(F) = (1/p)∫(L − q)₊ dF at L = log|X|, q = log u:
     * IF = (1/p)[1{L&gt;q}(L − q − c) − p(H − c)] with c = p/f_L(q) (the quantile's own fluctuation; f_L(q) = u·f(u)),
     * so n·Var(H_n) = (E[(L−q−c)²; L&gt;q] − p(H − c)²)/p² and √k·sd(α̂)/α = √(p·n·Var(H_n))/H.
     */
    public static Hill hill(Grid1D grid, double[] density, double tailFraction) {
        Check.notNull("density", density);
        if (density.length != grid.cells()) throw new InvalidSpecException("density", density.length + " cells", grid.cells() + " cells");
        Check.inRange("tailFraction", tailFraction, Double.MIN_NORMAL, 0.5);
        int n = density.length;
        double mass = Densities.mass(density);
        if (!(mass > 0) || !Double.isFinite(mass)) throw new InvalidSpecException("density", "mass " + mass, "a finite positive mass");
        // F at the edges (histogram reading: F is linear inside a cell), then S(r) = 1 − F(r) + F(−r) for r ≥ 0
        // (the upper tail summed from the top: no 1 − F cancellation deep in the tail)
        double[] cdf = new double[n + 1], upper = new double[n + 1];
        for (int i = 0; i < n; i++) cdf[i + 1] = cdf[i] + density[i] / mass;
        for (int i = n - 1; i >= 0; i--) upper[i] = upper[i + 1] + density[i] / mass;
        // S's breaks are the |edges|: the edges ≥ 0 ascending and the negated edges ≤ 0 (descending in i), merged
        double[] breaks = new double[n + 3];
        int m = 0, up = 0, down = n;
        while (up <= n && grid.edge(up) < 0) up++;
        while (down >= 0 && grid.edge(down) > 0) down--;
        breaks[m++] = 0;
        while (up <= n || down >= 0) {
            double a = up <= n ? grid.edge(up) : Double.POSITIVE_INFINITY, b = down >= 0 ? -grid.edge(down) : Double.POSITIVE_INFINITY;
            double r = Math.min(a, b);
            if (r == a) up++;
            if (r == b) down--;
            if (r > breaks[m - 1]) breaks[m++] = r;
        }
        double p = tailFraction;
        // the last break whose S is still ≥ p: u lies on the piece above it
        double[] surv = new double[m];
        for (int j = 0; j < m; j++) surv[j] = survival(grid, cdf, upper, breaks[j]);
        int j0 = -1;
        for (int j = 0; j < m - 1; j++) if (surv[j] >= p && surv[j + 1] < p) j0 = j;
        if (j0 < 0 || !(breaks[j0 + 1] > 0)) throw new InvalidSpecException("tailFraction", Double.toString(p),
            "a fraction whose threshold lies inside the grid, above 0 (the law's mass at |x| > 0 must exceed it)");
        double slope0 = (surv[j0 + 1] - surv[j0]) / (breaks[j0 + 1] - breaks[j0]);
        double u = breaks[j0] + (p - surv[j0]) / slope0, lu = Math.log(u);
        // ∫_u S(r)/r dr and ∫_u 2 log(r/u) S(r)/r dr, S = A + B·r on each piece
        double e1 = 0, e2 = 0;
        for (int j = j0; j < m - 1; j++) {
            double r0 = j == j0 ? u : breaks[j], r1 = breaks[j + 1];
            double s0 = j == j0 ? p : surv[j], s1 = surv[j + 1];
            double b = (s1 - s0) / (r1 - r0), a = s0 - b * r0;
            double l0 = Math.log(r0) - lu, l1 = Math.log(r1) - lu; // logs of r/u
            e1 += a * (l1 - l0) + b * (r1 - r0);
            // ∫ 2 log(r/u)(A/r + B) dr = A log²(r/u) + 2B(r log(r/u) − r)
            e2 += a * (l1 * l1 - l0 * l0) + 2 * b * ((r1 * l1 - r1) - (r0 * l0 - r0));
        }
        double h = e1 / p;
        double c = p / (u * -slope0); // p / f_L(q), f_L(q) = u·f_|X|(u)
        double nVar = (e2 - 2 * c * e1 + c * c * p - p * p * (h - c) * (h - c)) / (p * p);
        return new Hill(1 / h, u, Math.sqrt(Math.max(0, p * nVar)) / h, p);
    }

    /**
     * S(r) = P(X &gt; r) + P(X &lt; −r), each linear between the edges: {@code cdf} and {@code upper} hold
     * P(X &lt; e_i) and P(X ≥ e_i) at the edges.
     */
    private static double survival(Grid1D grid, double[] cdf, double[] upper, double r) {
        return atEdges(grid, upper, r) + atEdges(grid, cdf, -r);
    }

    /** Linear interpolation of values given at the grid's edges, constant beyond them. */
    private static double atEdges(Grid1D grid, double[] values, double x) {
        int n = values.length - 1;
        double v = (x - grid.lo()) / grid.dx();
        if (v <= 0) return values[0];
        if (v >= n) return values[n];
        int i = Math.min(n - 1, (int) Math.floor(v));
        double f = v - i;
        return values[i] + f * (values[i + 1] - values[i]);
    }
}
