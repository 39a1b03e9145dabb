package org.sgdbench.kernel.simd;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;

/** The MLP ensemble contract at the JVM's own vector width, within the tolerances the SIMD kernels state. */
class SimdMlpEnsembleContractTest extends MlpEnsembleContract {
    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        return new SimdProvider().mlpEnsemble(spec, train, theta0, precision, options);
    }

    @Override
    protected double tolerance(Precision precision) {
        return precision == Precision.F32 ? SimdMlpEnsembleF32.TOLERANCE : SimdMlpEnsembleF64.TOLERANCE;
    }
}
