package org.sgdbench.kernel.aparapi;

import org.junit.jupiter.api.BeforeAll;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleContract;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * The SGD ensemble contract on the OpenCL device under test (PoCL in CI), device-resident. Skipped, with the
 * reason, where there is no OpenCL device.
 *
 * <p>threads: KernelOptions.threads() does not apply to OpenCL (the driver schedules the compute units), so the
 * contract's thread-count test here compares two independent kernel instances (separate contexts and buffers);
 * {@link AparapiSgdEnsembleTest#resultsDoNotDependOnTheWorkGroupSize} covers the OpenCL launch geometry.
 */
class AparapiSgdEnsembleContractTest extends SgdEnsembleContract {
    private static AparapiTarget target;

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    @Override
    protected SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        AparapiTestDevice.assumePrecision(target, precision);
        return new AparapiSgdEnsemble(spec, precision, seed, options, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 0, target);
    }

    @Override
    protected double tolerance(Precision precision, NoiseLaws noise) { return AparapiTolerances.openCL(target, precision, noise); }
}
