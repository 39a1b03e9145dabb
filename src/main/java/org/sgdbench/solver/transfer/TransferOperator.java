package org.sgdbench.solver.transfer;

import java.util.Arrays;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.problem.Grid;

/**
 * A built transfer operator: the CSR matrix A (rows = target cells, columns = source cells) with
 * A_ij = Σ_k w_k·(share of the cloud of φ_k(x_j) that falls in cell i), the grid, and per source column the
 * weight that left the grid, so that Σ_i A_ij + leak_j = 1 (up to rounding) for every column j.
 *
 * @param meanMap the mean one-step map E_k φ_k as an affine map, used for lag-1 statistics: 1D {α, β} with
 *                E[x' | x] = αx + β; 2D {M₁₁, M₁₂, M₂₁, M₂₂, b₁, b₂} with E[θ' | θ] = Mθ + b. CIC deposits
 *                reproduce linear functions exactly, so Σ_i A_ij x_i equals this map wherever leak_j = 0.
 */
public record TransferOperator(CsrMatrix matrix, Grid grid, double[] leak, int atoms, double[] meanMap) {
    public TransferOperator {
        if (matrix.rows() != grid.cells() || matrix.cols() != grid.cells())
            throw new IllegalArgumentException("matrix " + matrix.rows() + "x" + matrix.cols() + " does not match a grid of " + grid.cells() + " cells");
        if (leak.length != grid.cells()) throw new IllegalArgumentException("leak has " + leak.length + " entries, grid " + grid.cells());
        if (meanMap.length != (grid.dimension() == 1 ? 2 : 6)) throw new IllegalArgumentException("meanMap length " + meanMap.length);
        leak = leak.clone();
        meanMap = meanMap.clone();
    }

    public int cells() { return grid.cells(); }

    @Override
    public double[] leak() { return leak.clone(); }

    @Override
    public double[] meanMap() { return meanMap.clone(); }

    /** Largest weight any column sends off the grid in one step. */
    public double maxLeak() {
        double m = 0;
        for (double v : leak) m = Math.max(m, v);
        return m;
    }

    /** Mass the density {@code p} loses off the grid in one step: Σ_j p_j leak_j. */
    public double leakOf(double[] p) {
        double s = 0;
        for (int j = 0; j < leak.length; j++) s += p[j] * leak[j];
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferOperator t && matrix == t.matrix && grid.equals(t.grid) && atoms == t.atoms
            && Arrays.equals(leak, t.leak) && Arrays.equals(meanMap, t.meanMap);
    }

    @Override
    public int hashCode() { return grid.hashCode() * 31 + matrix.nnz() + atoms; }

    @Override
    public String toString() {
        return "TransferOperator[" + grid + ", nnz=" + matrix.nnz() + ", atoms=" + atoms + ", maxLeak=" + maxLeak() + "]";
    }
}
