package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * Minibatch SGD on least squares as an Aparapi kernel, single precision: one work-item per walker, all steps of a
 * launch in a loop inside {@link #run}. The reference semantics are those of
 * {@link org.sgdbench.kernel.LinearRegressionKernel}; the minibatch indices are drawn in the kernel, operation for
 * operation as {@link org.sgdbench.rng.MinibatchStreams} does (Philox block, Lemire's multiply-shift with
 * rejection, Floyd's subsets, the lazy forward Fisher–Yates of random reshuffling).
 *
 * <p>Layout: every per-walker array is column-major, element k of walker w at {@code k·stride + w} (stride = the
 * padded walker count), so that neighbouring work-items touch neighbouring addresses (coalesced on a GPU, one
 * vector load on PoCL). The dataset is row-major {@code x[i·d + j]}, read-only, shared by all work-items.
 * {@code gradient}, {@code drawn} (Floyd's indices of the current step) and {@code permutation} (the reshuffling
 * state, n ints per walker) live on the device only: they are never transferred.
 *
 * <p>Written for Aparapi's translator: flat final primitive arrays, primitive fields, no objects, no switch, no
 * break; the Philox round keys are a small read-only array.
 */
final class MinibatchSgdKernelF32 extends Kernel {
    static final int WITH_REPLACEMENT = 0;
    static final int WITHOUT_REPLACEMENT = 1;
    static final int RESHUFFLING = 2;
    private static final long M0 = Philox4x32.M0 & 0xFFFFFFFFL;
    private static final long M1 = Philox4x32.M1 & 0xFFFFFFFFL;

    /** θ, [j·stride + w]. */
    final float[] theta;
    /** Σ over the minibatch of xᵢ·rᵢ, [j·stride + w] (device scratch). */
    final float[] gradient;
    /** The indices drawn so far this step (Floyd's membership test), [q·stride + w] (device scratch). */
    final int[] drawn;
    /** Random reshuffling: the walker's permutation of the current epoch, [i·stride + w] (device state). */
    final int[] permutation;
    /** Features, row-major n×d, and targets, rounded to float once. */
    final float[] x;
    final float[] y;
    /** Philox4x32-10 key schedule: (k0, k1) of round r at 2r, 2r+1. */
    final int[] roundKeys;
    final int walkers;
    final int stride;
    final int n;
    final int d;
    final int batch;
    final int sampling;
    /** −η/b, rounded once to float. */
    final float stepFactor;

    int firstStep;
    int steps;

    MinibatchSgdKernelF32(int walkers, int stride, int n, int d, int batch, int sampling, float[] x, float[] y,
                          int[] roundKeys, float stepFactor) {
        this.walkers = walkers;
        this.stride = stride;
        this.n = n;
        this.d = d;
        this.batch = batch;
        this.sampling = sampling;
        this.x = x;
        this.y = y;
        this.roundKeys = roundKeys;
        this.stepFactor = stepFactor;
        this.theta = new float[stride * d];
        this.gradient = new float[stride * d];
        this.drawn = new int[sampling == WITHOUT_REPLACEMENT ? stride * batch : 1];
        this.permutation = new int[sampling == RESHUFFLING ? stride * n : 1];
    }

    @Override
    public void run() {
        int w = getGlobalId();
        if (w < walkers) {
            int perEpoch = n / batch;
            for (int s = 0; s < steps; s++) {
                int step = firstStep + s;
                for (int j = 0; j < d; j++) gradient[j * stride + w] = 0f;
                // random reshuffling: epoch and batch within it (the step counter is unsigned)
                long unsignedStep = step & 0xFFFFFFFFL;
                int epoch = (int) (unsignedStep / perEpoch);
                int k = (int) (unsignedStep - (long) epoch * perEpoch);
                if (sampling == RESHUFFLING && k == 0)
                    for (int i = 0; i < n; i++) permutation[i * stride + w] = i;
                for (int q = 0; q < batch; q++) {
                    int i = 0;
                    if (sampling == WITH_REPLACEMENT) {
                        i = uniform(w, step, q, StreamLayout.MINIBATCH, n);
                    } else if (sampling == WITHOUT_REPLACEMENT) {
                        int big = n - batch + q;
                        int t = uniform(w, step, q, StreamLayout.MINIBATCH, big + 1);
                        int seen = 0;
                        for (int p = 0; p < q; p++) seen = drawn[p * stride + w] == t ? 1 : seen;
                        i = seen == 1 ? big : t;
                        drawn[q * stride + w] = i;
                    } else {
                        int pos = k * batch + q;
                        if (pos < n - 1) {
                            int swap = pos + uniform(w, epoch, pos, StreamLayout.PERMUTATION, n - pos);
                            int tmp = permutation[pos * stride + w];
                            permutation[pos * stride + w] = permutation[swap * stride + w];
                            permutation[swap * stride + w] = tmp;
                        }
                        i = permutation[pos * stride + w];
                    }
                    int row = i * d;
                    float r = -y[i];
                    for (int j = 0; j < d; j++) r = fma(x[row + j], theta[j * stride + w], r);
                    for (int j = 0; j < d; j++) gradient[j * stride + w] = fma(x[row + j], r, gradient[j * stride + w]);
                }
                for (int j = 0; j < d; j++) theta[j * stride + w] = fma(stepFactor, gradient[j * stride + w], theta[j * stride + w]);
            }
        }
    }

    /**
     * A uniform integer in [0, m) of draw {@code draw} of (walker, step) in {@code stream}: Lemire's multiply-shift
     * on the words of Philox blocks (walker, step, draw, stream | r≪16), r = 0, 1, …, until one is accepted.
     */
    private int uniform(int walker, int step, int draw, int stream, int m) {
        long threshold = (4294967296L - m) % m;
        int value = -1;
        for (int r = 0; value < 0; r++) {
            int c0 = walker;
            int c1 = step;
            int c2 = draw;
            int c3 = stream | (r << 16);
            for (int round = 0; round < 10; round++) {
                long p0 = M0 * (c0 & 0xFFFFFFFFL);
                long p1 = M1 * (c2 & 0xFFFFFFFFL);
                c0 = ((int) (p1 >>> 32)) ^ c1 ^ roundKeys[2 * round];
                c2 = ((int) (p0 >>> 32)) ^ c3 ^ roundKeys[2 * round + 1];
                c1 = (int) p1;
                c3 = (int) p0;
            }
            value = lemire(c0, m, threshold);
            if (value < 0) value = lemire(c1, m, threshold);
            if (value < 0) value = lemire(c2, m, threshold);
            if (value < 0) value = lemire(c3, m, threshold);
        }
        return value;
    }

    /** One attempt of Lemire's method: the value in [0, m), or −1 when the low half falls below the threshold. */
    private int lemire(int word, int m, long threshold) {
        long p = (word & 0xFFFFFFFFL) * m;
        return (p & 0xFFFFFFFFL) < threshold ? -1 : (int) (p >>> 32);
    }
}
