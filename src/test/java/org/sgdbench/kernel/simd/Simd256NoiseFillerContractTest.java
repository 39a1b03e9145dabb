package org.sgdbench.kernel.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.NoiseFillerContract;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** The noise filler contract with the SIMD classes forced to 256-bit species (see {@link SimdWidths}). */
class Simd256NoiseFillerContractTest extends NoiseFillerContract {
    @Override
    protected NoiseFiller create(QuadraticModes spec, Precision precision, long seed, int threads) {
        assumeTrue(SimdWidths.preferredBits() >= 256, "this machine's vectors are narrower than 256 bits");
        NoiseFiller f = SimdWidths.provider(256).noiseFiller(spec, precision, seed, new KernelOptions(threads, "any"))
            .orElseThrow();
        org.assertj.core.api.Assertions.assertThat(f.name()).startsWith("SIMD 256-bit");
        return f;
    }
}
