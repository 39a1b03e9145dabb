package org.sgdbench.kernel.aparapi;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleContract;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * The SGD ensemble contract on Aparapi's Java thread pool (device=jtp): runs everywhere, OpenCL or not. Here
 * KernelOptions.threads() is the pool's thread count (one Java thread per work-item of a group), so the contract's
 * thread-count test applies as written. Tolerance: see {@link AparapiTolerances#javaThreadPool}.
 */
class AparapiJtpSgdEnsembleContractTest extends SgdEnsembleContract {
    @Override
    protected SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new AparapiSgdEnsemble(spec, precision, seed, new KernelOptions(options.threads(), "jtp"));
    }

    @Override
    protected double tolerance(Precision precision, NoiseLaws noise) { return AparapiTolerances.javaThreadPool(precision); }
}
