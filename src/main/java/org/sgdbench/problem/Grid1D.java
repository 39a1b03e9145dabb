package org.sgdbench.problem;

/**
 * A uniform 1D grid of {@code cells} cells covering [lo, hi]; cell i spans [lo + iΔx, lo + (i+1)Δx] and its mass
 * sits at the centre lo + (i + ½)Δx.
 */
public record Grid1D(double lo, double hi, int cells) implements Grid {
    public Grid1D {
        Check.inRange("cells", cells, 2, MAX_CELLS);
        Check.finite("lo", lo);
        Check.finite("hi", hi);
        if (!(lo < hi)) throw new InvalidSpecException("hi", hi, "(lo = " + lo + ", +inf)");
        double width = hi - lo;
        if (!Double.isFinite(width)) throw new InvalidSpecException("hi - lo", width, "a finite width");
        // Centres must stay distinct in double: the cell width may not drown in the coordinates' rounding.
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(width / cells > 1e-12 * scale))
            throw new InvalidSpecException("cells", cells, "[2, " + (long) Math.min(MAX_CELLS, width / (1e-12 * scale))
                + "] for [lo, hi] = [" + lo + ", " + hi + "] (cell width above 1e-12 of |coordinates|)");
    }

    /** The grid of {@code cells} cells centred on {@code centre} with half-width {@code halfWidth}. */
    public static Grid1D centred(double centre, double halfWidth, int cells) {
        Check.positive("halfWidth", halfWidth);
        return new Grid1D(centre - halfWidth, centre + halfWidth, cells);
    }

    public double dx() { return (hi - lo) / cells; }

    public double centre(int i) { return lo + (i + 0.5) * dx(); }

    /** Left edge of cell i (i = cells gives hi). */
    public double edge(int i) { return i == cells ? hi : lo + i * dx(); }

    public double[] centres() {
        double[] c = new double[cells];
        double dx = dx();
        for (int i = 0; i < cells; i++) c[i] = lo + (i + 0.5) * dx;
        return c;
    }

    @Override
    public int dimension() { return 1; }

    @Override
    public double coordinate(int cell, int axis) {
        if (axis != 0) throw new IndexOutOfBoundsException("axis " + axis + " of a 1D grid");
        return centre(cell);
    }
}
