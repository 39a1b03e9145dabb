package org.sgdbench.solver.transfer;

import java.util.Arrays;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.NoiseQuadrature;
import org.sgdbench.problem.NoiseQuadrature2D;

/**
 * Builds the Ulam / cloud-in-cell transfer operator of SGD on a grid: for every source cell j (mass at its centre
 * x_j) and every noise atom k, the image y = φ_k(x_j) is deposited as a cloud one cell wide: the weight w_k is
 * split over the (two in 1D, four in 2D) nearest cell centres in proportion to the overlap of the cloud with
 * each cell, i.e. linear (bilinear) interpolation weights. Consequences:
 * <ul>
 * <li>Positivity and mass: all entries are ≥ 0 and a column sums to 1 minus the part of its clouds that lies
 *     outside the grid. That part is not dropped silently: it is recorded per column in
 *     {@link TransferOperator#leak()} and the solver reports the mass lost.</li>
 * <li>Mean: linear weights reproduce linear functions, so a deposit keeps the mean of its image exactly.</li>
 * <li>Variance bias: a deposit at fractional position f between two centres adds f(1 − f)Δx² to the second
 *     moment (per axis in 2D); averaged over f uniform on [0, 1] that is Δx²/6 per step. So the discrete
 *     variance obeys v' = a·v + … + ≈Δx²/6, and at stationarity it exceeds v∞ by ≈ Δx²/(6(1 − a)) — a positive
 *     bias of order Δx², with a constant that depends on how the images' phases relative to the grid are
 *     distributed (exactly 0 when all images fall on centres, up to Δx²/4 when all fall mid-way). The tests
 *     measure the order and the constant.</li>
 * </ul>
 * Assembly: column by column, the deposits of all atoms are merged in a scratch row accumulator (so duplicate
 * (row, column) pairs become one entry), appended to a compressed-column buffer, and finally transposed by
 * counting into CSR (rows = target cells, gather form). Memory is O(nnz); no dense matrix is ever formed.
 * Within a row the column indices come out increasing.
 */
public final class TransferOperatorBuilder {
    private TransferOperatorBuilder() {}

    /** The 1D operator of one mode: Gauss–Hermite with {@code nodes} per axis for Gaussian noise, exact atoms for Rademacher. */
    public static TransferOperator build1D(Mode mode, NoiseLaw law, double eta, int nodes, Grid1D grid) {
        return build1D(NoiseQuadrature.of(mode, law, nodes), eta, grid);
    }

    /** The 1D operator of one mode with separate Hessian and gradient laws, quadrature per axis ({@link NoiseQuadrature#of(Mode, NoiseLaws, int)}). */
    public static TransferOperator build1D(Mode mode, NoiseLaws laws, double eta, int nodes, Grid1D grid) {
        return build1D(NoiseQuadrature.of(mode, laws, nodes), eta, grid);
    }

    /** The 1D operator for the maps x' = (1 − ηh_k)x − ηg_k with weights w_k. */
    public static TransferOperator build1D(NoiseQuadrature q, double eta, Grid1D grid) {
        Check.notNull("quadrature", q);
        Check.notNull("grid", grid);
        checkEta(eta);
        int n = grid.cells(), atoms = q.atoms();
        double lo = grid.lo(), dx = grid.dx(), invDx = 1 / dx;
        double[] slope = new double[atoms], shift = new double[atoms], w = q.w();
        double alpha = 0, beta = 0;
        for (int k = 0; k < atoms; k++) {
            slope[k] = 1 - eta * q.h(k);
            shift[k] = -eta * q.g(k);
            alpha += w[k] * slope[k];
            beta += w[k] * shift[k];
        }
        ColumnAssembler asm = new ColumnAssembler(n, 2 * atoms);
        double[] leak = new double[n];
        for (int j = 0; j < n; j++) {
            double x = lo + (j + 0.5) * dx;
            double lost = 0;
            for (int k = 0; k < atoms; k++) {
                double y = slope[k] * x + shift[k];
                // u: position in units of cells, relative to centre 0; the cloud covers [u, u + 1] in edge units.
                double u = (y - lo) * invDx - 0.5;
                if (!(u > -1 && u < n)) { lost += w[k]; continue; } // also catches ±Inf / NaN images
                int i0 = (int) Math.floor(u);
                double f = u - i0, w1 = w[k] * f, w0 = w[k] - w1;
                if (i0 >= 0) asm.add(i0, w0); else lost += w0;
                if (i0 + 1 < n) asm.add(i0 + 1, w1); else lost += w1;
            }
            leak[j] = lost;
            asm.endColumn();
        }
        return new TransferOperator(asm.toCsr(), grid, leak, atoms, new double[] {alpha, beta});
    }

    /** The 2D operator of a coupled model: {@code nodes} (1 … 6) Gauss–Hermite nodes per standardised draw, or exact Rademacher atoms. */
    public static TransferOperator build2D(CoupledQuadratic2D model, int nodes, Grid2D grid) {
        return build2D(NoiseQuadrature2D.of(model, nodes), model.meanHessian(), model.eta(), grid);
    }

    /**
     * The 2D operator for θ' = θ − η((H + δH_k)θ + δg_k), H = (H₁₁, H₁₂, H₂₂), δH_k and δg_k from atom k, with
     * bilinear cloud-in-cell deposits on {@code grid}.
     */
    public static TransferOperator build2D(NoiseQuadrature2D q, double[] meanHessian, double eta, Grid2D grid) {
        Check.notNull("quadrature", q);
        Check.notNull("grid", grid);
        Check.notNull("meanHessian", meanHessian);
        if (meanHessian.length != 3) throw new InvalidSpecException("meanHessian", meanHessian.length + " numbers", "3 numbers (H11, H12, H22)");
        checkEta(eta);
        int atoms = q.atoms();
        // Per atom the affine map θ' = A θ + b, A row-major.
        double[] a11 = new double[atoms], a12 = new double[atoms], a21 = new double[atoms], a22 = new double[atoms];
        double[] b1 = new double[atoms], b2 = new double[atoms], w = q.w();
        double[] mean = new double[6];
        for (int k = 0; k < atoms; k++) {
            double h11 = meanHessian[0] + q.xi(k, 0), h22 = meanHessian[2] + q.xi(k, 1), h12 = meanHessian[1] + q.xi(k, 2);
            a11[k] = 1 - eta * h11;
            a12[k] = -eta * h12;
            a21[k] = -eta * h12;
            a22[k] = 1 - eta * h22;
            b1[k] = -eta * q.xi(k, 3);
            b2[k] = -eta * q.xi(k, 4);
            mean[0] += w[k] * a11[k];
            mean[1] += w[k] * a12[k];
            mean[2] += w[k] * a21[k];
            mean[3] += w[k] * a22[k];
            mean[4] += w[k] * b1[k];
            mean[5] += w[k] * b2[k];
        }
        Grid1D gx = grid.x(), gy = grid.y();
        int nx = gx.cells(), ny = gy.cells(), n = grid.cells();
        double lox = gx.lo(), loy = gy.lo(), dx = gx.dx(), dy = gy.dx(), invDx = 1 / dx, invDy = 1 / dy;
        ColumnAssembler asm = new ColumnAssembler(n, 4 * atoms);
        double[] leak = new double[n];
        for (int iy = 0; iy < ny; iy++) {
            double y = loy + (iy + 0.5) * dy;
            for (int ix = 0; ix < nx; ix++) {
                double x = lox + (ix + 0.5) * dx;
                double lost = 0;
                for (int k = 0; k < atoms; k++) {
                    double ux = (a11[k] * x + a12[k] * y + b1[k] - lox) * invDx - 0.5;
                    double uy = (a21[k] * x + a22[k] * y + b2[k] - loy) * invDy - 0.5;
                    if (!(ux > -1 && ux < nx && uy > -1 && uy < ny)) { lost += w[k]; continue; }
                    int jx = (int) Math.floor(ux), jy = (int) Math.floor(uy);
                    double fx = ux - jx, fy = uy - jy;
                    double wy1 = w[k] * fy, wy0 = w[k] - wy1;
                    lost += deposit(asm, jx, jy, fx, wy0, nx, ny);
                    lost += deposit(asm, jx, jy + 1, fx, wy1, nx, ny);
                }
                leak[iy * nx + ix] = lost;
                asm.endColumn();
            }
        }
        return new TransferOperator(asm.toCsr(), grid, leak, atoms, mean);
    }

    /** Deposits weight {@code wy} of row {@code jy} linearly on cells jx and jx + 1; returns what fell outside. */
    private static double deposit(ColumnAssembler asm, int jx, int jy, double fx, double wy, int nx, int ny) {
        if (jy < 0 || jy >= ny) return wy;
        double w1 = wy * fx, w0 = wy - w1, lost = 0;
        int row = jy * nx;
        if (jx >= 0) asm.add(row + jx, w0); else lost += w0;
        if (jx + 1 < nx) asm.add(row + jx + 1, w1); else lost += w1;
        return lost;
    }

    private static void checkEta(double eta) {
        org.sgdbench.problem.Limits.eta(eta);
    }

    /**
     * Compressed-column assembly with duplicate merging: a dense accumulator indexed by row plus a stamp array
     * marks which rows the current column touched; {@link #endColumn()} appends them. Growable primitive
     * buffers keep memory at O(nnz).
     */
    static final class ColumnAssembler {
        private final int rows;
        private final double[] acc;
        private final int[] stamp, touched;
        private int touchedCount, column;
        private int[] colPtr, rowIdx;
        private double[] values;
        private int nnz;

        ColumnAssembler(int rows, int maxPerColumn) {
            this.rows = rows;
            acc = new double[rows];
            stamp = new int[rows];
            Arrays.fill(stamp, -1);
            touched = new int[Math.min(rows, maxPerColumn)];
            colPtr = new int[rows + 1];
            rowIdx = new int[Math.max(16, rows * 2)];
            values = new double[rowIdx.length];
        }

        void add(int row, double v) {
            if (v == 0) return;
            if (stamp[row] != column) {
                stamp[row] = column;
                acc[row] = 0;
                touched[touchedCount++] = row;
            }
            acc[row] += v;
        }

        void endColumn() {
            if (nnz + touchedCount > rowIdx.length) {
                long grown = Math.max((long) rowIdx.length * 3 / 2, (long) nnz + touchedCount);
                if (grown > Integer.MAX_VALUE - 16) throw new InvalidSpecException("cells", rows, "an operator with fewer than 2^31 non-zeros");
                rowIdx = Arrays.copyOf(rowIdx, (int) grown);
                values = Arrays.copyOf(values, (int) grown);
            }
            for (int t = 0; t < touchedCount; t++) {
                int r = touched[t];
                rowIdx[nnz] = r;
                values[nnz++] = acc[r];
            }
            touchedCount = 0;
            colPtr[++column] = nnz;
        }

        /** Transposes the compressed columns into CSR by counting; columns are visited in order, so each row's column indices increase. */
        CsrMatrix toCsr() {
            if (column != colPtr.length - 1) throw new IllegalStateException(column + " of " + (colPtr.length - 1) + " columns assembled");
            int[] rowPtr = new int[rows + 1];
            for (int k = 0; k < nnz; k++) rowPtr[rowIdx[k] + 1]++;
            for (int r = 0; r < rows; r++) rowPtr[r + 1] += rowPtr[r];
            int[] next = Arrays.copyOf(rowPtr, rows);
            int[] col = new int[nnz];
            double[] val = new double[nnz];
            for (int c = 0; c < column; c++) {
                for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                    int p = next[rowIdx[k]]++;
                    col[p] = c;
                    val[p] = values[k];
                }
            }
            return new CsrMatrix(rows, column, rowPtr, col, val);
        }
    }
}
