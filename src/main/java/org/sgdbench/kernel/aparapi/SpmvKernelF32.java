package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/**
 * CSR SpMV p ← A p in single precision, one work-item per row (a gather: no atomics). The density ping-pongs
 * between {@link #a} and {@link #b}: pass j of a multi-pass launch reads the buffer named by
 * (parity + j) mod 2, so that many steps run in one launch without the host. The product and the sum are
 * separate statements: OpenCL's default FP_CONTRACT may fuse a·b + c only within one expression, so every row
 * is the scalar reference's unfused sum, bit for bit.
 */
final class SpmvKernelF32 extends Kernel {
    final int[] rowPtr;
    final int[] colIdx;
    final float[] values;
    final float[] a;
    final float[] b;
    final int rows;
    /** 0: the current density is in a; 1: in b. */
    int parity;

    SpmvKernelF32(int[] rowPtr, int[] colIdx, float[] values, int rows, int cols) {
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        this.rows = rows;
        this.a = new float[Math.max(rows, cols)];
        this.b = new float[Math.max(rows, cols)];
    }

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < rows) {
            int start = rowPtr[r];
            int end = rowPtr[r + 1];
            float s = 0.0f;
            if (((parity + getPassId()) & 1) == 0) {
                for (int k = start; k < end; k++) {
                    float product = values[k] * a[colIdx[k]];
                    s = s + product;
                }
                b[r] = Math.abs(s) < 1.17549435E-38f ? 0.0f : s; // subnormals flushed, as the reference
            } else {
                for (int k = start; k < end; k++) {
                    float product = values[k] * b[colIdx[k]];
                    s = s + product;
                }
                a[r] = Math.abs(s) < 1.17549435E-38f ? 0.0f : s;
            }
        }
    }
}
