package org.sgdbench.kernel.nd4j;

import org.junit.jupiter.api.BeforeEach;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;

/** The ND4J MLP ensemble against the scalar reference, within the tolerance it states (see {@link Nd4jMlpEnsemble}). */
class Nd4jMlpEnsembleContractTest extends MlpEnsembleContract {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        return new Nd4jProvider().mlpEnsemble(spec, train, theta0, precision, options);
    }

    @Override
    protected double tolerance(Precision precision) {
        return precision == Precision.F64 ? Nd4jMlpEnsemble.TOLERANCE_F64 : Nd4jMlpEnsemble.TOLERANCE_F32;
    }
}
