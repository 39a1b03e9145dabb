package org.sgdbench.kernel.nd4j;

/**
 * Generates one step's standardised noise (z_h, z_g) for every walker and mode, on the Java side, into flat
 * host arrays laid out as the ND4J state: index m·N + w (mode-major, walker-minor). Which Philox block feeds
 * which entry is fixed by {@link org.sgdbench.rng.StreamLayout}: block (w, step, m, SGD_NOISE).
 *
 * <p>A small pluggable piece so that the ND4J ensemble can use the fastest generator the suite has (the scalar
 * one here, the Vector API one of {@code kernel/simd} once it is plugged in). Implementations must be
 * bit-identical to the scalar reference and independent of the thread count; the time they take counts in the
 * ND4J kernel's throughput.
 */
public interface NoiseFiller extends AutoCloseable {
    /** Fills zh[m·N + w], zg[m·N + w] (length modes·N) with the F32 noise of step {@code step} (unsigned). */
    void fill(int step, float[] zh, float[] zg);

    /** Fills zh[m·N + w], zg[m·N + w] (length modes·N) with the F64 noise of step {@code step} (unsigned). */
    void fill(int step, double[] zh, double[] zg);

    /** Short description for {@code device()}, e.g. "scalar Philox4x32-10". */
    String name();

    @Override
    default void close() {}
}
