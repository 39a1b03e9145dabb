package org.sgdbench.problem;

/**
 * A uniform cell-centred grid on which a density lives: one probability per cell, located at the cell centre.
 * Cells are numbered from 0; in 2D the x index runs fastest.
 */
public sealed interface Grid permits Grid1D, Grid2D {
    /** Largest cell count of any grid: CSR indices are ints and a density must fit comfortably in memory. */
    int MAX_CELLS = 1 << 26;

    int cells();

    int dimension();

    /** Centre of cell {@code cell} along {@code axis} (0 = x, 1 = y). */
    double coordinate(int cell, int axis);
}
