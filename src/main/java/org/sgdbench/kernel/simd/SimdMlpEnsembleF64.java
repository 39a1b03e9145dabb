package org.sgdbench.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.StreamLayout;

/**
 * SIMD MLP ensemble in double precision: the same matrix-shaped step as {@link SimdMlpEnsembleF32} (one walker at a
 * time, vectorised over hidden units, W1 stored transposed, 4 samples × 2 vectors register blocks, fused
 * multiply-adds, the Vector API's TANH and EXP, the W1 update applied as each gradient block is complete), on
 * double lanes: half as many hidden units per vector, and P doubles (~19 KB at H = 32) per walker, still within L1.
 *
 * <p><b>Tolerance.</b> Not bit-identical to the scalar reference (which runs {@code mlp.MlpModel}'s own code): the
 * FMA roundings, the two partial sums of the logits, the regrouped update θ(1−ημ) − (η/b)G and the vector tanh/exp
 * (SVML on x86, ~1 ulp against {@code Math}'s) each add a few ulp per step, summed over the steps as in the F32
 * kernel's argument: ≲ 12–24 ulp over the contract's 20 steps at η = 0.3. Stated: {@link #TOLERANCE} = 2⁻⁴⁷ (32 ulp
 * of 2⁻⁵²), checked by the MLP contract test against the scalar F64 kernel at 512 and 128 bits. Measured (contract
 * spec, every sampling mode, AVX-512 machine): 8.5e-16–1.1e-15, 4–5 ulp. Bit-identical at any thread count.
 */
final class SimdMlpEnsembleF64 implements MlpEnsembleKernel {
    /** Stated max |θ − θ_ref| / (1 + |θ_ref|) against the scalar F64 kernel after the contract's 20 steps. */
    static final double TOLERANCE = 0x1.0p-47;

    private static final VectorSpecies<Double> S = SimdLanes.DOUBLE;
    private static final int L = S.length();
    private static final int D = 64, C = 10;
    /** Walkers per parallel block (one scratch allocation per block and advance, none per step). */
    private static final int WALKER_BLOCK = 16;

    private final MlpSpec spec;
    private final int H, P, Hp, Cp, oB1, oW2, oB2, PK;
    private final int walkers, n, batch, k0, k1;
    private final double keep, rate;
    private final double[] x, theta, theta0k;
    private final int[] labels, perm;
    private final ParallelBlocks blocks;
    private long steps;

    SimdMlpEnsembleF64(MlpSpec spec, MlpData train, double[] theta0, KernelOptions options) {
        SimdLanes.require();
        this.spec = Check.notNull("spec", spec);
        if (train.size() != spec.trainSize() || train.inputs() != D || train.classes() != C)
            throw new InvalidSpecException("train", train.size() + " samples", spec.trainSize() + " digits samples");
        H = spec.hidden();
        P = H * D + H + C * H + C;
        if (theta0.length != P) throw new InvalidSpecException("theta0", theta0.length + " values", P + " values");
        Hp = (H + L - 1) / L * L;
        Cp = (C + L - 1) / L * L;
        oB1 = D * Hp;
        oW2 = oB1 + Hp;
        oB2 = oW2 + C * Hp;
        PK = oB2 + Cp;
        walkers = spec.walkers();
        n = train.size();
        batch = spec.batch();
        k0 = StreamLayout.key0(spec.seed());
        k1 = StreamLayout.key1(spec.seed());
        keep = (1 - spec.eta() * spec.penalty());
        rate = (spec.eta() / batch);
        labels = train.labels().clone();
        x = new double[n * D];
        for (int i = 0; i < x.length; i++) x[i] = train.features()[i];
        theta0k = new double[PK];
        toKernelLayout(theta0, theta0k, 0);
        theta = new double[walkers * PK];
        perm = spec.sampling() == Sampling.RESHUFFLING ? new int[walkers * n] : null;
        blocks = new ParallelBlocks(options.threads(), WALKER_BLOCK);
        reset();
    }

    /** Reference layout (W1[j,m], b1, W2[k,j], b2) → this kernel's padded layout (W1T[m,j], b1, W2[k,j], b2). */
    private void toKernelLayout(double[] src, double[] dst, int o) {
        int sB1 = H * D, sW2 = sB1 + H, sB2 = sW2 + C * H;
        for (int j = 0; j < H; j++) {
            for (int m = 0; m < D; m++) dst[o + m * Hp + j] = src[j * D + m];
            dst[o + oB1 + j] = src[sB1 + j];
            for (int k = 0; k < C; k++) dst[o + oW2 + k * Hp + j] = src[sW2 + k * H + j];
        }
        for (int k = 0; k < C; k++) dst[o + oB2 + k] = src[sB2 + k];
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F64; }

    @Override
    public MlpSpec spec() { return spec; }

    @Override
    public String device() { return "SIMD " + SimdLanes.BITS + "-bit, " + L + " hidden units per vector"; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public void reset() {
        for (int w = 0; w < walkers; w++) System.arraycopy(theta0k, 0, theta, w * PK, PK);
        steps = 0;
    }

    @Override
    public long stepsDone() { return steps; }

    @Override
    public void readWalker(int walker, double[] out) {
        Check.inRange("walker", walker, 0, walkers - 1);
        int o = walker * PK, sB1 = H * D, sW2 = sB1 + H, sB2 = sW2 + C * H;
        for (int j = 0; j < H; j++) {
            for (int m = 0; m < D; m++) out[j * D + m] = theta[o + m * Hp + j];
            out[sB1 + j] = theta[o + oB1 + j];
            for (int k = 0; k < C; k++) out[sW2 + k * H + j] = theta[o + oW2 + k * Hp + j];
        }
        for (int k = 0; k < C; k++) out[sB2 + k] = theta[o + oB2 + k];
    }

    /** Per-thread scratch of one step: the minibatch, activations, δ's and the transposed W2. */
    private final class Scratch {
        final int[] idx = new int[batch], words = new int[4];
        final double[] xb = new double[batch * D], a = new double[batch * Hp], d1 = new double[batch * Hp];
        final double[] d2 = new double[batch * Cp], w2t = new double[Hp * Cp];
    }

    @Override
    public void advance(int count) {
        if (count < 1) throw new InvalidSpecException("steps", count, "[1, " + Integer.MAX_VALUE + "]");
        long first = steps;
        blocks.forEach(walkers, (from, to) -> {
            Scratch sc = new Scratch();
            for (int w = from; w < to; w++)
                for (int s = 0; s < count; s++) step(w, first + s, sc);
        });
        steps += count;
    }

    private void step(int w, long step, Scratch sc) {
        int o = w * PK;
        MinibatchStreams.batch(spec.sampling(), k0, k1, w, (int) step, n, batch, perm, w * n, sc.idx, 0, sc.words);
        for (int s = 0; s < batch; s++) System.arraycopy(x, sc.idx[s] * D, sc.xb, s * D, D);
        // W2 class-major for the logits (its padded rows k ≥ 10 stay 0 from allocation)
        for (int k = 0; k < C; k++)
            for (int j = 0; j < H; j++) sc.w2t[j * Cp + k] = theta[o + oW2 + k * Hp + j];
        forwardHidden(o, sc);
        for (int s = 0; s < batch; s++) outputAndBackward(o, s, sc);
        updateOutputLayer(o, sc);
        updateHiddenLayer(o, sc);
    }

    /** A = tanh(X_B·W1ᵀ + b1): blocks of 4 samples × 2 vectors of hidden units, the sum in ascending input order. */
    private void forwardHidden(int o, Scratch sc) {
        final double[] th = theta, xb = sc.xb, a = sc.a;
        int s = 0;
        for (; s + 4 <= batch; s += 4) {
            int x0 = s * D, x1 = x0 + D, x2 = x1 + D, x3 = x2 + D;
            int jv = 0;
            for (; jv + 2 * L <= Hp; jv += 2 * L) {
                DoubleVector p0 = DoubleVector.fromArray(S, th, o + oB1 + jv), q0 = DoubleVector.fromArray(S, th, o + oB1 + jv + L);
                DoubleVector p1 = p0, p2 = p0, p3 = p0, q1 = q0, q2 = q0, q3 = q0;
                for (int m = 0; m < D; m++) {
                    int r = o + m * Hp + jv;
                    DoubleVector wp = DoubleVector.fromArray(S, th, r), wq = DoubleVector.fromArray(S, th, r + L);
                    DoubleVector v0 = DoubleVector.broadcast(S, xb[x0 + m]), v1 = DoubleVector.broadcast(S, xb[x1 + m]);
                    DoubleVector v2 = DoubleVector.broadcast(S, xb[x2 + m]), v3 = DoubleVector.broadcast(S, xb[x3 + m]);
                    p0 = wp.fma(v0, p0);
                    q0 = wq.fma(v0, q0);
                    p1 = wp.fma(v1, p1);
                    q1 = wq.fma(v1, q1);
                    p2 = wp.fma(v2, p2);
                    q2 = wq.fma(v2, q2);
                    p3 = wp.fma(v3, p3);
                    q3 = wq.fma(v3, q3);
                }
                int ao = s * Hp + jv;
                p0.lanewise(VectorOperators.TANH).intoArray(a, ao);
                q0.lanewise(VectorOperators.TANH).intoArray(a, ao + L);
                p1.lanewise(VectorOperators.TANH).intoArray(a, ao + Hp);
                q1.lanewise(VectorOperators.TANH).intoArray(a, ao + Hp + L);
                p2.lanewise(VectorOperators.TANH).intoArray(a, ao + 2 * Hp);
                q2.lanewise(VectorOperators.TANH).intoArray(a, ao + 2 * Hp + L);
                p3.lanewise(VectorOperators.TANH).intoArray(a, ao + 3 * Hp);
                q3.lanewise(VectorOperators.TANH).intoArray(a, ao + 3 * Hp + L);
            }
            for (; jv < Hp; jv += L) { // an odd last vector of hidden units
                DoubleVector p0 = DoubleVector.fromArray(S, th, o + oB1 + jv), p1 = p0, p2 = p0, p3 = p0;
                for (int m = 0; m < D; m++) {
                    DoubleVector wp = DoubleVector.fromArray(S, th, o + m * Hp + jv);
                    p0 = wp.fma(DoubleVector.broadcast(S, xb[x0 + m]), p0);
                    p1 = wp.fma(DoubleVector.broadcast(S, xb[x1 + m]), p1);
                    p2 = wp.fma(DoubleVector.broadcast(S, xb[x2 + m]), p2);
                    p3 = wp.fma(DoubleVector.broadcast(S, xb[x3 + m]), p3);
                }
                int ao = s * Hp + jv;
                p0.lanewise(VectorOperators.TANH).intoArray(a, ao);
                p1.lanewise(VectorOperators.TANH).intoArray(a, ao + Hp);
                p2.lanewise(VectorOperators.TANH).intoArray(a, ao + 2 * Hp);
                p3.lanewise(VectorOperators.TANH).intoArray(a, ao + 3 * Hp);
            }
        }
        for (; s < batch; s++) { // the last b mod 4 samples, one at a time
            int x0 = s * D;
            for (int jv = 0; jv < Hp; jv += L) {
                DoubleVector p0 = DoubleVector.fromArray(S, th, o + oB1 + jv);
                for (int m = 0; m < D; m++)
                    p0 = DoubleVector.fromArray(S, th, o + m * Hp + jv).fma(DoubleVector.broadcast(S, xb[x0 + m]), p0);
                p0.lanewise(VectorOperators.TANH).intoArray(a, s * Hp + jv);
            }
        }
    }

    /** Sample s: logits (over class lanes), softmax, δ2 = P − onehot(y), then δ1 = (δ2·W2) ∘ (1 − A²). */
    private void outputAndBackward(int o, int s, Scratch sc) {
        final double[] th = theta, a = sc.a, w2t = sc.w2t, d2 = sc.d2, d1 = sc.d1;
        int ao = s * Hp, zo = s * Cp;
        double zmax = Double.NEGATIVE_INFINITY;
        for (int cv = 0; cv < Cp; cv += L) {
            // two interleaved partial sums: the OoO core overlaps them (a single chain would be latency-bound)
            DoubleVector even = DoubleVector.fromArray(S, th, o + oB2 + cv), odd = DoubleVector.zero(S);
            int j = 0;
            for (; j + 2 <= H; j += 2) {
                even = DoubleVector.fromArray(S, w2t, j * Cp + cv).fma(DoubleVector.broadcast(S, a[ao + j]), even);
                odd = DoubleVector.fromArray(S, w2t, (j + 1) * Cp + cv).fma(DoubleVector.broadcast(S, a[ao + j + 1]), odd);
            }
            if (j < H) even = DoubleVector.fromArray(S, w2t, j * Cp + cv).fma(DoubleVector.broadcast(S, a[ao + j]), even);
            DoubleVector z = even.add(odd);
            z.intoArray(d2, zo + cv);
            zmax = Math.max(zmax, z.reduceLanes(VectorOperators.MAX, S.indexInRange(cv, C)));
        }
        double sum = 0;
        for (int cv = 0; cv < Cp; cv += L) {
            VectorMask<Double> real = S.indexInRange(cv, C);
            DoubleVector e = DoubleVector.zero(S).blend(DoubleVector.fromArray(S, d2, zo + cv).sub(zmax)
                .lanewise(VectorOperators.EXP), real);
            e.intoArray(d2, zo + cv);
            sum += e.reduceLanes(VectorOperators.ADD);
        }
        for (int cv = 0; cv < Cp; cv += L) DoubleVector.fromArray(S, d2, zo + cv).div(sum).intoArray(d2, zo + cv);
        d2[zo + labels[sc.idx[s]]] -= 1;
        // δ1 = (Σ_k δ2[k]·W2[k, ·]) ∘ (1 − a²), the sum in ascending k like the reference
        for (int jv = 0; jv < Hp; jv += L) {
            DoubleVector d = DoubleVector.zero(S);
            for (int k = 0; k < C; k++)
                d = DoubleVector.fromArray(S, th, o + oW2 + k * Hp + jv).fma(DoubleVector.broadcast(S, d2[zo + k]), d);
            DoubleVector t = DoubleVector.fromArray(S, a, ao + jv);
            d.mul(t.mul(t).neg().add(1.0)).intoArray(d1, ao + jv);
        }
    }

    /** ∂W2 = δ2ᵀA, ∂b2 = Σ_s δ2, then the update of W2 and b2 (after every δ1 has used the old W2). */
    private void updateOutputLayer(int o, Scratch sc) {
        final double[] th = theta, a = sc.a, d2 = sc.d2;
        // two classes × one vector × even/odd samples: 4 independent accumulation chains
        for (int k = 0; k < C; k += 2) {
            for (int jv = 0; jv < Hp; jv += L) {
                DoubleVector g0 = DoubleVector.zero(S), g1 = g0, h0 = g0, h1 = g0;
                int s = 0;
                for (; s + 2 <= batch; s += 2) {
                    DoubleVector ae = DoubleVector.fromArray(S, a, s * Hp + jv), ao = DoubleVector.fromArray(S, a, (s + 1) * Hp + jv);
                    g0 = ae.fma(DoubleVector.broadcast(S, d2[s * Cp + k]), g0);
                    h0 = ae.fma(DoubleVector.broadcast(S, d2[s * Cp + k + 1]), h0);
                    g1 = ao.fma(DoubleVector.broadcast(S, d2[(s + 1) * Cp + k]), g1);
                    h1 = ao.fma(DoubleVector.broadcast(S, d2[(s + 1) * Cp + k + 1]), h1);
                }
                if (s < batch) {
                    DoubleVector ae = DoubleVector.fromArray(S, a, s * Hp + jv);
                    g0 = ae.fma(DoubleVector.broadcast(S, d2[s * Cp + k]), g0);
                    h0 = ae.fma(DoubleVector.broadcast(S, d2[s * Cp + k + 1]), h0);
                }
                update(th, o + oW2 + k * Hp + jv, g0.add(g1));
                update(th, o + oW2 + (k + 1) * Hp + jv, h0.add(h1));
            }
        }
        for (int cv = 0; cv < Cp; cv += L) {
            DoubleVector g = DoubleVector.zero(S);
            for (int s = 0; s < batch; s++) g = g.add(DoubleVector.fromArray(S, d2, s * Cp + cv));
            update(th, o + oB2 + cv, g);
        }
    }

    /** ∂W1T = X_Bᵀδ1 in blocks of 4 inputs × 2 vectors of hidden units, summed over the samples in registers, then
     *  the update of that block; ∂b1 = Σ_s δ1. */
    private void updateHiddenLayer(int o, Scratch sc) {
        final double[] th = theta, xb = sc.xb, d1 = sc.d1;
        for (int m = 0; m < D; m += 4) { // D = 64 is a multiple of 4
            int jv = 0;
            for (; jv + 2 * L <= Hp; jv += 2 * L) {
                DoubleVector p0 = DoubleVector.zero(S), p1 = p0, p2 = p0, p3 = p0, q0 = p0, q1 = p0, q2 = p0, q3 = p0;
                for (int s = 0; s < batch; s++) {
                    int e = s * Hp + jv, xo = s * D + m;
                    DoubleVector dp = DoubleVector.fromArray(S, d1, e), dq = DoubleVector.fromArray(S, d1, e + L);
                    DoubleVector v0 = DoubleVector.broadcast(S, xb[xo]), v1 = DoubleVector.broadcast(S, xb[xo + 1]);
                    DoubleVector v2 = DoubleVector.broadcast(S, xb[xo + 2]), v3 = DoubleVector.broadcast(S, xb[xo + 3]);
                    p0 = dp.fma(v0, p0);
                    q0 = dq.fma(v0, q0);
                    p1 = dp.fma(v1, p1);
                    q1 = dq.fma(v1, q1);
                    p2 = dp.fma(v2, p2);
                    q2 = dq.fma(v2, q2);
                    p3 = dp.fma(v3, p3);
                    q3 = dq.fma(v3, q3);
                }
                int r = o + m * Hp + jv;
                update(th, r, p0);
                update(th, r + L, q0);
                update(th, r + Hp, p1);
                update(th, r + Hp + L, q1);
                update(th, r + 2 * Hp, p2);
                update(th, r + 2 * Hp + L, q2);
                update(th, r + 3 * Hp, p3);
                update(th, r + 3 * Hp + L, q3);
            }
            for (; jv < Hp; jv += L) {
                DoubleVector p0 = DoubleVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
                for (int s = 0; s < batch; s++) {
                    int xo = s * D + m;
                    DoubleVector dp = DoubleVector.fromArray(S, d1, s * Hp + jv);
                    p0 = dp.fma(DoubleVector.broadcast(S, xb[xo]), p0);
                    p1 = dp.fma(DoubleVector.broadcast(S, xb[xo + 1]), p1);
                    p2 = dp.fma(DoubleVector.broadcast(S, xb[xo + 2]), p2);
                    p3 = dp.fma(DoubleVector.broadcast(S, xb[xo + 3]), p3);
                }
                int r = o + m * Hp + jv;
                update(th, r, p0);
                update(th, r + Hp, p1);
                update(th, r + 2 * Hp, p2);
                update(th, r + 3 * Hp, p3);
            }
        }
        for (int jv = 0; jv < Hp; jv += L) {
            DoubleVector g = DoubleVector.zero(S);
            for (int s = 0; s < batch; s++) g = g.add(DoubleVector.fromArray(S, d1, s * Hp + jv));
            update(th, o + oB1 + jv, g);
        }
    }

    /** θ ← θ(1 − ημ) − (η/b)·G for one vector of parameters at {@code i}; padded entries (θ = G = 0) stay 0. */
    private void update(double[] th, int i, DoubleVector g) {
        g.fma(DoubleVector.broadcast(S, -rate), DoubleVector.fromArray(S, th, i).mul(keep)).intoArray(th, i);
    }

    @Override
    public void close() { blocks.close(); }
}
