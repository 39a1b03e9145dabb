package org.sgdbench.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/** The transfer-operator contract, plus the stronger SIMD claim: bit-identical to scalar, any thread count. */
class SimdTransferOperatorContractTest extends TransferOperatorContract {
    @Override
    protected TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options) {
        return new SimdProvider().transferOperator(a, precision, options);
    }

    static java.util.stream.Stream<Arguments> sizes() {
        return java.util.stream.IntStream.of(1, 17, 1025, 2_003).boxed()
            .flatMap(n -> java.util.stream.Stream.of(Precision.values()).map(p -> Arguments.of(n, p)));
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("sizes")
    void isBitIdenticalToTheScalarKernelAndCountsItsPadding(int n, Precision precision) {
        CsrMatrix a = randomStochastic(n, 7 + n);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = (i % 5 + 1.0) / n;
        double[] ref = new double[n], out = new double[n];
        try (TransferOperatorKernel s = Backend.SCALAR.require().transferOperator(a, precision, KernelOptions.singleThread());
             TransferOperatorKernel k = create(a, precision, KernelOptions.singleThread().withThreads(3))) {
            s.load(p);
            k.load(p);
            s.step(6);
            k.step(6);
            s.read(ref);
            k.read(out);
            for (int i = 0; i < n; i++)
                assertThat(Double.doubleToRawLongBits(out[i])).as("row %d: %s vs %s", i, out[i], ref[i])
                    .isEqualTo(Double.doubleToRawLongBits(ref[i]));
            SimdTransferOperator sell = (SimdTransferOperator) k;
            assertThat(sell.storedEntries()).isGreaterThanOrEqualTo(a.nnz());
            long prec = precision.bytes();
            // the SELL traffic is at least the padded values + indices and both vectors
            assertThat(k.bytesPerStep()).isGreaterThanOrEqualTo(sell.storedEntries() * (prec + 4) + 2L * n * prec);
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Precision.class)
    void aNonFiniteDensityReachesOnlyTheRowsThatReadIt(Precision precision) {
        // rows 0..2 read column 0 only; rows 3..n-1 read nothing (empty rows, padded in the same slice)
        int n = 37;
        int[] rowPtr = new int[n + 1];
        for (int r = 0; r < n; r++) rowPtr[r + 1] = rowPtr[r] + (r < 3 ? 1 : 0);
        CsrMatrix a = new CsrMatrix(n, n, rowPtr, new int[] {0, 0, 0}, new double[] {0.5, 0.25, 0.25});
        double[] p = new double[n];
        p[0] = Double.POSITIVE_INFINITY;
        double[] out = new double[n];
        try (TransferOperatorKernel k = create(a, precision, KernelOptions.singleThread())) {
            k.load(p);
            k.step(1);
            k.read(out);
        }
        assertThat(out[0]).isEqualTo(Double.POSITIVE_INFINITY);
        for (int i = 3; i < n; i++) assertThat(out[i]).as("row %d", i).isEqualTo(0.0);
    }
}
