package org.sgdbench.solver.fokkerplanck;

import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;

/**
 * A uniform 1D finite-volume grid on [lo, hi] with {@code cells} cells of width Δx = (hi − lo)/cells. Cell i has
 * its centre at lo + (i + ½)Δx; face f (0 ≤ f ≤ cells) sits at lo + fΔx, faces 0 and {@code cells} are the
 * zero-flux walls. Kept private to the Fokker–Planck package until the shared problem grid is unified.
 */
public record FvGrid(double lo, double hi, int cells) {
    /** Largest grid: the solver keeps a handful of arrays of this length. */
    public static final int MAX_CELLS = 1 << 26;

    public FvGrid {
        Check.finite("grid.lo", lo);
        Check.finite("grid.hi", hi);
        if (!(hi > lo)) throw new InvalidSpecException("grid.hi", hi, "(grid.lo = " + lo + ", +inf)");
        Check.inRange("grid.cells", cells, 3, MAX_CELLS);
        double width = (hi - lo) / cells;
        if (!(width > 0) || !Double.isFinite(width))
            throw new InvalidSpecException("grid.hi", hi, "a finite hi − lo whose cells have a representable width");
    }

    /** A grid symmetric about 0 on [−halfWidth, halfWidth]. */
    public static FvGrid symmetric(double halfWidth, int cells) {
        Check.positive("grid.halfWidth", halfWidth);
        return new FvGrid(-halfWidth, halfWidth, cells);
    }

    public double dx() { return (hi - lo) / cells; }

    public double center(int i) { return lo + (i + 0.5) * dx(); }

    public double face(int f) { return lo + f * dx(); }

    /** Whether x lies strictly inside the domain. */
    public boolean contains(double x) { return x > lo && x < hi; }
}
