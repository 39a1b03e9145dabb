package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/**
 * Scalar CSR SpMV, p ← A p, with ping-pong buffers; rows split into fixed blocks over the thread pool.
 * F64 and F32 share the class: the F32 variant holds float copies of the values and vectors.
 */
public final class ScalarTransferOperator implements TransferOperatorKernel {
    /** Rows per parallel block. */
    public static final int ROW_BLOCK = 16384;

    private final CsrMatrix a;
    private final Precision precision;
    private final int[] rowPtr, colIdx;
    private final double[] valD;
    private final float[] valF;
    private double[] inD, outD;
    private float[] inF, outF;
    private final ParallelBlocks blocks;

    public ScalarTransferOperator(CsrMatrix a, Precision precision, KernelOptions options) {
        if (a.rows() != a.cols()) throw new IllegalArgumentException("transfer operator must be square: " + a.rows() + "x" + a.cols());
        this.a = a;
        this.precision = precision;
        this.rowPtr = a.rowPtr();
        this.colIdx = a.colIdx();
        if (precision == Precision.F64) {
            valD = a.values();
            valF = null;
            inD = new double[a.cols()];
            outD = new double[a.rows()];
        } else {
            valD = null;
            valF = new float[a.nnz()];
            for (int k = 0; k < valF.length; k++) valF[k] = (float) a.values()[k];
            inF = new float[a.cols()];
            outF = new float[a.rows()];
        }
        this.blocks = new ParallelBlocks(options.threads(), ROW_BLOCK);
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public CsrMatrix operator() { return a; }

    @Override
    public void load(double[] density) {
        if (precision == Precision.F64) System.arraycopy(density, 0, inD, 0, inD.length);
        else for (int i = 0; i < inF.length; i++) inF[i] = (float) density[i];
    }

    @Override
    public void step(int steps) {
        for (int s = 0; s < steps; s++) {
            if (precision == Precision.F64) {
                final double[] x = inD, y = outD;
                blocks.forEach(a.rows(), (from, to) -> spmv(from, to, x, y));
                inD = y;
                outD = x;
            } else {
                final float[] x = inF, y = outF;
                blocks.forEach(a.rows(), (from, to) -> spmv(from, to, x, y));
                inF = y;
                outF = x;
            }
        }
    }

    private void spmv(int from, int to, double[] x, double[] y) {
        for (int r = from; r < to; r++) {
            double s = 0;
            for (int k = rowPtr[r], end = rowPtr[r + 1]; k < end; k++) s += valD[k] * x[colIdx[k]];
            y[r] = s;
        }
    }

    private void spmv(int from, int to, float[] x, float[] y) {
        for (int r = from; r < to; r++) {
            float s = 0;
            for (int k = rowPtr[r], end = rowPtr[r + 1]; k < end; k++) s += valF[k] * x[colIdx[k]];
            y[r] = Math.abs(s) < Float.MIN_NORMAL ? 0f : s; // subnormals flushed: see TransferOperatorKernel
        }
    }

    @Override
    public void read(double[] out) {
        if (precision == Precision.F64) System.arraycopy(inD, 0, out, 0, inD.length);
        else for (int i = 0; i < inF.length; i++) out[i] = inF[i];
    }

    @Override
    public void close() { blocks.close(); }
}
