package org.sgdbench.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/**
 * Transfer-operator step p ← A p on the Vector API, in SELL-C-1 layout (sliced ELLPACK, no row sorting) built
 * from the CSR matrix in the constructor: rows are grouped in slices of C = lane count consecutive rows; within
 * a slice the j-th entries of the C rows are stored contiguously (column-major), padded with zeros to the
 * slice's longest row. One vector step then does, for all C rows at once, acc += val_j · x[col_j] with a
 * contiguous load of values, a gather of x, and a separate multiply and add. Transfer-operator rows have a
 * few non-zeros each (the cloud-in-cell deposits of K maps), far fewer than a vector: a per-row CSR gather would
 * leave most lanes idle.
 *
 * <p>Accuracy: every row is accumulated in increasing CSR order with an unfused multiply and add, exactly like
 * {@link org.sgdbench.kernel.scalar.ScalarTransferOperator}; padded entries are masked out of the gather (so a
 * non-finite x never leaks into a row that does not use it) and add +0 to a sum that is never −0. The result
 * is therefore bit-identical to the scalar kernel of the same precision (reassociation tolerance 0).
 *
 * <p>Traffic: SELL moves the padded values and column indices, the slice pointers and widths, and the per-row
 * lengths used for the masks; {@link #bytesPerStep()} counts exactly those (not the CSR bytes).
 */
public final class SimdTransferOperator implements TransferOperatorKernel {
    /** Rows per parallel block (rounded to whole slices). */
    public static final int ROW_BLOCK = 16384;

    private static final VectorSpecies<Float> FS = SimdLanes.FLOAT;
    private static final VectorSpecies<Integer> IS = SimdLanes.INT;
    private static final VectorSpecies<Double> DS = SimdLanes.DOUBLE;
    private static final VectorSpecies<Long> LS = SimdLanes.LONG;

    private final CsrMatrix a;
    private final Precision precision;
    private final int lanes, slices, paddedRows;
    /** Start of slice s in the SELL arrays (slices + 1 entries). */
    private final int[] slicePtr;
    /** Shortest row of slice s: entries j below it need no mask. */
    private final int[] sliceMinWidth;
    private final int[] sellCol;
    private final float[] sellValF;
    private final double[] sellValD;
    /** Row lengths (padded rows: 0), as int lanes for F32 and long lanes for F64 (mask lane counts must match). */
    private final int[] rowLenI;
    private final long[] rowLenL;
    private float[] inF, outF;
    private double[] inD, outD;
    private final ParallelBlocks blocks;

    public SimdTransferOperator(CsrMatrix a, Precision precision, KernelOptions options) {
        SimdLanes.require();
        if (a.rows() != a.cols())
            throw new IllegalArgumentException("transfer operator must be square: " + a.rows() + "x" + a.cols());
        this.a = a;
        this.precision = precision;
        this.lanes = precision == Precision.F64 ? DS.length() : FS.length();
        int rows = a.rows();
        this.slices = (rows + lanes - 1) / lanes;
        this.paddedRows = slices * lanes;
        int[] rowPtr = a.rowPtr(), colIdx = a.colIdx();
        double[] values = a.values();

        slicePtr = new int[slices + 1];
        sliceMinWidth = new int[slices];
        long total = 0;
        for (int s = 0; s < slices; s++) {
            int max = 0, min = Integer.MAX_VALUE;
            for (int l = 0; l < lanes; l++) {
                int r = s * lanes + l;
                int len = r < rows ? rowPtr[r + 1] - rowPtr[r] : 0;
                max = Math.max(max, len);
                min = Math.min(min, len);
            }
            sliceMinWidth[s] = min;
            total += (long) max * lanes;
            if (total > Integer.MAX_VALUE - 64)
                throw new IllegalArgumentException("SELL layout too large: " + total + " padded entries");
            slicePtr[s + 1] = (int) total;
        }
        sellCol = new int[(int) total];
        sellValF = precision == Precision.F32 ? new float[(int) total] : null;
        sellValD = precision == Precision.F64 ? new double[(int) total] : null;
        rowLenI = precision == Precision.F32 ? new int[paddedRows] : null;
        rowLenL = precision == Precision.F64 ? new long[paddedRows] : null;
        for (int r = 0; r < rows; r++) {
            int s = r / lanes, l = r % lanes;
            int len = rowPtr[r + 1] - rowPtr[r];
            if (rowLenI != null) rowLenI[r] = len;
            else rowLenL[r] = len;
            for (int j = 0; j < len; j++) {
                int at = slicePtr[s] + j * lanes + l;
                int k = rowPtr[r] + j;
                sellCol[at] = colIdx[k];
                if (sellValF != null) sellValF[at] = (float) values[k];
                else sellValD[at] = values[k];
            }
        }
        if (precision == Precision.F64) {
            inD = new double[paddedRows];
            outD = new double[paddedRows];
        } else {
            inF = new float[paddedRows];
            outF = new float[paddedRows];
        }
        this.blocks = new ParallelBlocks(options.threads(), Math.max(1, ROW_BLOCK / lanes));
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public String device() {
        String type = precision == Precision.F64 ? "f64" : "f32";
        return "SIMD " + SimdLanes.BITS + "-bit (" + lanes + "×" + type + "), SELL-" + lanes;
    }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public CsrMatrix operator() { return a; }

    /** Padded entries of the SELL layout (≥ nnz). */
    public long storedEntries() { return slicePtr[slices]; }

    /**
     * What a SELL step moves: padded values and column indices, slice pointers and minimum widths, per-row
     * lengths, x (cols) and y (padded rows).
     */
    @Override
    public long bytesPerStep() {
        long prec = precision.bytes();
        long rowLenBytes = precision == Precision.F64 ? 8L : 4L;
        return storedEntries() * (prec + 4L) + (slices + 1L) * 4L + slices * 4L + paddedRows * rowLenBytes
            + (long) a.cols() * prec + (long) paddedRows * prec;
    }

    @Override
    public void load(double[] density) {
        if (precision == Precision.F64) System.arraycopy(density, 0, inD, 0, a.cols());
        else for (int i = 0; i < a.cols(); i++) inF[i] = (float) density[i];
    }

    @Override
    public void step(int steps) {
        for (int s = 0; s < steps; s++) {
            if (precision == Precision.F64) {
                final double[] x = inD, y = outD;
                blocks.forEach(slices, (from, to) -> spmv(from, to, x, y));
                inD = y;
                outD = x;
            } else {
                final float[] x = inF, y = outF;
                blocks.forEach(slices, (from, to) -> spmv(from, to, x, y));
                inF = y;
                outF = x;
            }
        }
    }

    private void spmv(int fromSlice, int toSlice, float[] x, float[] y) {
        int c = lanes;
        for (int s = fromSlice; s < toSlice; s++) {
            int start = slicePtr[s], width = (slicePtr[s + 1] - start) / c, unmasked = sliceMinWidth[s];
            FloatVector acc = FloatVector.zero(FS);
            int j = 0;
            for (; j < unmasked; j++) {
                int at = start + j * c;
                FloatVector xs = FloatVector.fromArray(FS, x, 0, sellCol, at);
                acc = acc.add(FloatVector.fromArray(FS, sellValF, at).mul(xs));
            }
            if (j < width) {
                IntVector len = IntVector.fromArray(IS, rowLenI, s * c);
                for (; j < width; j++) {
                    int at = start + j * c;
                    VectorMask<Float> used = len.compare(VectorOperators.GT, j).cast(FS);
                    FloatVector xs = FloatVector.fromArray(FS, x, 0, sellCol, at, used);
                    acc = acc.add(FloatVector.fromArray(FS, sellValF, at).mul(xs));
                }
            }
            // F32 reference semantics: subnormal row sums are stored as +0 (see TransferOperatorKernel)
            acc = acc.blend(0f, acc.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            acc.intoArray(y, s * c);
        }
    }

    private void spmv(int fromSlice, int toSlice, double[] x, double[] y) {
        int c = lanes;
        for (int s = fromSlice; s < toSlice; s++) {
            int start = slicePtr[s], width = (slicePtr[s + 1] - start) / c, unmasked = sliceMinWidth[s];
            DoubleVector acc = DoubleVector.zero(DS);
            int j = 0;
            for (; j < unmasked; j++) {
                int at = start + j * c;
                DoubleVector xs = DoubleVector.fromArray(DS, x, 0, sellCol, at);
                acc = acc.add(DoubleVector.fromArray(DS, sellValD, at).mul(xs));
            }
            if (j < width) {
                LongVector len = LongVector.fromArray(LS, rowLenL, s * c);
                for (; j < width; j++) {
                    int at = start + j * c;
                    VectorMask<Double> used = len.compare(VectorOperators.GT, j).cast(DS);
                    DoubleVector xs = DoubleVector.fromArray(DS, x, 0, sellCol, at, used);
                    acc = acc.add(DoubleVector.fromArray(DS, sellValD, at).mul(xs));
                }
            }
            acc.intoArray(y, s * c);
        }
    }

    @Override
    public void read(double[] out) {
        if (precision == Precision.F64) System.arraycopy(inD, 0, out, 0, a.rows());
        else for (int i = 0; i < a.rows(); i++) out[i] = inF[i];
    }

    @Override
    public void close() { blocks.close(); }
}
