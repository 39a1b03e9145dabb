package org.sgdbench.kernel.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/** The transfer-operator contract with 256-bit species (SELL-8 in F32, SELL-4 in F64). */
class Simd256TransferOperatorContractTest extends TransferOperatorContract {
    @Override
    protected TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options) {
        assumeTrue(SimdWidths.preferredBits() >= 256, "this machine's vectors are narrower than 256 bits");
        TransferOperatorKernel k = SimdWidths.provider(256).transferOperator(a, precision, options);
        org.assertj.core.api.Assertions.assertThat(k.device()).startsWith("SIMD 256-bit");
        return k;
    }
}
