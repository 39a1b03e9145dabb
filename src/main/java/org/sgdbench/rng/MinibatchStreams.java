package org.sgdbench.rng;

import org.sgdbench.problem.Sampling;

/**
 * The minibatch index draws of the one stream layout ({@link StreamLayout#MINIBATCH}, {@link
 * StreamLayout#PERMUTATION}). Every backend, vector width and thread split that draws minibatches asks for exactly
 * these numbers, so every backend trains on exactly the same minibatches.
 *
 * <pre>
 *   uniform integer in [0, m), draw j of (walker, step) in stream s — Lemire's multiply-shift with rejection:
 *     for r = 0, 1, 2, …: block (walker, step, j, s | r<<16), words w0..w3 in order:
 *       p = w · m (unsigned 32 × 32 → 64 bits);  lo = p mod 2³²
 *       accept unless lo < (2³² − m) mod m;  value = p >>> 32
 *     (no modulo bias; a rejection has probability below m / 2³², so retries almost never happen)
 *   with replacement     : index j of step t = uniform(n) of draw j, j = 0 … b−1
 *   without replacement  : Floyd's algorithm, in this order: for j = 0 … b−1: J = n − b + j;
 *                          t = uniform(J + 1) of draw j; index j = (t already among indices 0 … j−1) ? J : t
 *   random reshuffling   : E = floor(n/b) steps per epoch; step t is batch k = t mod E of epoch e = t / E.
 *                          The epoch's permutation p starts as the identity and is shuffled by forward Fisher–Yates:
 *                          for i = 0 … n−2: s = i + uniform(n − i) of block (walker, e, i, PERMUTATION); swap p[i], p[s].
 *                          Batch k = p[kb … kb+b−1]. Only the swaps for positions kb … kb+b−1 are done at batch k
 *                          (lazily; positions ≥ E·b are never needed), on a per-walker array of n ints.
 * </pre>
 * All methods are allocation-free: the caller passes a 4-int scratch array for the block words.
 */
public final class MinibatchStreams {
    private MinibatchStreams() {}

    /** The rejection threshold (2³² − m) mod m of Lemire's method, for 1 ≤ m ≤ 2³¹−1. */
    public static int threshold(int m) {
        return (int) (((1L << 32) - m) % m);
    }

    /** One attempt of Lemire's method on word {@code w}: the value in [0, m), or −1 if the word is rejected. */
    public static int lemire(int w, int m, int threshold) {
        long p = (w & 0xFFFFFFFFL) * m;
        if (Integer.compareUnsigned((int) p, threshold) < 0) return -1;
        return (int) (p >>> 32);
    }

    /** Uniform integer in [0, m) of draw {@code draw} of (walker, step) in {@code stream}; 1 ≤ m ≤ 2³¹−1. */
    public static int uniform(int k0, int k1, int walker, int step, int draw, int stream, int m, int[] words) {
        int thr = threshold(m);
        for (int r = 0; ; r++) {
            Philox4x32.block(walker, step, draw, stream | (r << 16), k0, k1, words);
            for (int a = 0; a < 4; a++) {
                int v = lemire(words[a], m, thr);
                if (v >= 0) return v;
            }
        }
    }

    /** The b indices of step {@code step} of {@code walker}, sampled with replacement, into out[off … off+b). */
    public static void withReplacement(int k0, int k1, int walker, int step, int n, int b, int[] out, int off, int[] words) {
        for (int j = 0; j < b; j++) out[off + j] = uniform(k0, k1, walker, step, j, StreamLayout.MINIBATCH, n, words);
    }

    /** The b distinct indices of step {@code step} of {@code walker} (Floyd's algorithm), into out[off … off+b). */
    public static void withoutReplacement(int k0, int k1, int walker, int step, int n, int b, int[] out, int off, int[] words) {
        for (int j = 0; j < b; j++) {
            int big = n - b + j;
            int t = uniform(k0, k1, walker, step, j, StreamLayout.MINIBATCH, big + 1, words);
            boolean seen = false;
            for (int q = 0; q < j; q++) if (out[off + q] == t) { seen = true; break; }
            out[off + j] = seen ? big : t;
        }
    }

    /**
     * The b indices of step {@code step} of {@code walker} under random reshuffling, into out[off … off+b).
     * {@code perm[permOff … permOff+n)} is this walker's permutation state: it must be the state left by the
     * previous step of the same walker, except at the first batch of an epoch, where it is reset here. So a kernel
     * calls this for every step of a walker, in order (and after a reset starts again at step 0).
     */
    public static void reshuffled(int k0, int k1, int walker, int step, int n, int b, int[] perm, int permOff,
                                  int[] out, int off, int[] words) {
        int perEpoch = n / b;
        int epoch = Integer.divideUnsigned(step, perEpoch);
        int k = Integer.remainderUnsigned(step, perEpoch);
        if (k == 0) for (int i = 0; i < n; i++) perm[permOff + i] = i;
        int from = k * b;
        for (int i = from; i < from + b; i++) {
            if (i < n - 1) {
                int s = i + uniform(k0, k1, walker, epoch, i, StreamLayout.PERMUTATION, n - i, words);
                int tmp = perm[permOff + i];
                perm[permOff + i] = perm[permOff + s];
                perm[permOff + s] = tmp;
            }
            out[off + i - from] = perm[permOff + i];
        }
    }

    /** Dispatches on {@code sampling}; {@code perm} is used (and required) only for {@link Sampling#RESHUFFLING}. */
    public static void batch(Sampling sampling, int k0, int k1, int walker, int step, int n, int b, int[] perm,
                             int permOff, int[] out, int off, int[] words) {
        switch (sampling) {
            case WITH_REPLACEMENT -> withReplacement(k0, k1, walker, step, n, b, out, off, words);
            case WITHOUT_REPLACEMENT -> withoutReplacement(k0, k1, walker, step, n, b, out, off, words);
            case RESHUFFLING -> reshuffled(k0, k1, walker, step, n, b, perm, permOff, out, off, words);
        }
    }
}
