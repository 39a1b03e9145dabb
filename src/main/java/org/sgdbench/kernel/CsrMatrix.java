package org.sgdbench.kernel;

/**
 * A square-or-rectangular sparse matrix in compressed sparse row form, double values. Rows are target cells,
 * so that applying the matrix is a gather (every row written by one thread, no atomics). Built once by a
 * solver and handed to a {@link TransferOperatorKernel}, which copies it into its own precision and memory.
 * The arrays are not copied here: the builder hands them over and nobody mutates them afterwards.
 */
public final class CsrMatrix {
    private final int rows, cols;
    private final int[] rowPtr, colIdx;
    private final double[] values;

    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("matrix must be at least 1x1: " + rows + "x" + cols);
        if (rowPtr.length != rows + 1) throw new IllegalArgumentException("rowPtr length " + rowPtr.length + " != rows + 1");
        if (colIdx.length != values.length || rowPtr[rows] != values.length)
            throw new IllegalArgumentException("nnz mismatch: rowPtr[rows]=" + rowPtr[rows] + ", colIdx "
                + colIdx.length + ", values " + values.length);
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public int nnz() { return values.length; }

    /** Shared, not copied: read only. */
    public int[] rowPtr() { return rowPtr; }

    /** Shared, not copied: read only. */
    public int[] colIdx() { return colIdx; }

    /** Shared, not copied: read only. */
    public double[] values() { return values; }

    /** y = A x in double, the reference for every backend. */
    public void multiply(double[] x, double[] y) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) s += values[k] * x[colIdx[k]];
            y[r] = s;
        }
    }
}
