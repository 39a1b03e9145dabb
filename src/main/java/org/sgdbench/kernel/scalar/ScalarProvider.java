package org.sgdbench.kernel.scalar;

import java.util.Optional;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Check;
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

    /** The scalar Philox4x32-10 + portable Box–Muller, on {@code options.threads()} threads. */
    @Override
    public Optional<NoiseFiller> noiseFiller(QuadraticModes spec, Precision precision, long seed,
                                             KernelOptions options) {
        Check.notNull("precision", precision);
        return Optional.of(new ScalarNoiseFiller(Check.notNull("spec", spec), seed,
            Check.notNull("options", options).threads()));
    }

    @Override
    public org.sgdbench.kernel.CoupledEnsembleKernel coupledEnsemble(org.sgdbench.problem.CoupledQuadratic2D spec,
                                                                     Precision precision, long seed,
                                                                     KernelOptions options) {
        return new ScalarCoupledEnsemble(spec, precision, seed, options);
    }

    @Override
    public org.sgdbench.kernel.LinearRegressionKernel linearRegression(org.sgdbench.problem.LinearRegression spec,
                                                                       Precision precision, long seed,
                                                                       KernelOptions options) {
        Check.notNull("spec", spec);
        return Check.notNull("precision", precision) == Precision.F64
            ? new ScalarLinearRegressionF64(spec, seed, Check.notNull("options", options))
            : new ScalarLinearRegressionF32(spec, seed, Check.notNull("options", options));
    }

    @Override
    public TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        return new ScalarTransferOperator(operator, precision, options);
    }

    @Override
    public org.sgdbench.kernel.MlpEnsembleKernel mlpEnsemble(org.sgdbench.problem.MlpSpec spec,
                                                             org.sgdbench.problem.MlpData train, double[] theta0,
                                                             Precision precision, KernelOptions options) {
        return new ScalarMlpEnsemble(spec, train, theta0, precision, options);
    }
}
