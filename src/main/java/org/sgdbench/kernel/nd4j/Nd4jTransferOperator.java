package org.sgdbench.kernel.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Precision;

/**
 * Transfer-operator step p ← A p on ND4J, F32 or F64, as gather → multiply → segment sum.
 *
 * <p>Why this formulation: nd4j-api 1.0.0-M2.1 has no sparse INDArray (the old CSR/COO types are gone; only
 * ONNX/TF sparse protobufs remain), and a dense or banded matrix would cost O(n²) or O(n·bandwidth) for an
 * operator whose rows hold a handful of entries. The closest honest ND4J expression of a CSR SpMV is three
 * whole-array ops on nnz-long arrays, all allocated once:
 * <pre>
 *   t ← gather(p, colIdx)                       t[k] = p[colIdx[k]]
 *   t ← t · values                              element-wise
 *   q ← unsorted_segment_sum(t, rowOf, rows)    q[r] = Σ_{k: rowOf[k] = r} t[k]   (rowOf expanded from rowPtr)
 * </pre>
 * then p and q swap roles (the ops of both directions are built once, like every array). The sums run in increasing k within a row, as the reference, but the product is
 * rounded to the precision before it is added (no fused accumulate); error well inside the contract's tolerance.
 *
 * <p>Cost: besides the reference's traffic it writes and re-reads the nnz-long intermediate t three times and
 * reads an int row index per entry instead of the row pointers, so {@link #bytesPerStep()} reports
 * nnz·(8 + 5·prec) + (rows + cols)·prec bytes against the CSR minimum of nnz·(4 + prec) + 4(rows + 1) +
 * (rows + cols)·prec: with 4 entries per row about 2.7× (F32) or 3.1× (F64) the memory traffic of a fused
 * CSR kernel.
 */
public final class Nd4jTransferOperator implements TransferOperatorKernel {
    private final CsrMatrix a;
    private final Precision precision;
    private final int threads;
    /** [nnz] values (kernel precision), column indices and row of each entry (int32). */
    private final INDArray values, colIdx, rowOf;
    /** [nnz] scratch for the gathered products. */
    private final INDArray products;
    /** The two density buffers; after an even number of steps the current one is {@code p0}. */
    private final INDArray p0, p1;
    /** gather, multiply, segment sum from p0 to p1 ([0]) and from p1 to p0 ([1]); null when nnz = 0. */
    private final CustomOp[][] ops;
    private boolean current0 = true;
    private boolean closed;

    public Nd4jTransferOperator(CsrMatrix a, Precision precision, KernelOptions options) {
        this.a = Check.notNull("operator", a);
        if (a.rows() != a.cols()) throw new IllegalArgumentException("transfer operator must be square: " + a.rows() + "x" + a.cols());
        this.precision = Check.notNull("precision", precision);
        this.threads = Check.notNull("options", options).threads();
        DataType type = Nd4jRuntime.dataType(precision);
        int nnz = a.nnz();
        int[] rows = new int[nnz];
        int[] rowPtr = a.rowPtr();
        for (int r = 0; r < a.rows(); r++) for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) rows[k] = r;
        if (nnz > 0) {
            values = Nd4j.createFromArray(a.values()).castTo(type);
            colIdx = Nd4j.createFromArray(a.colIdx().clone());
            rowOf = Nd4j.createFromArray(rows);
            products = Nd4j.create(type, nnz);
        } else {
            values = colIdx = rowOf = products = null;
        }
        p0 = Nd4j.create(type, a.cols());
        p1 = Nd4j.create(type, a.rows());
        ops = nnz > 0 ? new CustomOp[][] {stepOps(p0, p1), stepOps(p1, p0)} : null;
    }

    private CustomOp[] stepOps(INDArray from, INDArray to) {
        return new CustomOp[] {
            DynamicCustomOp.builder("gather").addInputs(from, colIdx).addOutputs(products).addIntegerArguments(0).build(),
            new MulOp(products, values, products),
            DynamicCustomOp.builder("unsorted_segment_sum").addInputs(products, rowOf).addOutputs(to)
                .addIntegerArguments(a.rows()).build()};
    }

    private INDArray current() { return current0 ? p0 : p1; }

    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public String device() {
        return "ND4J CPU " + Nd4j.factory().blas().getBlasVendor() + ", " + Nd4jRuntime.effectiveThreads(threads)
            + " op threads (gather + segment sum)";
    }

    @Override
    public int threads() { return threads; }

    @Override
    public CsrMatrix operator() { return a; }

    @Override
    public void load(double[] density) {
        ensureOpen();
        if (density.length != a.cols())
            throw new IllegalArgumentException("density length " + density.length + " != cols " + a.cols());
        // Not timed: one host → native copy, rounded to the kernel's precision.
        try (INDArray host = Nd4j.createFromArray(density)) {
            current().assign(host);
        }
    }

    @Override
    public void step(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        ensureOpen();
        Nd4jRuntime.applyThreads(threads);
        for (int s = 0; s < steps; s++) {
            if (ops == null) {
                (current0 ? p1 : p0).assign(0);
            } else {
                for (CustomOp op : ops[current0 ? 0 : 1]) Nd4j.exec(op);
            }
            current0 = !current0;
        }
    }

    @Override
    public void read(double[] out) {
        ensureOpen();
        if (out.length != a.rows()) throw new IllegalArgumentException("out length " + out.length + " != rows " + a.rows());
        // Not timed: the double view of the density, copied out.
        double[] d = current().castTo(DataType.DOUBLE).toDoubleVector();
        System.arraycopy(d, 0, out, 0, out.length);
    }

    /** Actual traffic of the three ops (see class comment); the vector gathered is counted once, as cached. */
    @Override
    public long bytesPerStep() {
        long prec = precision.bytes();
        return a.nnz() * (8L + 5L * prec) + ((long) a.rows() + a.cols()) * prec;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (INDArray x : new INDArray[] {values, colIdx, rowOf, products, p0, p1}) if (x != null) x.close();
    }
}
