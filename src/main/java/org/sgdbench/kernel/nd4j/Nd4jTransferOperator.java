package org.sgdbench.kernel.nd4j;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.LongPointerWrapper;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Precision;

/**
 * Transfer-operator step p ← A p on ND4J, F32 or F64, in ELLPACK layout: gather → multiply → row sum.
 *
 * <p>Layout. nd4j-api 1.0.0-M2.1 has no sparse INDArray, so the CSR matrix is stored once as two dense
 * [rows, width] arrays, width = the longest row: the column index and the value of each entry, rows padded with
 * weight 0 on a valid column (the row's last column, or the row itself when empty). One step is three whole-array
 * ops on [rows·width] arrays, all allocated once, then p and q swap roles:
 * <pre>
 *   g ← p[ellCol]            gather, g[r, j] = p[ellCol[r, j]]
 *   g ← g · ellVal           element-wise
 *   q ← sum(g, dim 1)        q[r] = Σ_j g[r, j], a plain row reduction
 * </pre>
 *
 * <p>Why this and not CSR's gather + unsorted_segment_sum (the previous formulation). Measured on the 1D model
 * operator (16384 cells, 131k non-zeros, 1 thread): libnd4j's {@code gather} of a rank-1 array costs ≈ 1 µs per
 * non-zero (on a [cols, 1] array ≈ 0.15 µs), {@code unsorted_segment_sum} ≈ 0.4 µs and the sorted
 * {@code segment_sum} ≈ 3 µs per non-zero, so a step was some hundreds of times the scalar Java loop. The ELL
 * row sum is a regular reduction and the multiply one vector op (≈ 1–2 ns per entry each). For the gather,
 * libnd4j's native {@code pullRows} (rows of length 1 of p viewed as [cols, 1]) copies in ≈ 1–5 ns per entry,
 * but ND4J's wrapper {@code Nd4j.pullRows} converts the index array and allocates a native copy of it at every
 * call; here the indices live in a native LONG array and the native entry point is called with pointers resolved
 * once. {@code gather_nd} (≈ 20–30 ns per entry) remains as the gather where the data buffers are not CPU buffers.
 * The gather dominates the step (≈ 60% on the 2M-cell operator); it runs on the op threads when OpenMP's idle
 * workers sleep, else on the calling thread (see {@link #step}).
 *
 * <p>Accuracy: products are rounded to the precision before the row sum (no fused accumulate) and the row sum's
 * order is ND4J's; error well inside the contract's tolerance. A padded slot adds 0 · p[c] with c a column the
 * row already reads, so it changes nothing while p is finite and a non-finite p[c] makes the row non-finite as
 * the reference would; an empty row reads p[r] with weight 0, so it is non-finite where the reference gives 0
 * only if p[r] is.
 *
 * <p>Cost: padding makes the work rows·width instead of nnz (width / mean row length 1.25–1.4 on the 1D models),
 * and the intermediate g is written and re-read; see {@link #bytesPerStep()}. No array is allocated per step.
 */
public final class Nd4jTransferOperator implements TransferOperatorKernel {
    /** How the padded column indices are gathered. */
    enum Gather {
        /** libnd4j's native pullRows with cached pointers: CPU data buffers only. */
        PULL_ROWS,
        /** The {@code gather_nd} custom op: any backend, ≈ 20× slower per entry. */
        GATHER_ND
    }

    private final CsrMatrix a;
    private final Precision precision;
    private final int threads;
    private final Gather gather;
    /** Entries per padded row; 0 when the matrix has no non-zero. */
    private final int width;
    /** [rows·width] padded column indices (LONG, as pullRows reads them) and [rows, width] padded values. */
    private final INDArray ellCol, ellVal;
    /** [rows, width] scratch for the gathered products. */
    private final INDArray products;
    /** The two density buffers; after an even number of steps the current one is {@code p0}. */
    private final INDArray p0, p1;
    /** The step from p0 to p1 ([0]) and from p1 to p0 ([1]); null when width = 0. */
    private final Step[] steps;
    private boolean current0 = true;
    private int gatherThreadsOverride;
    private boolean closed;

    public Nd4jTransferOperator(CsrMatrix a, Precision precision, KernelOptions options) {
        this(a, precision, options, null);
    }

    /** {@code gather} null: pullRows where the buffers allow it, else gather_nd. */
    Nd4jTransferOperator(CsrMatrix a, Precision precision, KernelOptions options, Gather gather) {
        this.a = Check.notNull("operator", a);
        if (a.rows() != a.cols()) throw new IllegalArgumentException("transfer operator must be square: " + a.rows() + "x" + a.cols());
        this.precision = Check.notNull("precision", precision);
        this.threads = Check.notNull("options", options).threads();
        DataType type = Nd4jRuntime.dataType(precision);
        int rows = a.rows();
        int[] rowPtr = a.rowPtr();
        int w = 0;
        for (int r = 0; r < rows; r++) w = Math.max(w, rowPtr[r + 1] - rowPtr[r]);
        this.width = w;
        p0 = Nd4j.create(type, a.cols());
        p1 = Nd4j.create(type, rows);
        if (w == 0) {
            this.gather = gather == null ? Gather.GATHER_ND : gather;
            ellCol = ellVal = products = null;
            steps = null;
            return;
        }
        long slots = (long) rows * w;
        if (slots > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("ELL layout too large: " + rows + " rows x " + w + " entries");
        ellCol = Nd4j.createFromArray(paddedColumns(a, w));
        ellVal = Nd4j.createFromArray(paddedValues(a, w)).castTo(type).reshape(rows, w);
        products = Nd4j.create(type, rows, w);
        this.gather = gather != null ? gather : (p0.data() instanceof BaseCpuDataBuffer ? Gather.PULL_ROWS : Gather.GATHER_ND);
        steps = new Step[] {new Step(p0, p1), new Step(p1, p0)};
    }

    private static long[] paddedColumns(CsrMatrix a, int width) {
        int[] rowPtr = a.rowPtr(), col = a.colIdx();
        long[] out = new long[a.rows() * width];
        for (int r = 0; r < a.rows(); r++) {
            int from = rowPtr[r], n = rowPtr[r + 1] - from, base = r * width;
            for (int j = 0; j < n; j++) out[base + j] = col[from + j];
            long pad = n > 0 ? col[from + n - 1] : r;
            for (int j = n; j < width; j++) out[base + j] = pad;
        }
        return out;
    }

    private static double[] paddedValues(CsrMatrix a, int width) {
        int[] rowPtr = a.rowPtr();
        double[] val = a.values(), out = new double[a.rows() * width];
        for (int r = 0; r < a.rows(); r++) System.arraycopy(val, rowPtr[r], out, r * width, rowPtr[r + 1] - rowPtr[r]);
        return out;
    }

    /** The three ops of one direction, built once. */
    private final class Step {
        private final PullRows pull;
        private final CustomOp gatherNd;
        private final CustomOp multiply;
        private final Op rowSum;

        Step(INDArray from, INDArray to) {
            INDArray flatProducts = products.reshape(products.length());
            if (gather == Gather.PULL_ROWS) {
                pull = new PullRows(from, flatProducts, ellCol);
                gatherNd = null;
            } else {
                pull = null;
                gatherNd = DynamicCustomOp.builder("gather_nd").addInputs(from, ellCol.reshape(ellCol.length(), 1))
                    .addOutputs(flatProducts).build();
            }
            multiply = new MulOp(products, ellVal, products);
            rowSum = new Sum(products, to, 1);
        }

        void run() {
            if (pull != null) pull.run();
            else Nd4j.exec(gatherNd);
            Nd4j.exec(multiply);
            Nd4j.exec(rowSum);
        }
    }

    /**
     * out[k] = source[index[k]] by libnd4j's native pullRows over rows of length 1 (source and out viewed as
     * [n, 1]), with every pointer resolved once. The TAD buffers come from ND4J's TAD cache; holding them here
     * keeps them alive for the kernel's life.
     */
    private static final class PullRows {
        private final NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        private final PointerPointer<Pointer> extras = new PointerPointer<>(new Pointer[] {null});
        private final INDArray source, out, index;
        private final Pair<DataBuffer, DataBuffer> sourceTad, outTad;
        private final LongPointer sourceTadOffsets, outTadOffsets;
        private final long n;

        PullRows(INDArray source, INDArray out, INDArray index) {
            this.source = asColumn(source);
            this.out = asColumn(out);
            this.index = index;
            this.n = index.length();
            sourceTad = Nd4j.getExecutioner().getTADManager().getTADOnlyShapeInfo(this.source, 1);
            outTad = Nd4j.getExecutioner().getTADManager().getTADOnlyShapeInfo(this.out, 1);
            sourceTadOffsets = new LongPointerWrapper(sourceTad.getSecond().addressPointer());
            outTadOffsets = new LongPointerWrapper(outTad.getSecond().addressPointer());
        }

        /** [n] → [n, 1] sharing the buffer: pullRows copies rows by offset into that buffer. */
        private static INDArray asColumn(INDArray vector) {
            INDArray column = vector.reshape(vector.length(), 1);
            if (column.data().address() != vector.data().address() || column.offset() != vector.offset())
                throw new IllegalStateException("reshape did not return a view");
            return column;
        }

        void run() {
            ops.pullRows(extras,
                ((BaseCpuDataBuffer) source.data()).getOpaqueDataBuffer(), (LongPointer) source.shapeInfoDataBuffer().addressPointer(), null,
                ((BaseCpuDataBuffer) out.data()).getOpaqueDataBuffer(), (LongPointer) out.shapeInfoDataBuffer().addressPointer(), null,
                n, (LongPointer) index.data().addressPointer(),
                (LongPointer) sourceTad.getFirst().addressPointer(), sourceTadOffsets,
                (LongPointer) outTad.getFirst().addressPointer(), outTadOffsets);
            if (ops.lastErrorCode() != 0) throw new IllegalStateException("ND4J pullRows failed: " + ops.lastErrorMessage());
        }

        void close() { extras.close(); }
    }

    private INDArray current() { return current0 ? p0 : p1; }

    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public String device() {
        return "ND4J CPU " + Nd4j.factory().blas().getBlasVendor() + ", " + Nd4jRuntime.effectiveThreads(threads)
            + " op threads (ELL width " + width + ": " + (gather == Gather.PULL_ROWS ? "pullRows on " + gatherThreads()
                + (gatherThreads() == 1 ? " thread" : " OpenMP threads, OpenMP wait " + Nd4jRuntime.ompWaitPolicy()) : "gather_nd")
            + " + mul + row sum)";
    }

    @Override
    public int threads() { return threads; }

    @Override
    public CsrMatrix operator() { return a; }

    /** Entries per padded row (the longest row of the operator). */
    int width() { return width; }

    Gather gather() { return gather; }

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

    /**
     * The multiply and row sum run on ND4J's op threads. The native pullRows instead runs an OpenMP loop sized by
     * the calling thread's OpenMP thread count (the core count by default, whatever libnd4j's master-thread
     * setting). With OpenMP workers that spin when idle (OMP_WAIT_POLICY unset or ACTIVE), the workers left waiting
     * after the gather starved ND4J's own pool (measured on 2 cores, 16384 cells, 2 op threads: ≈ 20 ms per step
     * instead of ≈ 1 ms), so the gather then runs on the calling thread. With PASSIVE (the launcher's default) the
     * gather gets the kernel's op threads: measured on 2 busy cores, 2^21 cells, 2 threads, JMH ops/s in one
     * sitting: F64 21.2 ± 2.1 on the calling thread against 38.7 ± 1.2 on two OpenMP threads, F32 25.9 ± 3.5 against
     * 48.2 ± 5.2 (16384 cells: 3109 against 3439 and 3033 against 3565). The OpenMP count is set for the steps
     * and restored after, leaving other ND4J work on this thread its own count.
     */
    @Override
    public void step(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        ensureOpen();
        Nd4jRuntime.applyThreads(threads);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int ompBefore = ops.ompGetMaxThreads();
        int gatherThreads = gatherThreads();
        if (ompBefore != gatherThreads) ops.setOmpNumThreads(gatherThreads);
        try {
            for (int s = 0; s < steps; s++) {
                if (this.steps == null) (current0 ? p1 : p0).assign(0);
                else this.steps[current0 ? 0 : 1].run();
                current0 = !current0;
            }
        } finally {
            if (ompBefore != gatherThreads) ops.setOmpNumThreads(ompBefore);
        }
    }

    /** OpenMP threads of the pullRows gather: the op threads when idle workers sleep, else 1 (see {@link #step}). */
    int gatherThreads() {
        return gatherThreadsOverride > 0 ? gatherThreadsOverride
            : gatherThreads(Nd4jRuntime.ompWaitPolicy(), Nd4jRuntime.effectiveThreads(threads));
    }

    /** Tests only: the gather's OpenMP threads whatever the wait policy (0: decided by {@link #gatherThreads()}). */
    void overrideGatherThreads(int n) { gatherThreadsOverride = n; }

    static int gatherThreads(String ompWaitPolicy, int opThreads) {
        return "PASSIVE".equalsIgnoreCase(ompWaitPolicy) ? opThreads : 1;
    }

    @Override
    public void read(double[] out) {
        ensureOpen();
        if (out.length != a.rows()) throw new IllegalArgumentException("out length " + out.length + " != rows " + a.rows());
        // Not timed: the double view of the density, copied out.
        double[] d = current().castTo(DataType.DOUBLE).toDoubleVector();
        System.arraycopy(d, 0, out, 0, out.length);
    }

    /**
     * Actual traffic of the three ops over the s = rows·width padded slots, the vector gathered counted once (as
     * cached): per slot the index (8 bytes), the product written by the gather, read and written by the multiply
     * with the value read, and read by the row sum (5·prec); pullRows also reads the output row offset of each
     * slot (8) and an offset per source row (cols·8); plus p read and q written. So
     * s·(16 + 5·prec) + cols·(8 + prec) + rows·prec with pullRows, s·(8 + 5·prec) + (rows + cols)·prec with
     * gather_nd; on the 1D models about 5× the CSR minimum (F32 and F64).
     */
    @Override
    public long bytesPerStep() {
        long prec = precision.bytes();
        long slots = (long) a.rows() * width;
        return gather == Gather.PULL_ROWS
            ? slots * (16L + 5L * prec) + a.cols() * (8L + prec) + a.rows() * prec
            : slots * (8L + 5L * prec) + ((long) a.rows() + a.cols()) * prec;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (steps != null) for (Step s : steps) if (s.pull != null) s.pull.close();
        for (INDArray x : new INDArray[] {ellCol, ellVal, products, p0, p1}) if (x != null) x.close();
    }
}
