package org.sgdbench.kernel.nd4j;

import org.junit.jupiter.api.BeforeEach;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * The ND4J linear-regression kernel (its default formulation, COUNTS) against the scalar reference. Tolerance: the
 * bound derived in {@link Nd4jLinearRegression} (no fused multiply-add, ND4J's summation order), evaluated for each
 * of the contract's two cases with θ's scale read off the reference trajectory; the larger is used. OpenBLAS's GEMM
 * rounds differently on different thread counts, so two thread counts may differ by twice that bound (each run is
 * within it of the reference); {@link Nd4jLinearRegressionTest} checks how far inside the bound the runs really are.
 */
class Nd4jLinearRegressionContractTest extends LinearRegressionContract {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    protected Nd4jLinearRegression.Formulation formulation() { return Nd4jLinearRegression.DEFAULT_FORMULATION; }

    @Override
    protected LinearRegressionKernel create(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        return new Nd4jLinearRegression(spec, precision, seed, options, formulation());
    }

    @Override
    protected double threadTolerance(Precision precision) {
        return 2 * tolerance(precision, Sampling.WITH_REPLACEMENT);
    }

    @Override
    protected double tolerance(Precision precision, Sampling sampling) {
        return Math.max(bound(spec(Datasets.diabetes(), 5, sampling, 0.05, 33), precision),
            bound(spec(tiny(), 2, sampling, 0.3, 33), precision));
    }

    /** The derived bound after the contract's 20 steps, θ's scale the reference's max |θ| over those steps. */
    static double bound(LinearRegression s, Precision precision) {
        double scale = 0;
        double[] th = new double[s.walkers() * s.dim()];
        try (LinearRegressionKernel ref = Backend.SCALAR.require().linearRegression(s, Precision.F64, SEED, KernelOptions.singleThread())) {
            ref.reset();
            for (int t = 0; t <= 20; t++) {
                if (t > 0) ref.advance(1);
                ref.readState(th);
                for (double v : th) scale = Math.max(scale, Math.abs(v));
            }
        }
        return Nd4jLinearRegression.tolerance(s, precision, 20, scale);
    }
}
