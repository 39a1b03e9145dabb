package org.sgdbench.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.kernel.AbstractSgdEnsemble;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.StreamLayout;

/**
 * {@link NoiseFiller} on the Vector API: the vector Philox4x32-10 and portable Box–Muller of the SIMD ensembles
 * ({@link SimdNoiseF32}, {@link SimdNoiseF64}), bit-identical to the scalar reference.
 *
 * <p>Walkers are split into the fixed blocks of {@link ParallelBlocks} ({@link AbstractSgdEnsemble#BLOCK}
 * walkers, as in the ensembles), so the output does not depend on the thread count. Within a block, full
 * vectors of L walkers are written straight into the caller's arrays; the walkers past the last full vector
 * (only in the last block) go through a small scratch vector and a masked store. Each block owns its scratch,
 * made in the constructor: a fill allocates no array. One fill at a time (the arguments of the fill in progress
 * are fields read by the block bodies; the pool's submit publishes them to its workers).
 */
public final class SimdNoiseFiller implements NoiseFiller {
    private static final VectorSpecies<Float> FS = SimdNoiseF32.FS;
    private static final VectorSpecies<Double> DS = SimdNoiseF64.DS;
    private static final int F32_LANES = SimdNoiseF32.LANES, F64_LANES = SimdNoiseF64.LANES;

    private final int walkers, modes, size;
    private final boolean gaussian;
    /** A mixed pair of noise laws (see {@link NoiseLaws#mixed()}), else null. */
    private final NoiseLaws mixedLaws;
    private final SimdNoiseF32 f32;
    private final SimdNoiseF64 f64;
    private final ParallelBlocks blocks;
    /** Scratch of block b = from / BLOCK: Philox words, and the noise of a partial last vector. */
    private final int[][] words32;
    private final float[][] tail32;
    private final long[][] words64;
    private final double[][] tail64;
    private final ParallelBlocks.Body fillF32, fillF64;

    /** The fill in progress (see class comment). */
    private int step;
    private float[] zhF, zgF;
    private double[] zhD, zgD;

    /**
     * @param spec    walkers, modes and noise law
     * @param seed    the Philox key of {@link StreamLayout}
     * @param threads threads of the filler's own pool (1 = the caller's thread)
     */
    public SimdNoiseFiller(QuadraticModes spec, long seed, int threads) {
        Check.notNull("spec", spec);
        org.sgdbench.problem.Limits.threads(threads);
        SimdLanes.require();
        this.walkers = spec.walkers();
        this.modes = spec.modeCount();
        if ((long) walkers * modes > Integer.MAX_VALUE - 8)
            throw new org.sgdbench.problem.InvalidSpecException("walkers", walkers, "[1, "
                + (Integer.MAX_VALUE - 8) / modes + "] for " + modes + " modes (noise arrays are indexed by int)");
        this.size = walkers * modes;
        this.gaussian = spec.noise().hessian() == NoiseLaw.GAUSSIAN;
        this.mixedLaws = spec.noise().mixed() ? spec.noise() : null;
        // a mixed pair runs its own copy of the block loops, so the one-law loops stay as they are
        this.fillF32 = mixedLaws != null ? this::fillBlockF32Mixed : this::fillBlockF32;
        this.fillF64 = mixedLaws != null ? this::fillBlockF64Mixed : this::fillBlockF64;
        this.f32 = new SimdNoiseF32(StreamLayout.key0(seed), StreamLayout.key1(seed));
        this.f64 = new SimdNoiseF64(StreamLayout.key0(seed), StreamLayout.key1(seed));
        this.blocks = new ParallelBlocks(threads, AbstractSgdEnsemble.BLOCK);
        int count = (walkers + AbstractSgdEnsemble.BLOCK - 1) / AbstractSgdEnsemble.BLOCK;
        words32 = new int[count][];
        tail32 = new float[count][];
        words64 = new long[count][];
        tail64 = new double[count][];
        for (int b = 0; b < count; b++) {
            words32[b] = mixedLaws != null ? SimdNoiseF32.mixedWordScratch() : SimdNoiseF32.wordScratch();
            tail32[b] = new float[2 * F32_LANES];
            words64[b] = SimdNoiseF64.wordScratch();
            tail64[b] = new double[2 * F64_LANES];
        }
    }

    @Override
    public String name() { return "SIMD " + SimdLanes.BITS + "-bit Philox4x32-10"; }

    /** Threads of the filler's pool. */
    public int threads() { return blocks.threads(); }

    @Override
    public void fill(int step, float[] zh, float[] zg) {
        requireLength(zh.length, zg.length);
        this.step = step;
        zhF = zh;
        zgF = zg;
        try {
            blocks.forEach(walkers, fillF32);
        } finally {
            zhF = zgF = null;
        }
    }

    @Override
    public void fill(int step, double[] zh, double[] zg) {
        requireLength(zh.length, zg.length);
        this.step = step;
        zhD = zh;
        zgD = zg;
        try {
            blocks.forEach(walkers, fillF64);
        } finally {
            zhD = zgD = null;
        }
    }

    private void requireLength(int zhLength, int zgLength) {
        if (zhLength < size || zgLength < size)
            throw new IllegalArgumentException("noise arrays of length " + zhLength + ", " + zgLength
                + " < modes·N = " + size);
    }

    private void fillBlockF32(int from, int to) {
        int b = from / AbstractSgdEnsemble.BLOCK;
        int[] w = words32[b];
        float[] zh = zhF, zg = zgF;
        int t = step, full = from + FS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < full; i += F32_LANES)
                f32.noise(gaussian, i, t, m, StreamLayout.SGD_NOISE, w, zh, base + i, zg, base + i);
            if (full < to) {
                float[] tail = tail32[b];
                f32.noise(gaussian, full, t, m, StreamLayout.SGD_NOISE, w, tail, 0, tail, F32_LANES);
                VectorMask<Float> live = FS.indexInRange(full, to);
                FloatVector.fromArray(FS, tail, 0).intoArray(zh, base + full, live);
                FloatVector.fromArray(FS, tail, F32_LANES).intoArray(zg, base + full, live);
            }
        }
    }

    private void fillBlockF32Mixed(int from, int to) {
        int b = from / AbstractSgdEnsemble.BLOCK;
        int[] w = words32[b];
        float[] zh = zhF, zg = zgF;
        int t = step, full = from + FS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < full; i += F32_LANES)
                f32.mixedNoise(mixedLaws, i, t, m, StreamLayout.SGD_NOISE, w, zh, base + i, zg, base + i);
            if (full < to) {
                float[] tail = tail32[b];
                f32.mixedNoise(mixedLaws, full, t, m, StreamLayout.SGD_NOISE, w, tail, 0, tail, F32_LANES);
                VectorMask<Float> live = FS.indexInRange(full, to);
                FloatVector.fromArray(FS, tail, 0).intoArray(zh, base + full, live);
                FloatVector.fromArray(FS, tail, F32_LANES).intoArray(zg, base + full, live);
            }
        }
    }

    private void fillBlockF64(int from, int to) {
        int b = from / AbstractSgdEnsemble.BLOCK;
        long[] w = words64[b];
        double[] zh = zhD, zg = zgD;
        int t = step, full = from + DS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < full; i += F64_LANES)
                f64.noise(gaussian, i, t, m, StreamLayout.SGD_NOISE, w, zh, base + i, zg, base + i);
            if (full < to) {
                double[] tail = tail64[b];
                f64.noise(gaussian, full, t, m, StreamLayout.SGD_NOISE, w, tail, 0, tail, F64_LANES);
                VectorMask<Double> live = DS.indexInRange(full, to);
                DoubleVector.fromArray(DS, tail, 0).intoArray(zh, base + full, live);
                DoubleVector.fromArray(DS, tail, F64_LANES).intoArray(zg, base + full, live);
            }
        }
    }

    private void fillBlockF64Mixed(int from, int to) {
        int b = from / AbstractSgdEnsemble.BLOCK;
        long[] w = words64[b];
        double[] zh = zhD, zg = zgD;
        int t = step, full = from + DS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < full; i += F64_LANES)
                f64.mixedNoise(mixedLaws, i, t, m, StreamLayout.SGD_NOISE, w, zh, base + i, zg, base + i);
            if (full < to) {
                double[] tail = tail64[b];
                f64.mixedNoise(mixedLaws, full, t, m, StreamLayout.SGD_NOISE, w, tail, 0, tail, F64_LANES);
                VectorMask<Double> live = DS.indexInRange(full, to);
                DoubleVector.fromArray(DS, tail, 0).intoArray(zh, base + full, live);
                DoubleVector.fromArray(DS, tail, F64_LANES).intoArray(zg, base + full, live);
            }
        }
    }

    @Override
    public void close() { blocks.close(); }
}
