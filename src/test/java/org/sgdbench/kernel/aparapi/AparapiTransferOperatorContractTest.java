package org.sgdbench.kernel.aparapi;

import org.junit.jupiter.api.BeforeAll;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/** The transfer-operator contract on the OpenCL device under test; skipped with the reason where there is none. */
class AparapiTransferOperatorContractTest extends TransferOperatorContract {
    private static AparapiTarget target;

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    @Override
    protected TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options) {
        AparapiTestDevice.assumePrecision(target, precision);
        return new AparapiTransferOperator(a, precision, options, target);
    }
}
