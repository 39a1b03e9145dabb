package org.sgdbench.kernel.simd;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;

/** The MLP ensemble contract with 128-bit species (4 floats or 2 doubles per vector: other paddings than the native width). */
class Simd128MlpEnsembleContractTest extends SimdMlpEnsembleContractTest {
    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        MlpEnsembleKernel k = SimdWidths.provider(128).mlpEnsemble(spec, train, theta0, precision, options);
        org.assertj.core.api.Assertions.assertThat(k.device()).startsWith("SIMD 128-bit");
        return k;
    }
}
