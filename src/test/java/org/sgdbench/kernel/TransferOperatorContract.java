package org.sgdbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.problem.Precision;

/**
 * Contract of every {@link TransferOperatorKernel}: subclass per backend, implement {@link #create}. Checks
 * k steps against the double-precision CSR reference on odd sizes, and that mass is conserved.
 */
public abstract class TransferOperatorContract {
    protected abstract TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options);

    /** Max |p − p_ref| relative to max |p_ref| after the steps. */
    protected double tolerance(Precision precision) { return precision == Precision.F64 ? 1e-13 : 2e-5; }

    static java.util.stream.Stream<Arguments> cases() {
        return java.util.stream.IntStream.of(1, 7, 15, 17, 63, 1023, 1025)
            .boxed().flatMap(n -> java.util.stream.Stream.of(Precision.values()).map(p -> Arguments.of(n, p)));
    }

    /** Whether the F32 kernel stores subnormal row sums as +0, as the reference semantics say. */
    protected boolean flushesSubnormalsInF32() { return true; }

    @org.junit.jupiter.api.Test
    void storesSubnormalF32RowSumsAsZeroAndKeepsThemInF64() {
        // row 0 sums to 1e-40 (subnormal in float, normal in double); row 1 to 1.0
        CsrMatrix a = new CsrMatrix(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, new double[] {1e-30, 1.0});
        double[] p = {1e-10, 1.0}, out = new double[2];
        try (TransferOperatorKernel k = create(a, Precision.F32, KernelOptions.singleThread())) {
            org.junit.jupiter.api.Assumptions.assumeTrue(flushesSubnormalsInF32(), "this backend states a tolerance instead");
            k.load(p);
            k.step(1);
            k.read(out);
            assertThat(out[0]).isZero();
            assertThat(out[1]).isEqualTo(1.0);
        }
        try (TransferOperatorKernel k = create(a, Precision.F64, KernelOptions.singleThread())) {
            k.load(p);
            k.step(1);
            k.read(out);
            assertThat(out[0]).isCloseTo(1e-40, org.assertj.core.data.Offset.offset(1e-52));
        }
    }

    /** A random column-stochastic banded matrix: each column deposits its mass on up to 4 nearby rows. */
    public static CsrMatrix randomStochastic(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] dense = new double[n][n];
        for (int c = 0; c < n; c++) {
            double[] w = new double[4];
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += (w[j] = rnd.nextDouble());
            for (int j = 0; j < 4; j++) {
                int r = Math.floorMod(c + j - 1 + rnd.nextInt(3) - 1, n);
                dense[r][c] += w[j] / sum;
            }
        }
        int nnz = 0;
        for (double[] row : dense) for (double v : row) if (v != 0) nnz++;
        int[] rowPtr = new int[n + 1], col = new int[nnz];
        double[] val = new double[nnz];
        int k = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) if (dense[r][c] != 0) { col[k] = c; val[k++] = dense[r][c]; }
            rowPtr[r + 1] = k;
        }
        return new CsrMatrix(n, n, rowPtr, col, val);
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("cases")
    void matchesTheDoubleReferenceAndConservesMass(int n, Precision precision) {
        CsrMatrix a = randomStochastic(n, 42 + n);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = 1.0 / n;
        p[n / 2] += 1.0;
        for (int i = 0; i < n; i++) p[i] /= 2.0;
        double[] ref = p.clone(), tmp = new double[n];
        int steps = 9;
        for (int s = 0; s < steps; s++) {
            a.multiply(ref, tmp);
            System.arraycopy(tmp, 0, ref, 0, n);
        }
        try (TransferOperatorKernel k = create(a, precision, KernelOptions.singleThread())) {
            k.load(p);
            k.step(4);
            k.step(5);
            double[] out = new double[n];
            k.read(out);
            double max = 0, err = 0, mass = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, Math.abs(ref[i]));
                err = Math.max(err, Math.abs(out[i] - ref[i]));
                mass += out[i];
            }
            assertThat(err / max).isLessThanOrEqualTo(tolerance(precision));
            assertThat(mass).isCloseTo(1.0, org.assertj.core.data.Offset.offset(precision == Precision.F64 ? 1e-12 : 1e-5));
            assertThat(k.bytesPerStep()).isPositive();
        }
    }
}
