package org.sgdbench.kernel.nd4j;

import java.util.Map;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * ND4J (nd4j-native, CPU, OpenBLAS) backend. Available when the ND4J natives load on this platform; the probe
 * loads them once (a few seconds) and reports the reason when they do not. Kernels: {@link Nd4jSgdEnsemble}
 * and {@link Nd4jTransferOperator}, F32 and F64.
 */
public final class Nd4jProvider implements BackendProvider {
    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Availability probe() { return Nd4jRuntime.probe(); }

    @Override
    public Map<String, String> environment() {
        return probe().available() ? Nd4jRuntime.environment() : Map.of("nd4j.unavailable", probe().reason());
    }

    @Override
    public SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new Nd4jSgdEnsemble(spec, precision, seed, options);
    }

    @Override
    public TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        return new Nd4jTransferOperator(operator, precision, options);
    }
}
