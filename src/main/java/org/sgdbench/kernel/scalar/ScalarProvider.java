package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** Plain Java: the reference semantics of every kernel. Always available. */
public final class ScalarProvider implements BackendProvider {
    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Availability probe() { return Availability.yes("plain Java, always available"); }

    @Override
    public SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return precision == Precision.F64
            ? new ScalarSgdEnsembleF64(spec, seed, options)
            : new ScalarSgdEnsembleF32(spec, seed, options);
    }

    @Override
    public org.sgdbench.kernel.CoupledEnsembleKernel coupledEnsemble(org.sgdbench.problem.CoupledQuadratic2D spec,
                                                                     Precision precision, long seed,
                                                                     KernelOptions options) {
        return new ScalarCoupledEnsemble(spec, precision, seed, options);
    }

    @Override
    public TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        return new ScalarTransferOperator(operator, precision, options);
    }
}
