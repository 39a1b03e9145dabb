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
}
