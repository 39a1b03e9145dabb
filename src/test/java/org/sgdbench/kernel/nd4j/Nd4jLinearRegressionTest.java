package org.sgdbench.kernel.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * How close ND4J really comes to the reference. The contract checks the derived worst-case bound, which is loose
 * (it adds every rounding at its largest size); here the deviation must be a few roundings: at most 32 unit
 * roundoffs after 20 steps, for both formulations, every sampling mode, both precisions (measured: at most 3.6).
 * A wrong minibatch or a missing term moves θ by far more, so this catches what the loose bound could miss.
 */
class Nd4jLinearRegressionTest {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Nd4jLinearRegression.Formulation.class)
    void deviatesFromTheReferenceByAFewRoundingsOnly(Nd4jLinearRegression.Formulation formulation) {
        for (Precision precision : Precision.values()) {
            double unit = precision == Precision.F64 ? 0x1.0p-53 : 0x1.0p-24;
            for (Sampling sampling : Sampling.values()) {
                LinearRegression s = LinearRegressionContract.spec(Datasets.diabetes(), 5, sampling, 0.05, 65);
                try (LinearRegressionKernel ref = Backend.SCALAR.require().linearRegression(s, precision, 3, KernelOptions.singleThread());
                     LinearRegressionKernel k = new Nd4jLinearRegression(s, precision, 3, new KernelOptions(2, "any"), formulation)) {
                    ref.reset();
                    k.reset();
                    ref.advance(20);
                    k.advance(20);
                    double[] a = new double[65 * 11], r = new double[65 * 11];
                    ref.readState(r);
                    k.readState(a);
                    double worst = 0;
                    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - r[i]) / (1 + Math.abs(r[i])));
                    assertThat(worst).as("%s %s %s", formulation, precision, sampling).isLessThanOrEqualTo(32 * unit);
                }
            }
        }
    }
}
