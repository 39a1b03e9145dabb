package org.sgdbench.kernel.aparapi;

import org.junit.jupiter.api.BeforeAll;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;

/**
 * The MLP ensemble contract on the OpenCL device under test (PoCL in CI), within the tolerance the kernel states
 * ({@link AparapiMlpEnsemble}). Skipped, with the reason, where there is no OpenCL device.
 */
class AparapiMlpEnsembleContractTest extends MlpEnsembleContract {
    private static AparapiTarget target;

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        AparapiTestDevice.assumePrecision(target, precision);
        return new AparapiMlpEnsemble(spec, train, theta0, precision, options, target);
    }

    @Override
    protected double tolerance(Precision precision) {
        return precision == Precision.F64 ? AparapiMlpEnsemble.TOLERANCE_F64 : AparapiMlpEnsemble.TOLERANCE_F32;
    }
}
