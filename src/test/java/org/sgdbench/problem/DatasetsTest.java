package org.sgdbench.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void diabetesIsZScoredWithAnInterceptColumn() {
        Dataset d = Datasets.diabetes();
        assertThat(d.n()).isEqualTo(442);
        assertThat(d.d()).isEqualTo(11);
        assertThat(d.features()).endsWith("intercept").startsWith("age", "sex");
        for (int j = 0; j < 10; j++) {
            double m = 0, s = 0;
            for (int i = 0; i < d.n(); i++) m += d.x(i, j);
            for (int i = 0; i < d.n(); i++) s += d.x(i, j) * d.x(i, j);
            assertThat(m / d.n()).isCloseTo(0, within(1e-12));
            assertThat(s / d.n()).isCloseTo(1, within(1e-12));
        }
        for (int i = 0; i < d.n(); i++) assertThat(d.x(i, 10)).isEqualTo(1.0);
    }

    @Test
    void diabetesAsGivenKeepsTheRawNumbers() {
        Dataset d = Datasets.diabetes(Standardization.NONE);
        assertThat(d.d()).isEqualTo(10);
        assertThat(d.x(0, 0)).isEqualTo(59);   // first patient: age 59, bmi 32.1, progression 151
        assertThat(d.x(0, 2)).isEqualTo(32.1);
        assertThat(d.y(0)).isEqualTo(151);
    }

    @Test
    void digitsArePixelsInTheUnitIntervalWithTenClasses() {
        Dataset d = Datasets.digits();
        assertThat(d.n()).isEqualTo(1797);
        assertThat(d.d()).isEqualTo(64);
        assertThat(java.util.Arrays.stream(d.x()).min().orElseThrow()).isZero();
        assertThat(java.util.Arrays.stream(d.x()).max().orElseThrow()).isEqualTo(1.0);
        assertThat(java.util.Arrays.stream(d.y()).distinct().sorted().toArray())
            .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aConstantColumnCannotBeZScored() {
        double[][] raw = {{1, 5}, {2, 5}, {3, 5}};
        assertThatThrownBy(() -> Datasets.regression("t", List.of("a", "b"), "y", raw, new double[] {1, 2, 4},
            Standardization.ZSCORE)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("column b");
    }

    @Test
    void specRejectsABatchLargerThanTheDataset() {
        Dataset d = Datasets.regression("t", List.of("a"), "y", new double[][] {{1}, {2}, {3}}, new double[] {1, 2, 4},
            Standardization.NONE);
        assertThatThrownBy(() -> new LinearRegression(d, 4, Sampling.WITH_REPLACEMENT, 0.1, 10, 8, new double[] {0}, 0))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("batch").hasMessageContaining("[1, 3]");
        assertThat(Sampling.WITHOUT_REPLACEMENT.kappa(3, 3)).isZero();
        assertThat(Sampling.WITH_REPLACEMENT.kappa(3, 2)).isEqualTo(0.5);
    }
}
