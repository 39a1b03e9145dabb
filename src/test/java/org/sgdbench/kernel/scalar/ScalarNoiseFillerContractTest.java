package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.NoiseFillerContract;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** The scalar noise filler, as {@link ScalarProvider#noiseFiller} hands it out, against the stream layout. */
class ScalarNoiseFillerContractTest extends NoiseFillerContract {
    @Override
    protected NoiseFiller create(QuadraticModes spec, Precision precision, long seed, int threads) {
        return new ScalarProvider().noiseFiller(spec, precision, seed, new KernelOptions(threads, "any")).orElseThrow();
    }
}
