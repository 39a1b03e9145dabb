package org.sgdbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/** The benchmark's setup check and declared work (the timing itself belongs to JMH). */
class LinearRegressionSgdBenchmarkTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Sampling.class)
    void theSetupCheckPassesOnTheScalarReference(Sampling s) {
        LinearRegressionSgdBenchmark.checkAgainstTheory(Backend.SCALAR.require(), Precision.F32, Datasets.diabetes(), 8, s);
    }

    @Test
    void declaresSampleGradientsAndFlopsPerSample() {
        DeclaredWork w = LinearRegressionSgdBenchmark.work(Map.of("walkers", "1000", "batch", "8", "stepsPerOp", "4",
            "precision", "F64", "dataset", "diabetes"));
        assertThat(w.unit()).isEqualTo("sample-gradients");
        assertThat(w.unitsPerOp()).isEqualTo(1000.0 * 4 * 8);
        assertThat(w.flopsPerUnit()).isCloseTo(44 + 22.0 / 8, within(1e-12));
        assertThat(BenchmarkCatalog.forBenchmark(LinearRegressionSgdBenchmark.class.getName() + ".advance")).isPresent();
    }
}
