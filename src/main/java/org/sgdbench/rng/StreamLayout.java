package org.sgdbench.rng;

/**
 * The one stream layout of sgdbench: which Philox4x32-10 block feeds which random number. Every backend
 * (scalar, SIMD lanes, ND4J buffers, OpenCL work-items, any thread split) asks for exactly these counters, so
 * results do not depend on vector width, block size or thread count.
 *
 * <pre>
 *   key     = (k0, k1) = (low 32 bits of the seed, high 32 bits of the seed)
 *   counter = (c0, c1, c2, c3) = (walker, step, mode, stream)
 *   stream  = {@link #SGD_NOISE} : the minibatch noise of step `step` (0-based) of mode `mode`
 *             {@link #INITIAL}   : the initial position of (walker, mode); step = 0
 *             {@link #COUPLED_NOISE} : coupled 2D models, counter (walker, step, group, COUPLED_NOISE) with
 *                      group g = 0, 1, 2: block g yields the pair (z_{2g}, z_{2g+1}) by the Gaussian / Rademacher
 *                      rule below; z_0 … z_4 are the model's five standard noises, z_5 is unused
 *                      (see kernel.CoupledEnsembleKernel); its initial positions use INITIAL with mode 0 and 1
 *   words   = (w0, w1, w2, w3) of that block
 *   F32     : u1 = uniform24(w0), u2 = uniform24(w1)        (w2, w3 unused)
 *   F64     : u1 = uniform53(w0, w1), u2 = uniform53(w2, w3)
 *   Gaussian: (z_h, z_g) = Box–Muller(u1, u2)  = (r cos 2πu2, r sin 2πu2), r = sqrt(−2 ln u1)
 *   Rademacher: z_h = sign of w0, z_g = sign of w1 (negative iff the top bit is set), both precisions
 *   Initial : x0 = initMean + initSpread · z_h of the INITIAL block (Gaussian, whatever the noise law)
 *
 *   stream  = {@link #MINIBATCH}   : minibatch sample indices, counter (walker, step, draw, MINIBATCH)
 *             {@link #PERMUTATION} : random reshuffling, counter (walker, epoch, position, PERMUTATION)
 *             (the draws, the rejection rule for unbiased integers, Floyd's subsets and the lazy Fisher–Yates
 *             permutations are specified in {@link MinibatchStreams})
 *             retries of a rejected integer draw use c3 = stream | (r << 16), r = 1, 2, …: stream ids stay < 2¹⁶
 * </pre>
 * Walker, step and mode are unsigned 32-bit indices.
 */
public final class StreamLayout {
    public static final int SGD_NOISE = 0;
    public static final int INITIAL = 1;
    public static final int COUPLED_NOISE = 2;
    public static final int MINIBATCH = 3;
    public static final int PERMUTATION = 4;

    private StreamLayout() {}

    public static int key0(long seed) { return (int) seed; }

    public static int key1(long seed) { return (int) (seed >>> 32); }

    /** 23 random bits → a float in (0, 1): (k + ½)·2⁻²³, exact, never 0 or 1 (log stays finite). */
    public static float uniform24(int w) {
        return ((w >>> 9) + 0.5f) * 0x1.0p-23f;
    }

    /** 52 random bits of (w0, w1) → a double in (0, 1): (k + ½)·2⁻⁵², exact, never 0 or 1. */
    public static double uniform53(int w0, int w1) {
        long bits = ((w0 & 0xFFFFFFFFL) << 20) | ((w1 & 0xFFFFFFFFL) >>> 12);
        return (bits + 0.5) * 0x1.0p-52;
    }

    /** Rademacher sign of one word: −1 when the top bit is set, else +1. */
    public static double sign(int w) {
        return w < 0 ? -1.0 : 1.0;
    }

    public static float signF(int w) {
        return w < 0 ? -1.0f : 1.0f;
    }
}
