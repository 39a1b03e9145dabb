package org.sgdbench.kernel.nd4j;

import org.junit.jupiter.api.BeforeEach;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleContract;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * The ND4J ensemble against the scalar reference. Tolerance: ND4J has no fused multiply-add, so each of the
 * reference's three fma per step becomes a multiply and an add (see {@link Nd4jSgdEnsemble}); the thread test
 * is inherited unchanged (element-wise ops, no reductions: bit-identical at any thread count).
 */
class Nd4jSgdEnsembleContractTest extends SgdEnsembleContract {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    @Override
    protected SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new Nd4jProvider().sgdEnsemble(spec, precision, seed, options);
    }

    @Override
    protected double tolerance(Precision precision, NoiseLaws noise) {
        return precision == Precision.F64 ? Nd4jSgdEnsemble.TOLERANCE_F64 : Nd4jSgdEnsemble.TOLERANCE_F32;
    }
}
