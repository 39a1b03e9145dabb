package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.NoiseQuadrature2D;
import org.sgdbench.problem.Sampling;
import org.sgdbench.theory.LinearRegressionTheory;

/** The enumerated minibatch maps carry exactly the moments the theory uses. */
class MinibatchMapsTest {
    private static final Dataset TINY = LinearRegressionContract.tiny();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Sampling.class, names = {"WITH_REPLACEMENT", "WITHOUT_REPLACEMENT"})
    void atomsHaveMeanZeroAndTheTheorysGradientNoiseCovariance(Sampling s) {
        int b = 3;
        LinearRegressionTheory th = LinearRegressionTheory.of(TINY, b, s, 0.1);
        MinibatchMaps maps = MinibatchMaps.of(TINY, b, s, th.thetaStar());
        // multisets of 3 out of 5: C(7, 3) = 35; subsets: C(5, 3) = 10
        assertThat(maps.size()).isEqualTo(s == Sampling.WITH_REPLACEMENT ? 35 : 10);
        NoiseQuadrature2D q = maps.quadrature2D();
        double[] w = q.w(), xi = q.xi();
        double[] mean = new double[5], g2 = new double[3];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            sum += w[k];
            for (int j = 0; j < 5; j++) mean[j] += w[k] * xi[k * 5 + j];
            g2[0] += w[k] * xi[k * 5 + 3] * xi[k * 5 + 3];
            g2[1] += w[k] * xi[k * 5 + 3] * xi[k * 5 + 4];
            g2[2] += w[k] * xi[k * 5 + 4] * xi[k * 5 + 4];
        }
        assertThat(sum).isCloseTo(1, within(1e-14));
        for (double m : mean) assertThat(m).isCloseTo(0, within(1e-13));
        double[] sigma = th.gradientNoiseCovariance();
        assertThat(g2[0]).isCloseTo(sigma[0], within(1e-13));
        assertThat(g2[1]).isCloseTo(sigma[1], within(1e-13));
        assertThat(g2[2]).isCloseTo(sigma[3], within(1e-13));
    }

    @Test
    void countsAndLimits() {
        assertThat(MinibatchMaps.count(442, 4, Sampling.WITHOUT_REPLACEMENT)).isGreaterThan(MinibatchMaps.MAX_MAPS);
        assertThat(MinibatchMaps.applies(Datasets.diabetes(), 1, Sampling.WITH_REPLACEMENT)).isFalse(); // d = 11
        assertThat(MinibatchMaps.applies(TINY, 2, Sampling.RESHUFFLING)).isFalse();
        assertThatThrownBy(() -> MinibatchMaps.of(TINY, 2, Sampling.RESHUFFLING, new double[2]))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("grid law");
    }
}
