package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/**
 * The transfer-operator step p ← A p on Aparapi: CSR SpMV, one work-item per row, the operator and both density
 * buffers resident on the device. {@link #load} sends the density once, {@link #step} runs all its steps as passes
 * of one launch (ping-pong, no host round trip), {@link #read} fetches the current density. Rows accumulate in
 * increasing k in the kernel's precision with a separate multiply and add (see {@link SpmvKernelF32}): on PoCL the
 * result is the scalar kernel's, bit for bit.
 *
 * <p>Layout, measured: a SELL-C variant (slices of C = work-group rows, entry j of a slice's rows contiguous, a
 * barrier per entry so that PoCL vectorises across work-items) was about 2× slower than this CSR kernel on PoCL 3.1
 * (2²¹-cell 1D operator, 2 cores): PoCL saves every value live across a barrier in per-work-item arrays, which
 * outweighs the vector gather for rows of ~8 entries. The CSR gather is memory-bound and within ~1.3× of the SIMD
 * backend's SELL kernel there.
 */
public final class AparapiTransferOperator implements TransferOperatorKernel {
    private final CsrMatrix matrix;
    private final Precision precision;
    private final AparapiTarget target;
    private final SpmvKernelF32 k32;
    private final SpmvKernelF64 k64;
    private final Kernel kernel;
    private final Range range;
    private final int threads;
    private final long buildNanos;
    private boolean closed;
    /** Whether a launch has succeeded (Aparapi can only dispose a context after one). */
    private boolean launched;

    public AparapiTransferOperator(CsrMatrix a, Precision precision, KernelOptions options) {
        this(a, precision, options, AparapiTarget.select(options.device()));
    }

    AparapiTransferOperator(CsrMatrix a, Precision precision, KernelOptions options, AparapiTarget target) {
        if (a.rows() != a.cols())
            throw new IllegalArgumentException("transfer operator must be square: " + a.rows() + "x" + a.cols());
        if (target.device() instanceof OpenCLDevice d && precision == Precision.F64 && !OpenCLInventory.supportsFp64(d))
            throw new KernelNotSupportedException("aparapi: " + target.description() + " has no double precision: "
                + OpenCLInventory.fp64(d));
        this.matrix = a;
        this.precision = precision;
        this.target = target;
        if (precision == Precision.F64) {
            k32 = null;
            k64 = new SpmvKernelF64(a.rowPtr(), a.colIdx(), a.values(), a.rows(), a.cols());
            kernel = k64;
        } else {
            float[] v = new float[a.nnz()];
            for (int k = 0; k < v.length; k++) v[k] = (float) a.values()[k];
            k64 = null;
            k32 = new SpmvKernelF32(a.rowPtr(), a.colIdx(), v, a.rows(), a.cols());
            kernel = k32;
        }
        kernel.setExplicit(true);
        long t0 = System.nanoTime();
        try {
            target.compile(kernel);
            int local = target.isOpenCL() ? AparapiSgdEnsemble.DEFAULT_WORK_GROUP
                : Math.min(options.threads(), Range.MAX_GROUP_SIZE);
            threads = target.isOpenCL() ? target.computeUnits() : local;
            range = target.range((a.rows() + local - 1) / local * local, local);
            // the operator goes to the device once; the densities start at zero there
            target.put(kernel, k32 != null ? k32.rowPtr : k64.rowPtr);
            target.put(kernel, k32 != null ? k32.colIdx : k64.colIdx);
            if (k32 != null) {
                target.put(kernel, k32.values);
                target.put(kernel, k32.a);
                target.put(kernel, k32.b);
            } else {
                target.put(kernel, k64.values);
                target.put(kernel, k64.a);
                target.put(kernel, k64.b);
            }
            step(1); // warm-up launch on the zero density: buffers allocated, program loaded
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        buildNanos = System.nanoTime() - t0;
    }

    @Override
    public Backend backend() { return Backend.APARAPI; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public String device() { return target.description(); }

    @Override
    public int threads() { return threads; }

    @Override
    public CsrMatrix operator() { return matrix; }

    /** Translation, OpenCL build and the warm-up launch, in ns. */
    public long buildNanos() { return buildNanos; }

    @Override
    public void load(double[] density) {
        ensureOpen();
        int n = matrix.cols();
        if (density.length < n) throw new IllegalArgumentException("density length " + density.length + " < " + n);
        if (k32 != null) {
            k32.parity = 0;
            for (int i = 0; i < n; i++) k32.a[i] = (float) density[i];
            target.put(kernel, k32.a);
        } else {
            k64.parity = 0;
            System.arraycopy(density, 0, k64.a, 0, n);
            target.put(kernel, k64.a);
        }
    }

    @Override
    public void step(int steps) {
        ensureOpen();
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        target.execute(kernel, range, steps);
        launched = true;
        if (k32 != null) k32.parity = (k32.parity + steps) & 1;
        else k64.parity = (k64.parity + steps) & 1;
    }

    @Override
    public void read(double[] out) {
        ensureOpen();
        int n = matrix.rows();
        if (k32 != null) {
            float[] cur = k32.parity == 0 ? k32.a : k32.b;
            target.get(kernel, cur);
            for (int i = 0; i < n; i++) out[i] = cur[i];
        } else {
            double[] cur = k64.parity == 0 ? k64.a : k64.b;
            target.get(kernel, cur);
            System.arraycopy(cur, 0, out, 0, n);
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel closed");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            target.dispose(kernel, launched);
        }
    }
}
