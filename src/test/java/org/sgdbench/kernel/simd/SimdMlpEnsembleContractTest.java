package org.sgdbench.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/** The MLP ensemble contract at the JVM's own vector width, within the tolerances the SIMD kernels state. */
class SimdMlpEnsembleContractTest extends MlpEnsembleContract {
    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        return new SimdProvider().mlpEnsemble(spec, train, theta0, precision, options);
    }

    @Override
    protected double tolerance(Precision precision) {
        return precision == Precision.F32 ? SimdMlpEnsembleF32.TOLERANCE : SimdMlpEnsembleF64.TOLERANCE;
    }

    /**
     * The contract's H = 5, b = 3 fit in one vector of hidden units and fewer than 4 samples, so they only reach the
     * kernels' remainder loops; H = 21 (padded to 2 or more vectors) and b = 7 (one block of 4 samples and 3 more)
     * take the register-blocked paths too, at every vector width this class runs at.
     */
    @Test
    void registerBlockedPathsFollowTheReference() {
        MlpSpec s = new MlpSpec(21, 7, Sampling.WITHOUT_REPLACEMENT, 0.3, 20, 3, 1e-3, 11, TRAIN.size());
        for (Precision precision : Precision.values()) {
            double[] t0 = start(s);
            try (MlpEnsembleKernel ref = Backend.SCALAR.require().mlpEnsemble(s, TRAIN, t0, precision, KernelOptions.singleThread());
                 MlpEnsembleKernel k = create(s, TRAIN, t0, precision, KernelOptions.singleThread())) {
                ref.advance(20);
                k.advance(20);
                double[] a = new double[s.parameters()], b = new double[s.parameters()];
                double dev = 0;
                for (int w = 0; w < 3; w++) {
                    ref.readWalker(w, a);
                    k.readWalker(w, b);
                    for (int i = 0; i < a.length; i++) dev = Math.max(dev, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
                }
                assertThat(dev).as(precision.name()).isLessThanOrEqualTo(tolerance(precision));
                assertThat(a).as("the walkers moved").isNotEqualTo(t0);
            }
        }
    }
}
