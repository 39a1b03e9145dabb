package org.sgdbench.kernel.aparapi;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * The linear-regression contract on Aparapi's Java thread pool (device=jtp): runs everywhere, OpenCL or not; there
 * KernelOptions.threads() is the pool's thread count. Tolerance: the pool's unfused fma
 * ({@link AparapiLinearRegression#JTP_TOLERANCE_F32}).
 */
class AparapiJtpLinearRegressionContractTest extends LinearRegressionContract {
    @Override
    protected LinearRegressionKernel create(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        return new AparapiLinearRegression(spec, precision, seed, new KernelOptions(options.threads(), "jtp"));
    }

    @Override
    protected double tolerance(Precision precision, Sampling sampling) {
        return precision == Precision.F64 ? AparapiLinearRegression.JTP_TOLERANCE_F64 : AparapiLinearRegression.JTP_TOLERANCE_F32;
    }
}
