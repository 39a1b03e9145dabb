package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleContract;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

class ScalarSgdEnsembleContractTest extends SgdEnsembleContract {
    @Override
    protected SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new ScalarProvider().sgdEnsemble(spec, precision, seed, options);
    }
}
