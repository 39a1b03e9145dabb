package org.sgdbench.kernel.aparapi;

import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/** The transfer-operator contract on Aparapi's Java thread pool (multi-pass ping-pong without OpenCL). */
class AparapiJtpTransferOperatorContractTest extends TransferOperatorContract {
    @Override
    protected TransferOperatorKernel create(CsrMatrix a, Precision precision, KernelOptions options) {
        return new AparapiTransferOperator(a, precision, new KernelOptions(2, "jtp"));
    }
}
