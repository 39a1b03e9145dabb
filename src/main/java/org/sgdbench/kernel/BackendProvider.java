package org.sgdbench.kernel;

import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * One adapter per backend library behind one interface (as in Java Matrix Benchmark). Implementations live in
 * the backend's sub-package and are loaded reflectively by {@link Backend}, so that the scalar path never links
 * against the Vector API, ND4J or Aparapi.
 */
public interface BackendProvider {
    Backend backend();

    /** Whether this backend can run here; called once, the answer is cached by {@link Backend}. */
    Availability probe();

    /**
     * What this backend runs on, for the hardware profile and every result: library versions, BLAS vendor,
     * OpenCL platforms and devices, vector width, thread settings. Empty by default.
     */
    default java.util.Map<String, String> environment() { return java.util.Map.of(); }

    /**
     * The largest relative deviation this backend's SGD trajectories may show against the scalar reference
     * from the same seed, max |x − x_ref| / (1 + |x_ref|) after the accuracy pass's steps; 0 = bit-identical.
     * Backends that cannot fuse multiply-adds or reassociate must state theirs.
     */
    default double trajectoryTolerance(Precision precision) { return 0; }

    /**
     * A generator of the SGD noise of {@code spec} (see {@link NoiseFiller}) running on this backend's host code,
     * for kernels that do their arithmetic elsewhere; {@code precision} is the one the caller will fill (both
     * fill methods work). Empty when this backend has none.
     */
    default java.util.Optional<NoiseFiller> noiseFiller(QuadraticModes spec, Precision precision, long seed,
                                                        KernelOptions options) {
        return java.util.Optional.empty();
    }

    /** Creates an SGD ensemble kernel, or throws {@link KernelNotSupportedException}. */
    SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options);

    /** Creates a coupled 2D ensemble kernel, or throws {@link KernelNotSupportedException}. */
    default CoupledEnsembleKernel coupledEnsemble(org.sgdbench.problem.CoupledQuadratic2D spec, Precision precision,
                                                  long seed, KernelOptions options) {
        throw new KernelNotSupportedException(backend().id() + " has no coupled-ensemble kernel");
    }

    /** Creates a minibatch linear-regression ensemble kernel, or throws {@link KernelNotSupportedException}. */
    default LinearRegressionKernel linearRegression(org.sgdbench.problem.LinearRegression spec, Precision precision,
                                                    long seed, KernelOptions options) {
        throw new KernelNotSupportedException(backend().id() + " has no linear-regression kernel");
    }

    /**
     * Creates an MLP ensemble kernel on the training set {@code train} with every walker at {@code theta0}, or throws
     * {@link KernelNotSupportedException}.
     */
    default MlpEnsembleKernel mlpEnsemble(org.sgdbench.problem.MlpSpec spec, org.sgdbench.problem.MlpData train,
                                          double[] theta0, Precision precision, KernelOptions options) {
        throw new KernelNotSupportedException(backend().id() + " has no MLP ensemble kernel");
    }

    /** Creates a transfer-operator step kernel for {@code operator}, or throws {@link KernelNotSupportedException}. */
    default TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        throw new KernelNotSupportedException(backend().id() + " has no transfer-operator kernel");
    }
}
