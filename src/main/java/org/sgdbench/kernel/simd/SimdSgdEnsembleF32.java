package org.sgdbench.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.kernel.AbstractSgdEnsemble;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.StreamLayout;

/**
 * SGD ensemble in single precision on the Vector API, bit-identical to
 * {@link org.sgdbench.kernel.scalar.ScalarSgdEnsembleF32}: lanes are consecutive walkers of one mode, and every
 * lane computes exactly the scalar operations in the same order. The noise (vector Philox4x32-10 and the
 * portable Box–Muller) is {@link SimdNoiseF32}, shared with {@link SimdNoiseFiller}.
 *
 * <p>Walkers past the last full vector of a block are done by the same vector code with masked loads and
 * stores of the state (the random numbers of the idle lanes are computed and discarded).
 */
public final class SimdSgdEnsembleF32 extends AbstractSgdEnsemble {
    private static final VectorSpecies<Float> FS = SimdNoiseF32.FS;
    private static final int LANES = SimdNoiseF32.LANES;

    private final float[] x, prev;
    private final float[] lambdaF, sigmaHF, sigmaGF;
    private final boolean gaussian;
    /** A mixed pair of noise laws (see {@link NoiseLaws#mixed()}), drawn by {@link SimdNoiseF32#mixedNoise}. */
    private final NoiseLaws mixedLaws;
    private final SimdNoiseF32 noise;

    public SimdSgdEnsembleF32(QuadraticModes spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        SimdLanes.require();
        this.x = new float[walkers * modes];
        this.prev = new float[walkers * modes];
        this.lambdaF = toFloat(lambda);
        this.sigmaHF = toFloat(sigmaH);
        this.sigmaGF = toFloat(sigmaG);
        this.gaussian = spec.noise().hessian() == NoiseLaw.GAUSSIAN;
        this.mixedLaws = spec.noise().mixed() ? spec.noise() : null;
        this.noise = new SimdNoiseF32(key0, key1);
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F32; }

    @Override
    public String device() { return "SIMD " + FS.vectorBitSize() + "-bit (" + LANES + "×f32)"; }

    @Override
    protected void initialise(int from, int to) {
        float[] z = new float[2 * LANES];
        int[] w = SimdNoiseF32.wordScratch();
        float mean = (float) spec.initMean();
        float spread = (float) spec.initSpread();
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < to; i += LANES) {
                noise.noise(true, i, 0, m, StreamLayout.INITIAL, w, z, 0, z, LANES);
                FloatVector x0 = FloatVector.fromArray(FS, z, 0).fma(spread, mean);
                if (i + LANES <= to) {
                    x0.intoArray(x, base + i);
                    x0.intoArray(prev, base + i);
                } else {
                    VectorMask<Float> live = FS.indexInRange(i, to);
                    x0.intoArray(x, base + i, live);
                    x0.intoArray(prev, base + i, live);
                }
            }
        }
    }

    @Override
    protected void advanceBlock(int from, int to, int first, int steps) {
        if (mixedLaws != null) {
            advanceBlockMixed(from, to, first, steps);
            return;
        }
        float[] z = new float[2 * LANES];
        int[] w = SimdNoiseF32.wordScratch();
        int full = from + FS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < full; i += LANES) advanceChunk(m, i, to, first, steps, w, z);
            if (full < to) advanceChunk(m, full, to, first, steps, w, z);
        }
    }

    /** Walkers i … i+L−1 of mode m (those below {@code to}) through the steps; x stays in a register. */
    private void advanceChunk(int m, int i, int to, int first, int steps, int[] w, float[] z) {
        int at = m * walkers + i;
        boolean whole = i + LANES <= to;
        VectorMask<Float> live = whole ? null : FS.indexInRange(i, to);
        FloatVector xv = whole ? FloatVector.fromArray(FS, x, at) : FloatVector.fromArray(FS, x, at, live);
        FloatVector before = xv;
        float lam = lambdaF[m], sh = sigmaHF[m], sg = sigmaGF[m];
        FloatVector minusEta = FloatVector.broadcast(FS, -(float) spec.eta());
        for (int t = first, end = first + steps; t != end; t++) {
            noise.noise(gaussian, i, t, m, StreamLayout.SGD_NOISE, w, z, 0, z, LANES);
            FloatVector h = FloatVector.fromArray(FS, z, 0).fma(sh, lam);       // fma(σh, zh, λ)
            FloatVector g = FloatVector.fromArray(FS, z, LANES).mul(sg);        // σg · zg
            before = xv;
            xv = h.fma(xv, g).fma(minusEta, xv);                                // fma(−η, fma(h, x, g), x)
        }
        if (whole) {
            xv.intoArray(x, at);
            before.intoArray(prev, at);
        } else {
            xv.intoArray(x, at, live);
            before.intoArray(prev, at, live);
        }
    }

    private void advanceBlockMixed(int from, int to, int first, int steps) {
        float[] z = new float[2 * LANES];
        int[] w = SimdNoiseF32.mixedWordScratch();
        int full = from + FS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < full; i += LANES) advanceChunkMixed(m, i, to, first, steps, w, z);
            if (full < to) advanceChunkMixed(m, full, to, first, steps, w, z);
        }
    }

    /**
     * {@link #advanceChunk} for a mixed pair of laws: a separate copy so that the one-law step loop stays as it
     * is (its noise call inlined alone; C2's inlining budget is tight here, see {@link SimdNoiseF32}).
     */
    private void advanceChunkMixed(int m, int i, int to, int first, int steps, int[] w, float[] z) {
        int at = m * walkers + i;
        boolean whole = i + LANES <= to;
        VectorMask<Float> live = whole ? null : FS.indexInRange(i, to);
        FloatVector xv = whole ? FloatVector.fromArray(FS, x, at) : FloatVector.fromArray(FS, x, at, live);
        FloatVector before = xv;
        float lam = lambdaF[m], sh = sigmaHF[m], sg = sigmaGF[m];
        FloatVector minusEta = FloatVector.broadcast(FS, -(float) spec.eta());
        for (int t = first, end = first + steps; t != end; t++) {
            noise.mixedNoise(mixedLaws, i, t, m, StreamLayout.SGD_NOISE, w, z, 0, z, LANES);
            FloatVector h = FloatVector.fromArray(FS, z, 0).fma(sh, lam);       // fma(σh, zh, λ)
            FloatVector g = FloatVector.fromArray(FS, z, LANES).mul(sg);        // σg · zg
            before = xv;
            xv = h.fma(xv, g).fma(minusEta, xv);                                // fma(−η, fma(h, x, g), x)
        }
        if (whole) {
            xv.intoArray(x, at);
            before.intoArray(prev, at);
        } else {
            xv.intoArray(x, at, live);
            before.intoArray(prev, at, live);
        }
    }

    @Override
    public void readState(int mode, double[] xOut, double[] prevOut) {
        int base = mode * walkers;
        for (int i = 0; i < walkers; i++) {
            xOut[i] = x[base + i];
            prevOut[i] = prev[base + i];
        }
    }
}
