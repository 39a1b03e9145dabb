package org.sgdbench.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.problem.MlpData;

class MlpMinimumTest {
    @Test
    void lbfgsFindsTheMinimumOfAQuadratic() {
        double[] diag = {1, 10, 100, 0.01};
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                g[i] = diag[i] * (x[i] - i);
                f += 0.5 * diag[i] * (x[i] - i) * (x[i] - i);
            }
            return f;
        }, new double[] {5, 5, 5, 5}, 1e-10, 1000, 5);
        assertThat(r.converged()).isTrue();
        assertThat(r.gradientNorm()).isLessThanOrEqualTo(1e-10);
        for (int i = 0; i < 4; i++) assertThat(r.x()[i]).isCloseTo(i, org.assertj.core.api.Assertions.within(1e-7));
    }

    @Test
    void trainingReachesTheGradientBoundIsReproducibleAndIsCached(@TempDir Path dir) throws Exception {
        MlpData d = MlpModelTest.data(60, 21);
        try (MlpObjective f = new MlpObjective(MlpModelTest.MODEL, d, 1e-2, 2)) {
            MlpMinimum a = MlpMinimum.cachedOrTrain(f, 7, dir);
            assertThat(a.converged()).isTrue();
            assertThat(a.gradientNorm()).isLessThanOrEqualTo(MlpMinimum.GRADIENT_TOLERANCE);
            double[] g = new double[a.theta().length];
            f.lossAndGradient(a.theta(), g);
            assertThat(Lbfgs.norm(g)).isLessThanOrEqualTo(MlpMinimum.GRADIENT_TOLERANCE);
            try (var files = Files.list(dir)) { assertThat(files.count()).isEqualTo(1); }
            MlpMinimum b = MlpMinimum.cachedOrTrain(f, 7, dir); // from the cache
            assertThat(b.theta()).containsExactly(a.theta());
            assertThat(MlpMinimum.train(f, 7).theta()).containsExactly(a.theta()); // retrained: same bits
            assertThat(MlpMinimum.cachedOrTrain(f, 8, dir).theta()).isNotEqualTo(a.theta());
        }
    }
}
