package org.sgdbench.kernel.aparapi;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;

/**
 * The MLP ensemble contract on Aparapi's Java thread pool (device=jtp): runs everywhere, OpenCL or not, and says
 * so in {@code device()}. Within the tolerance the OpenCL kernel states ({@link AparapiMlpEnsemble}).
 */
class AparapiJtpMlpEnsembleContractTest extends MlpEnsembleContract {
    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        MlpEnsembleKernel k = new AparapiMlpEnsemble(spec, train, theta0, precision, new KernelOptions(options.threads(), "jtp"));
        org.assertj.core.api.Assertions.assertThat(k.device()).contains("Java thread pool");
        return k;
    }

    @Override
    protected double tolerance(Precision precision) {
        return precision == Precision.F64 ? AparapiMlpEnsemble.TOLERANCE_F64 : AparapiMlpEnsemble.TOLERANCE_F32;
    }
}
