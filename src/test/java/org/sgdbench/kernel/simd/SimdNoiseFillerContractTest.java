package org.sgdbench.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.NoiseFillerContract;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** The SIMD noise filler at the JVM's own width, as {@link SimdProvider#noiseFiller} hands it out. */
class SimdNoiseFillerContractTest extends NoiseFillerContract {
    @Override
    protected NoiseFiller create(QuadraticModes spec, Precision precision, long seed, int threads) {
        NoiseFiller f = new SimdProvider().noiseFiller(spec, precision, seed, new KernelOptions(threads, "any"))
            .orElseThrow();
        assertThat(f).isInstanceOf(SimdNoiseFiller.class);
        assertThat(((SimdNoiseFiller) f).threads()).isEqualTo(threads);
        return f;
    }

    @Test
    void namesTheVectorWidth() {
        try (NoiseFiller f = create(spec(), Precision.F32, 1, 1)) {
            assertThat(f.name()).isEqualTo("SIMD " + SimdLanes.BITS + "-bit Philox4x32-10");
        }
    }

    @Test
    void refusesArraysShorterThanModesTimesWalkers() {
        try (NoiseFiller f = create(spec(), Precision.F64, 1, 1)) {
            assertThatThrownBy(() -> f.fill(0, new double[9], new double[10]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modes·N = 10");
            assertThatThrownBy(() -> f.fill(0, new float[10], new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modes·N = 10");
        }
    }

    private static QuadraticModes spec() {
        return new QuadraticModes(List.of(Mode.of(1, 0, 1), Mode.of(2, 0, 1)), NoiseLaw.GAUSSIAN, 0.1, 1, 5, 0, 1);
    }
}
