package org.sgdbench.kernel;

/**
 * Generates one step's standardised SGD noise (z_h, z_g) for every walker and mode into flat host arrays laid out
 * mode-major, walker-minor: index m·N + w. Which Philox block feeds which entry is fixed by
 * {@link org.sgdbench.rng.StreamLayout}: block (w, step, m, SGD_NOISE), the F32 or F64 rule and the spec's noise
 * law.
 *
 * <p>Backend-neutral: a kernel that does its arithmetic elsewhere (ND4J buffers) asks
 * {@link BackendProvider#noiseFiller} of the fastest host backend for one. Implementations are bit-identical to
 * the scalar reference and independent of the thread count; the time they take counts in the throughput of the
 * kernel that uses them. One fill at a time: a filler is owned by one kernel.
 */
public interface NoiseFiller extends AutoCloseable {
    /** Fills zh[m·N + w], zg[m·N + w] (length ≥ modes·N) with the F32 noise of step {@code step} (unsigned). */
    void fill(int step, float[] zh, float[] zg);

    /** Fills zh[m·N + w], zg[m·N + w] (length ≥ modes·N) with the F64 noise of step {@code step} (unsigned). */
    void fill(int step, double[] zh, double[] zg);

    /** Short description for {@code device()}, e.g. "scalar Philox4x32-10" or "SIMD 512-bit". */
    String name();

    @Override
    default void close() {}
}
