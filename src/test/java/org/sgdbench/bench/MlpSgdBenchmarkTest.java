package org.sgdbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.mlp.MlpMinimum;
import org.sgdbench.mlp.MlpModel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.Precision;

class MlpSgdBenchmarkTest {
    @Test
    void declaredWorkCountsSampleGradientsAndTheirFlops() {
        DeclaredWork w = MlpSgdBenchmark.work(Map.of("hidden", "32", "batch", "32", "walkers", "1024",
            "stepsPerOp", "2", "precision", "F32"));
        assertThat(w.unit()).isEqualTo("sample-gradients");
        assertThat(w.unitsPerOp()).isEqualTo(1024.0 * 32 * 2);
        assertThat(w.flopsPerUnit()).isEqualTo(316.0 * 32 + 50 + 4.0 * 2410 / 32);
        assertThat(w.bytesPerUnit()).isEqualTo(4 * (64 + 3.0 * 2410 / 32));
        assertThat(BenchmarkCatalog.forBenchmark(MlpSgdBenchmark.class.getName() + ".advance")).isPresent();
    }

    @Test
    void setupCheckAcceptsTheScalarKernelInBothPrecisions() {
        MlpData train = MlpData.digitsSplit(MlpSgdBenchmark.TRAIN, MlpSgdBenchmark.SEED)[0];
        double[] theta0 = MlpMinimum.initialWeights(new MlpModel(64, 8, 10), 3);
        for (Precision p : Precision.values())
            assertThatCode(() -> MlpSgdBenchmark.checkOneStep(Backend.SCALAR, p, MlpSgdBenchmark.spec(8, 16, 3), train,
                theta0, new KernelOptions(2, "any"))).doesNotThrowAnyException();
    }
}
