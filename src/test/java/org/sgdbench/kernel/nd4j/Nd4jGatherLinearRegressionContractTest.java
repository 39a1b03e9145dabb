package org.sgdbench.kernel.nd4j;

import org.sgdbench.problem.Precision;

/**
 * The same contract for the GATHER formulation (gathered rows, batched products): its ops are element-wise or split
 * by walker, never inside a sum, so it is bit-identical at any thread count.
 */
class Nd4jGatherLinearRegressionContractTest extends Nd4jLinearRegressionContractTest {
    @Override
    protected Nd4jLinearRegression.Formulation formulation() { return Nd4jLinearRegression.Formulation.GATHER; }

    @Override
    protected double threadTolerance(Precision precision) { return 0; }
}
