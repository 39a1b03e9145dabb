package org.sgdbench.kernel;

import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * Bookkeeping shared by the host-memory linear-regression kernels (scalar, SIMD): the spec unpacked, the Philox
 * key, the step counter, the block-parallel executor, per-walker permutation state for random reshuffling, and
 * per-block scratch (minibatch indices, Philox words) allocated once so that {@link #advance} allocates nothing
 * per step. Subclasses own θ and the dataset copy in their precision.
 */
public abstract class AbstractLinearRegression implements LinearRegressionKernel {
    /**
     * Walkers per parallel block. A walker-step costs 2·b·d FMAs plus b index draws, far more than a quadratic
     * mode's step, so blocks are smaller than {@link AbstractSgdEnsemble#BLOCK}. Boundaries depend on the walker
     * count only, never on the thread count: results are identical at any thread count.
     */
    public static final int BLOCK = 256;

    protected final LinearRegression spec;
    protected final int walkers, n, d, batch;
    protected final Sampling sampling;
    protected final int key0, key1;
    protected final ParallelBlocks blocks;
    /** Random reshuffling only: walker w's permutation of the n samples in perm[w·n … w·n + n); else null. */
    protected final int[] perm;
    /** Per block: the b indices of the current minibatch, and 4 Philox words. */
    protected final int[][] indexScratch, wordScratch;
    protected long stepsDone;

    protected AbstractLinearRegression(LinearRegression spec, long seed, KernelOptions options) {
        this.spec = spec;
        this.walkers = spec.walkers();
        this.n = spec.data().n();
        this.d = spec.dim();
        this.batch = spec.batch();
        this.sampling = spec.sampling();
        this.key0 = StreamLayout.key0(seed);
        this.key1 = StreamLayout.key1(seed);
        if (sampling == Sampling.RESHUFFLING && (long) walkers * n > Integer.MAX_VALUE - 8)
            throw new org.sgdbench.problem.InvalidSpecException("walkers", walkers,
                "at most " + (Integer.MAX_VALUE - 8) / n + " with random reshuffling on " + n + " samples (one permutation per walker)");
        this.perm = sampling == Sampling.RESHUFFLING ? new int[walkers * n] : null;
        int blockCount = (walkers + BLOCK - 1) / BLOCK;
        this.indexScratch = new int[blockCount][batch];
        this.wordScratch = new int[blockCount][4];
        this.blocks = new ParallelBlocks(options.threads(), BLOCK);
    }

    @Override
    public LinearRegression spec() { return spec; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public final void reset() {
        blocks.forEach(walkers, this::initialise);
        stepsDone = 0;
    }

    @Override
    public final void advance(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        final int first = (int) stepsDone;
        blocks.forEach(walkers, (from, to) -> advanceBlock(from, to, first, steps));
        stepsDone += steps;
    }

    /**
     * The initial value of parameter j of walker w in F64: center_j + initSpread · z_h of the Gaussian F64 block
     * (w, 0, j, INITIAL), one fma. F32 kernels round this value once.
     */
    protected final double initialValue(int w, int j, double[] center, int[] words, double[] pair) {
        Philox4x32.block(w, 0, j, StreamLayout.INITIAL, key0, key1, words);
        Gaussian.pair(StreamLayout.uniform53(words[0], words[1]), StreamLayout.uniform53(words[2], words[3]), pair);
        return Math.fma(spec.initSpread(), pair[0], center[j]);
    }

    /** Draws the minibatch of (walker, step) into {@code out[0 … b)}, continuing the walker's permutation state. */
    protected final void drawBatch(int walker, int step, int[] out, int[] words) {
        MinibatchStreams.batch(sampling, key0, key1, walker, step, n, batch, perm, walker * n, out, 0, words);
    }

    /** The block number of a block starting at walker {@code from}: the index of its scratch arrays. */
    protected static int blockOf(int from) { return from / BLOCK; }

    /** Sets walkers [from, to) to their initial parameters. */
    protected abstract void initialise(int from, int to);

    /** Advances walkers [from, to) through steps first … first + steps − 1. */
    protected abstract void advanceBlock(int from, int to, int first, int steps);

    @Override
    public String toString() {
        Precision p = precision();
        return backend().id() + " linear regression " + p + " (" + spec + ")";
    }

    @Override
    public void close() { blocks.close(); }

    /** The F32 kernels' copy of an F64 array (dataset, targets), each value rounded once. */
    protected static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
