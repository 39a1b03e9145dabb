package org.sgdbench.problem;

/** The tensor product of two 1D grids; cell (ix, iy) has index iy·x.cells + ix (x fastest). */
public record Grid2D(Grid1D x, Grid1D y) implements Grid {
    public Grid2D {
        Check.notNull("x", x);
        Check.notNull("y", y);
        long total = (long) x.cells() * y.cells();
        if (total > MAX_CELLS)
            throw new InvalidSpecException("cells", x.cells() + " x " + y.cells() + " = " + total, "[4, " + MAX_CELLS + "] in total");
    }

    @Override
    public int cells() { return x.cells() * y.cells(); }

    public int index(int ix, int iy) { return iy * x.cells() + ix; }

    @Override
    public int dimension() { return 2; }

    @Override
    public double coordinate(int cell, int axis) {
        int nx = x.cells();
        return switch (axis) {
            case 0 -> x.centre(cell % nx);
            case 1 -> y.centre(cell / nx);
            default -> throw new IndexOutOfBoundsException("axis " + axis + " of a 2D grid");
        };
    }
}
