package org.sgdbench.kernel.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleContract;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** The SGD ensemble contract with the SIMD kernels forced to 256-bit species (see {@link SimdWidths}). */
class Simd256SgdEnsembleContractTest extends SgdEnsembleContract {
    @Override
    protected SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        assumeTrue(SimdWidths.preferredBits() >= 256, "this machine's vectors are narrower than 256 bits");
        BackendProvider p = SimdWidths.provider(256);
        SgdEnsembleKernel k = p.sgdEnsemble(spec, precision, seed, options);
        org.assertj.core.api.Assertions.assertThat(k.device()).startsWith("SIMD 256-bit");
        return k;
    }
}
