package org.sgdbench.kernel.simd;

import jdk.incubator.vector.DoubleVector;
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
 * SGD ensemble in double precision on the Vector API, bit-identical to
 * {@link org.sgdbench.kernel.scalar.ScalarSgdEnsembleF64}: lane j of a chunk is walker i + j of one mode, every
 * lane computes exactly the scalar operations in the same order. The noise (vector Philox4x32-10 and the
 * portable Box–Muller) is {@link SimdNoiseF64}, shared with {@link SimdNoiseFiller}.
 */
public final class SimdSgdEnsembleF64 extends AbstractSgdEnsemble {
    private static final VectorSpecies<Double> DS = SimdNoiseF64.DS;
    private static final int LANES = SimdNoiseF64.LANES;

    private final double[] x, prev;
    private final boolean gaussian;
    /** A mixed pair of noise laws (see {@link NoiseLaws#mixed()}), drawn by {@link SimdNoiseF64#mixedNoise}. */
    private final NoiseLaws mixedLaws;
    private final SimdNoiseF64 noise;

    public SimdSgdEnsembleF64(QuadraticModes spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        SimdLanes.require();
        this.x = new double[walkers * modes];
        this.prev = new double[walkers * modes];
        this.gaussian = spec.noise().hessian() == NoiseLaw.GAUSSIAN;
        this.mixedLaws = spec.noise().mixed() ? spec.noise() : null;
        this.noise = new SimdNoiseF64(key0, key1);
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F64; }

    @Override
    public String device() { return "SIMD " + DS.vectorBitSize() + "-bit (" + LANES + "×f64)"; }

    @Override
    protected void initialise(int from, int to) {
        double[] z = new double[2 * LANES];
        long[] w = SimdNoiseF64.wordScratch();
        double mean = spec.initMean(), spread = spec.initSpread();
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < to; i += LANES) {
                noise.noise(true, i, 0, m, StreamLayout.INITIAL, w, z, 0, z, LANES);
                DoubleVector x0 = DoubleVector.fromArray(DS, z, 0).fma(spread, mean);
                if (i + LANES <= to) {
                    x0.intoArray(x, base + i);
                    x0.intoArray(prev, base + i);
                } else {
                    VectorMask<Double> live = DS.indexInRange(i, to);
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
        double[] z = new double[2 * LANES];
        long[] w = SimdNoiseF64.wordScratch();
        int full = from + DS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < full; i += LANES) advanceChunk(m, i, to, first, steps, w, z);
            if (full < to) advanceChunk(m, full, to, first, steps, w, z);
        }
    }

    /** Walkers i … i+L−1 of mode m (those below {@code to}) through the steps; x stays in a register. */
    private void advanceChunk(int m, int i, int to, int first, int steps, long[] w, double[] z) {
        int at = m * walkers + i;
        boolean whole = i + LANES <= to;
        VectorMask<Double> live = whole ? null : DS.indexInRange(i, to);
        DoubleVector xv = whole ? DoubleVector.fromArray(DS, x, at) : DoubleVector.fromArray(DS, x, at, live);
        DoubleVector before = xv;
        double lam = lambda[m], sh = sigmaH[m], sg = sigmaG[m];
        DoubleVector minusEta = DoubleVector.broadcast(DS, -spec.eta());
        for (int t = first, end = first + steps; t != end; t++) {
            noise.noise(gaussian, i, t, m, StreamLayout.SGD_NOISE, w, z, 0, z, LANES);
            DoubleVector h = DoubleVector.fromArray(DS, z, 0).fma(sh, lam);     // fma(σh, zh, λ)
            DoubleVector g = DoubleVector.fromArray(DS, z, LANES).mul(sg);      // σg · zg
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
        double[] z = new double[2 * LANES];
        long[] w = SimdNoiseF64.wordScratch();
        int full = from + DS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < full; i += LANES) advanceChunkMixed(m, i, to, first, steps, w, z);
            if (full < to) advanceChunkMixed(m, full, to, first, steps, w, z);
        }
    }

    /**
     * {@link #advanceChunk} for a mixed pair of laws: a separate copy so that the one-law step loop stays as it
     * is (its noise call inlined alone; C2's inlining budget is tight here, see {@link SimdNoiseF64}).
     */
    private void advanceChunkMixed(int m, int i, int to, int first, int steps, long[] w, double[] z) {
        int at = m * walkers + i;
        boolean whole = i + LANES <= to;
        VectorMask<Double> live = whole ? null : DS.indexInRange(i, to);
        DoubleVector xv = whole ? DoubleVector.fromArray(DS, x, at) : DoubleVector.fromArray(DS, x, at, live);
        DoubleVector before = xv;
        double lam = lambda[m], sh = sigmaH[m], sg = sigmaG[m];
        DoubleVector minusEta = DoubleVector.broadcast(DS, -spec.eta());
        for (int t = first, end = first + steps; t != end; t++) {
            noise.mixedNoise(mixedLaws, i, t, m, StreamLayout.SGD_NOISE, w, z, 0, z, LANES);
            DoubleVector h = DoubleVector.fromArray(DS, z, 0).fma(sh, lam);     // fma(σh, zh, λ)
            DoubleVector g = DoubleVector.fromArray(DS, z, LANES).mul(sg);      // σg · zg
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
        System.arraycopy(x, mode * walkers, xOut, 0, walkers);
        System.arraycopy(prev, mode * walkers, prevOut, 0, walkers);
    }
}
