package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

class ScalarTransferOperatorContractTest extends TransferOperatorContract {
    @Override
    protected TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options) {
        return new ScalarProvider().transferOperator(a, precision, options);
    }
}
