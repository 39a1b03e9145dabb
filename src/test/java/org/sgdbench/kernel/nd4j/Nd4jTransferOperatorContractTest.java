package org.sgdbench.kernel.nd4j;

import org.junit.jupiter.api.BeforeEach;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/** The ND4J ELL step (gather, multiply, row sum) against the double CSR reference, with the contract's tolerance. */
class Nd4jTransferOperatorContractTest extends TransferOperatorContract {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    @Override
    protected TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options) {
        return new Nd4jProvider().transferOperator(a, precision, options);
    }

    /** ND4J's gather/multiply/row-sum has no per-row flush; the difference (< 1.2e-38 per cell) is within its tolerance. */
    @Override
    protected boolean flushesSubnormalsInF32() { return false; }
}
