package org.sgdbench.kernel;

import org.sgdbench.problem.Precision;

/**
 * One step of the master equation on a grid with fixed minibatch maps: p ← A p with A the transfer (Ulam /
 * cloud-in-cell) operator in CSR form. Memory-bound: per step it streams the CSR arrays and the two vectors.
 * The density lives inside the kernel (host arrays, native buffers or device memory) between steps.
 *
 * <p>Reference semantics: for each row r, s = Σ_k values[k]·p[colIdx[k]] accumulated in the kernel's
 * precision in increasing k (other backends may reassociate and state a tolerance). In F32 a row sum whose
 * magnitude is below the smallest normal float (2⁻¹²⁶ ≈ 1.2e-38) is stored as +0: such probabilities carry no mass
 * that matters, and arithmetic on subnormals costs some backends dearly (measured on PoCL's gather path: a 2^21-cell
 * step went from 11.7 to 18.7 ms once the law's tails turned subnormal, while the SIMD backend was unaffected).
 */
public interface TransferOperatorKernel extends AutoCloseable {
    Backend backend();

    Precision precision();

    String device();

    int threads();

    CsrMatrix operator();

    /** Sets the current density (length = cols). */
    void load(double[] density);

    /** Applies the operator {@code steps} ≥ 1 times. */
    void step(int steps);

    /** Copies the current density out (length = rows). */
    void read(double[] out);

    /** Bytes one step must move: CSR values and column indices, row pointers, the vector read and written. */
    default long bytesPerStep() {
        CsrMatrix a = operator();
        long prec = precision().bytes();
        return a.nnz() * (prec + 4L) + (a.rows() + 1L) * 4L + (long) a.cols() * prec + (long) a.rows() * prec;
    }

    /** Flops one step must do: a multiply and an add per non-zero. */
    default long flopsPerStep() { return 2L * operator().nnz(); }

    @Override
    default void close() {}
}
