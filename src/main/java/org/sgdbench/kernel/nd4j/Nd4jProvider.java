package org.sgdbench.kernel.nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * ND4J (nd4j-native, CPU, OpenBLAS) backend. Available when the ND4J natives load on this platform; the probe
 * loads them once (a few seconds) and reports the reason when they do not. Kernels: {@link Nd4jSgdEnsemble}
 * (its noise from the SIMD backend's generator when available, see {@link Nd4jSgdEnsemble#fastestNoise}) and
 * {@link Nd4jTransferOperator} and {@link Nd4jLinearRegression}, F32 and F64.
 */
public final class Nd4jProvider implements BackendProvider {
    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Availability probe() { return Nd4jRuntime.probe(); }

    /**
     * ND4J cannot fuse multiply-adds: each step rounds about three times more than the reference, and on the
     * accuracy pass's contracting or neutral maps (|1 − ηh| ≲ 1 on average) those roundings add up linearly over
     * at most a few hundred steps: ≤ 1024 ulp of the trajectory's scale (2⁻¹³ in F32, 2⁻⁴² in F64). Measured in the
     * quick run: 1.1e-6 (F32) and 2.2e-15 (F64) after up to 300 steps.
     */
    @Override
    public double trajectoryTolerance(Precision precision) {
        return precision == Precision.F64 ? 0x1.0p-42 : 0x1.0p-13;
    }

    /** ND4J's runtime ({@link Nd4jRuntime#environment()}) and the noise generator its ensembles use here. */
    @Override
    public Map<String, String> environment() {
        if (!probe().available()) return Map.of("nd4j.unavailable", probe().reason());
        Map<String, String> env = new LinkedHashMap<>(Nd4jRuntime.environment());
        QuadraticModes tiny = new QuadraticModes(List.of(Mode.of(1, 0, 1)), NoiseLaw.GAUSSIAN, 0.1, 1, 1, 0, 1);
        try (NoiseFiller noise = Nd4jSgdEnsemble.fastestNoise(tiny, Precision.F32, 0, KernelOptions.singleThread())) {
            env.put("nd4j.noise", noise.name());
        }
        Availability simd = Backend.SIMD.availability();
        env.put("nd4j.noise.choice", simd.available() ? "SIMD backend available: its vector generator"
            : "SIMD backend unavailable (" + simd.reason() + "): the scalar generator");
        return env;
    }

    @Override
    public SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new Nd4jSgdEnsemble(spec, precision, seed, options);
    }

    /** Host-drawn minibatches, whole-ensemble ND4J ops ({@link Nd4jLinearRegression}). */
    @Override
    public LinearRegressionKernel linearRegression(LinearRegression spec, Precision precision, long seed,
                                                   KernelOptions options) {
        return new Nd4jLinearRegression(spec, precision, seed, options);
    }

    @Override
    public TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        return new Nd4jTransferOperator(operator, precision, options);
    }

    /** Batched matrix products over walkers; tolerance in {@link Nd4jMlpEnsemble}. */
    @Override
    public org.sgdbench.kernel.MlpEnsembleKernel mlpEnsemble(org.sgdbench.problem.MlpSpec spec,
                                                             org.sgdbench.problem.MlpData train, double[] theta0,
                                                             Precision precision, KernelOptions options) {
        return new Nd4jMlpEnsemble(spec, train, theta0, precision, options);
    }
}
