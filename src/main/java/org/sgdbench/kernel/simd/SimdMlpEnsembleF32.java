package org.sgdbench.kernel.simd;

import jdk.incubator.vector.FloatVector;
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
 * SIMD MLP ensemble in single precision, in matrix shape: one walker at a time runs its whole minibatch as small
 * matrix products, vectorised over hidden units (a lane is a hidden unit j, or an output class k for the logits):
 * <pre>
 *   X_B  [b × 64]   the minibatch's inputs, copied once per step into a contiguous block
 *   Z    = X_B·W1ᵀ + b1    A = tanh Z (the Vector API's TANH)                          [b × H]
 *   Zo   = A·W2ᵀ + b2       P = softmax Zo (its EXP, max-shifted)    δ2 = P − onehot(y)  [b × 10]
 *   δ1   = (δ2·W2) ∘ (1 − A²)                                                          [b × H]
 *   W2, b2 ← θ(1 − ημ) − (η/b)·(δ2ᵀA, Σ δ2);    W1, b1 ← θ(1 − ημ) − (η/b)·(δ1ᵀX_B, Σ δ1)
 * </pre>
 * W1 is stored transposed (input-major, W1T[m, j] = W1[j, m]) so that z[s, 0..H) += x[s, m]·W1T[m, 0..H) is a
 * broadcast and a fused multiply-add, and the forward pass is register-blocked as 4 samples × 2 vectors of hidden
 * units (8 accumulators; each W1T row loaded once serves 4 samples). The gradient of W1 is blocked the other way, 4
 * inputs × 2 vectors of hidden units accumulated over the b samples in registers, and the SGD update is applied to
 * the block as soon as its sum is complete: the gradient of W1 never goes to memory. The logits are vectorised over
 * the 10 classes (a transposed copy of W2, 10 of the lanes useful) so that the softmax is one EXP per sample. A
 * walker's parameters (P floats, ~10 KB at H = 32) stay in L1 through its b samples. Why not over walkers (the
 * previous layout): to stay bit-identical with the reference, each lane had to call {@code Math.tanh}/{@code exp} one
 * walker at a time and do separate multiplies and adds; over hidden units the same work is whole-vector FMA and
 * vector TANH/EXP.
 *
 * <p>H and the 10 classes are padded with zeros to whole vectors (H_p, C_p), so every hidden-unit loop is whole
 * vectors: a padded hidden unit has zero weights, z = 0, a = tanh 0 = 0, so its δ1 (through its zero column of W2)
 * and its gradients are exactly 0 and it stays 0; a padded class's probability and δ2 are masked to 0. The state is
 * kept in this kernel layout between calls and converted to the reference layout by {@link #readWalker}.
 *
 * <p><b>Tolerance.</b> Not bit-identical to the scalar reference: sums are fused multiply-adds (one rounding where
 * the reference has two), the logits are summed in two interleaved partial sums, the update is θ(1−ημ) − (η/b)G, and
 * tanh and exp are the Vector API's (on x86 Intel's SVML, a few ulp; the reference rounds {@code Math.tanh}/{@code
 * exp} in double to float). Each step adds a few ulp of |∇L_B| ≲ 2 to every parameter, carried by I − ηH_B (norm ≲ 1
 * on these runs) and summed over the steps: after T steps at rate η the relative difference is ≲ T·η·(a few ulp).
 * Over the contract's 20 steps at η = 0.3 that is ≲ 20 × 0.3 × 2 × (1–2 ulp) ≈ 12–24 ulp; stated: {@link #TOLERANCE}
 * = 2⁻¹⁸ (32 ulp), which the MLP contract test checks against the scalar F32 kernel at 512 and 128 bits. Measured
 * (contract spec: H = 5, 7 walkers, b = 3, 20 steps, every sampling mode, AVX-512 machine): 3.7–4.3e-7, 6–7 ulp.
 * Still bit-identical at any thread count (a walker never depends on which thread runs it). Same minibatches as
 * every backend (rng.MinibatchStreams).
 */
final class SimdMlpEnsembleF32 implements MlpEnsembleKernel {
    /** Stated max |θ − θ_ref| / (1 + |θ_ref|) against the scalar F32 kernel after the contract's 20 steps. */
    static final double TOLERANCE = 0x1.0p-18;

    private static final VectorSpecies<Float> S = SimdLanes.FLOAT;
    private static final int L = S.length();
    private static final int D = 64, C = 10;
    /** Walkers per parallel block (one scratch allocation per block and advance, none per step). */
    private static final int WALKER_BLOCK = 16;

    private final MlpSpec spec;
    private final int H, P, Hp, Cp, oB1, oW2, oB2, PK;
    private final int walkers, n, batch, k0, k1;
    private final float keep, rate;
    private final float[] x, theta, theta0k;
    private final int[] labels, perm;
    private final ParallelBlocks blocks;
    private long steps;

    SimdMlpEnsembleF32(MlpSpec spec, MlpData train, double[] theta0, KernelOptions options) {
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
        keep = (float) (1 - spec.eta() * spec.penalty());
        rate = (float) (spec.eta() / batch);
        labels = train.labels().clone();
        x = new float[n * D];
        for (int i = 0; i < x.length; i++) x[i] = (float) train.features()[i];
        theta0k = new float[PK];
        toKernelLayout(theta0, theta0k, 0);
        theta = new float[walkers * PK];
        perm = spec.sampling() == Sampling.RESHUFFLING ? new int[walkers * n] : null;
        blocks = new ParallelBlocks(options.threads(), WALKER_BLOCK);
        reset();
    }

    /** Reference layout (W1[j,m], b1, W2[k,j], b2) → this kernel's padded layout (W1T[m,j], b1, W2[k,j], b2). */
    private void toKernelLayout(double[] src, float[] dst, int o) {
        int sB1 = H * D, sW2 = sB1 + H, sB2 = sW2 + C * H;
        for (int j = 0; j < H; j++) {
            for (int m = 0; m < D; m++) dst[o + m * Hp + j] = (float) src[j * D + m];
            dst[o + oB1 + j] = (float) src[sB1 + j];
            for (int k = 0; k < C; k++) dst[o + oW2 + k * Hp + j] = (float) src[sW2 + k * H + j];
        }
        for (int k = 0; k < C; k++) dst[o + oB2 + k] = (float) src[sB2 + k];
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F32; }

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
        final float[] xb = new float[batch * D], a = new float[batch * Hp], d1 = new float[batch * Hp];
        final float[] d2 = new float[batch * Cp], w2t = new float[Hp * Cp];
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
        final float[] th = theta, xb = sc.xb, a = sc.a;
        int s = 0;
        for (; s + 4 <= batch; s += 4) {
            int x0 = s * D, x1 = x0 + D, x2 = x1 + D, x3 = x2 + D;
            int jv = 0;
            for (; jv + 2 * L <= Hp; jv += 2 * L) {
                FloatVector p0 = FloatVector.fromArray(S, th, o + oB1 + jv), q0 = FloatVector.fromArray(S, th, o + oB1 + jv + L);
                FloatVector p1 = p0, p2 = p0, p3 = p0, q1 = q0, q2 = q0, q3 = q0;
                for (int m = 0; m < D; m++) {
                    int r = o + m * Hp + jv;
                    FloatVector wp = FloatVector.fromArray(S, th, r), wq = FloatVector.fromArray(S, th, r + L);
                    FloatVector v0 = FloatVector.broadcast(S, xb[x0 + m]), v1 = FloatVector.broadcast(S, xb[x1 + m]);
                    FloatVector v2 = FloatVector.broadcast(S, xb[x2 + m]), v3 = FloatVector.broadcast(S, xb[x3 + m]);
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
                FloatVector p0 = FloatVector.fromArray(S, th, o + oB1 + jv), p1 = p0, p2 = p0, p3 = p0;
                for (int m = 0; m < D; m++) {
                    FloatVector wp = FloatVector.fromArray(S, th, o + m * Hp + jv);
                    p0 = wp.fma(FloatVector.broadcast(S, xb[x0 + m]), p0);
                    p1 = wp.fma(FloatVector.broadcast(S, xb[x1 + m]), p1);
                    p2 = wp.fma(FloatVector.broadcast(S, xb[x2 + m]), p2);
                    p3 = wp.fma(FloatVector.broadcast(S, xb[x3 + m]), p3);
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
                FloatVector p0 = FloatVector.fromArray(S, th, o + oB1 + jv);
                for (int m = 0; m < D; m++)
                    p0 = FloatVector.fromArray(S, th, o + m * Hp + jv).fma(FloatVector.broadcast(S, xb[x0 + m]), p0);
                p0.lanewise(VectorOperators.TANH).intoArray(a, s * Hp + jv);
            }
        }
    }

    /** Sample s: logits (over class lanes), softmax, δ2 = P − onehot(y), then δ1 = (δ2·W2) ∘ (1 − A²). */
    private void outputAndBackward(int o, int s, Scratch sc) {
        final float[] th = theta, a = sc.a, w2t = sc.w2t, d2 = sc.d2, d1 = sc.d1;
        int ao = s * Hp, zo = s * Cp;
        float zmax = Float.NEGATIVE_INFINITY;
        for (int cv = 0; cv < Cp; cv += L) {
            // two interleaved partial sums: the OoO core overlaps them (a single chain would be latency-bound)
            FloatVector even = FloatVector.fromArray(S, th, o + oB2 + cv), odd = FloatVector.zero(S);
            int j = 0;
            for (; j + 2 <= H; j += 2) {
                even = FloatVector.fromArray(S, w2t, j * Cp + cv).fma(FloatVector.broadcast(S, a[ao + j]), even);
                odd = FloatVector.fromArray(S, w2t, (j + 1) * Cp + cv).fma(FloatVector.broadcast(S, a[ao + j + 1]), odd);
            }
            if (j < H) even = FloatVector.fromArray(S, w2t, j * Cp + cv).fma(FloatVector.broadcast(S, a[ao + j]), even);
            FloatVector z = even.add(odd);
            z.intoArray(d2, zo + cv);
            zmax = Math.max(zmax, z.reduceLanes(VectorOperators.MAX, S.indexInRange(cv, C)));
        }
        float sum = 0;
        for (int cv = 0; cv < Cp; cv += L) {
            VectorMask<Float> real = S.indexInRange(cv, C);
            FloatVector e = FloatVector.zero(S).blend(FloatVector.fromArray(S, d2, zo + cv).sub(zmax)
                .lanewise(VectorOperators.EXP), real);
            e.intoArray(d2, zo + cv);
            sum += e.reduceLanes(VectorOperators.ADD);
        }
        for (int cv = 0; cv < Cp; cv += L) FloatVector.fromArray(S, d2, zo + cv).div(sum).intoArray(d2, zo + cv);
        d2[zo + labels[sc.idx[s]]] -= 1;
        // δ1 = (Σ_k δ2[k]·W2[k, ·]) ∘ (1 − a²), the sum in ascending k like the reference
        for (int jv = 0; jv < Hp; jv += L) {
            FloatVector d = FloatVector.zero(S);
            for (int k = 0; k < C; k++)
                d = FloatVector.fromArray(S, th, o + oW2 + k * Hp + jv).fma(FloatVector.broadcast(S, d2[zo + k]), d);
            FloatVector t = FloatVector.fromArray(S, a, ao + jv);
            d.mul(t.mul(t).neg().add(1f)).intoArray(d1, ao + jv);
        }
    }

    /** ∂W2 = δ2ᵀA, ∂b2 = Σ_s δ2, then the update of W2 and b2 (after every δ1 has used the old W2). */
    private void updateOutputLayer(int o, Scratch sc) {
        final float[] th = theta, a = sc.a, d2 = sc.d2;
        // two classes × one vector × even/odd samples: 4 independent accumulation chains
        for (int k = 0; k < C; k += 2) {
            for (int jv = 0; jv < Hp; jv += L) {
                FloatVector g0 = FloatVector.zero(S), g1 = g0, h0 = g0, h1 = g0;
                int s = 0;
                for (; s + 2 <= batch; s += 2) {
                    FloatVector ae = FloatVector.fromArray(S, a, s * Hp + jv), ao = FloatVector.fromArray(S, a, (s + 1) * Hp + jv);
                    g0 = ae.fma(FloatVector.broadcast(S, d2[s * Cp + k]), g0);
                    h0 = ae.fma(FloatVector.broadcast(S, d2[s * Cp + k + 1]), h0);
                    g1 = ao.fma(FloatVector.broadcast(S, d2[(s + 1) * Cp + k]), g1);
                    h1 = ao.fma(FloatVector.broadcast(S, d2[(s + 1) * Cp + k + 1]), h1);
                }
                if (s < batch) {
                    FloatVector ae = FloatVector.fromArray(S, a, s * Hp + jv);
                    g0 = ae.fma(FloatVector.broadcast(S, d2[s * Cp + k]), g0);
                    h0 = ae.fma(FloatVector.broadcast(S, d2[s * Cp + k + 1]), h0);
                }
                update(th, o + oW2 + k * Hp + jv, g0.add(g1));
                update(th, o + oW2 + (k + 1) * Hp + jv, h0.add(h1));
            }
        }
        for (int cv = 0; cv < Cp; cv += L) {
            FloatVector g = FloatVector.zero(S);
            for (int s = 0; s < batch; s++) g = g.add(FloatVector.fromArray(S, d2, s * Cp + cv));
            update(th, o + oB2 + cv, g);
        }
    }

    /** ∂W1T = X_Bᵀδ1 in blocks of 4 inputs × 2 vectors of hidden units, summed over the samples in registers, then
     *  the update of that block; ∂b1 = Σ_s δ1. */
    private void updateHiddenLayer(int o, Scratch sc) {
        final float[] th = theta, xb = sc.xb, d1 = sc.d1;
        for (int m = 0; m < D; m += 4) { // D = 64 is a multiple of 4
            int jv = 0;
            for (; jv + 2 * L <= Hp; jv += 2 * L) {
                FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0, q0 = p0, q1 = p0, q2 = p0, q3 = p0;
                for (int s = 0; s < batch; s++) {
                    int e = s * Hp + jv, xo = s * D + m;
                    FloatVector dp = FloatVector.fromArray(S, d1, e), dq = FloatVector.fromArray(S, d1, e + L);
                    FloatVector v0 = FloatVector.broadcast(S, xb[xo]), v1 = FloatVector.broadcast(S, xb[xo + 1]);
                    FloatVector v2 = FloatVector.broadcast(S, xb[xo + 2]), v3 = FloatVector.broadcast(S, xb[xo + 3]);
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
                FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
                for (int s = 0; s < batch; s++) {
                    int xo = s * D + m;
                    FloatVector dp = FloatVector.fromArray(S, d1, s * Hp + jv);
                    p0 = dp.fma(FloatVector.broadcast(S, xb[xo]), p0);
                    p1 = dp.fma(FloatVector.broadcast(S, xb[xo + 1]), p1);
                    p2 = dp.fma(FloatVector.broadcast(S, xb[xo + 2]), p2);
                    p3 = dp.fma(FloatVector.broadcast(S, xb[xo + 3]), p3);
                }
                int r = o + m * Hp + jv;
                update(th, r, p0);
                update(th, r + Hp, p1);
                update(th, r + 2 * Hp, p2);
                update(th, r + 3 * Hp, p3);
            }
        }
        for (int jv = 0; jv < Hp; jv += L) {
            FloatVector g = FloatVector.zero(S);
            for (int s = 0; s < batch; s++) g = g.add(FloatVector.fromArray(S, d1, s * Hp + jv));
            update(th, o + oB1 + jv, g);
        }
    }

    /** θ ← θ(1 − ημ) − (η/b)·G for one vector of parameters at {@code i}; padded entries (θ = G = 0) stay 0. */
    private void update(float[] th, int i, FloatVector g) {
        g.fma(FloatVector.broadcast(S, -rate), FloatVector.fromArray(S, th, i).mul(keep)).intoArray(th, i);
    }

    @Override
    public void close() { blocks.close(); }
}
