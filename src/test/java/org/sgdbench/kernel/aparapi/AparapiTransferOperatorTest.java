package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.scalar.ScalarTransferOperator;
import org.sgdbench.problem.Precision;

/** Aparapi transfer operator beyond the contract: on PoCL it is the scalar kernel of its precision, bit for bit. */
class AparapiTransferOperatorTest {
    private static AparapiTarget target;

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    /**
     * Rows sum their products in CSR order with a separate multiply and add, as the scalar kernel does; PoCL
     * (LLVM) contracts a·b + c only within one expression, so nothing may differ. Other drivers are not held to
     * this (the contract's tolerance applies there).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void equalsTheScalarKernelBitForBitOnPocl(Precision p) {
        assumeTrue(AparapiTolerances.isPocl(target), "bit-identity is measured on PoCL only: " + target.description());
        AparapiTestDevice.assumePrecision(target, p);
        int n = 1031;
        CsrMatrix a = TransferOperatorContract.randomStochastic(n, 7);
        double[] density = new double[n];
        for (int i = 0; i < n; i++) density[i] = (1.0 + (i % 13)) / (7.0 * n);
        double[] expected = new double[n], actual = new double[n];
        try (ScalarTransferOperator scalar = new ScalarTransferOperator(a, p, KernelOptions.singleThread());
             AparapiTransferOperator aparapi = new AparapiTransferOperator(a, p, KernelOptions.singleThread(), target)) {
            scalar.load(density);
            aparapi.load(density);
            scalar.step(3);
            aparapi.step(3);
            scalar.step(8);
            aparapi.step(8);
            scalar.read(expected);
            aparapi.read(actual);
        }
        for (int i = 0; i < n; i++)
            assertThat(Double.doubleToRawLongBits(actual[i])).as("row %d", i).isEqualTo(Double.doubleToRawLongBits(expected[i]));
    }
}
