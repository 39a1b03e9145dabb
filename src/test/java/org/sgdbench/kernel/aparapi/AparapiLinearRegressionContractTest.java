package org.sgdbench.kernel.aparapi;

import org.junit.jupiter.api.BeforeAll;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * The linear-regression contract on the OpenCL device under test (PoCL in CI). Skipped, with the reason, where
 * there is no OpenCL device. Tolerance 0 on PoCL: the kernel's only floating operation is OpenCL's correctly rounded
 * fma, in the reference's order (see {@link AparapiLinearRegression}); elsewhere the provider's stated tolerance.
 * KernelOptions.threads() does not apply to OpenCL, so the thread test compares two independent instances.
 */
class AparapiLinearRegressionContractTest extends LinearRegressionContract {
    private static AparapiTarget target;

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    @Override
    protected LinearRegressionKernel create(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        AparapiTestDevice.assumePrecision(target, precision);
        return new AparapiLinearRegression(spec, precision, seed, options, target);
    }

    @Override
    protected boolean threadsOptionApplies() { return false; }

    @Override
    protected double tolerance(Precision precision, Sampling sampling) {
        return AparapiTolerances.isPocl(target) ? 0 : new AparapiProvider().trajectoryTolerance(precision);
    }
}
