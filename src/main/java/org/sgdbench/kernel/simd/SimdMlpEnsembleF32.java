package org.sgdbench.kernel.simd;

import jdk.incubator.vector.FloatVector;
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
 * SIMD MLP ensemble in single precision, vectorised over walkers: each lane is one walker, a vector block of L
 * walkers is stored as structure of arrays (parameter i of lane l at i·L + l) while it steps, and every lane repeats
 * the scalar reference's operations in the same order (separate multiply and add, no fused multiply-add, tanh and
 * exp per lane through {@code Math}), so the trajectories are bit-identical to the scalar kernel's. Each lane has its
 * own minibatch: the sample's 64 inputs are gathered once per sample into a lane-contiguous array and reused by the
 * forward and the backward pass. Why over walkers rather than over hidden units: H = 16 or 32 and 10 outputs are
 * short vectors with horizontal sums (which would change the summation order), while walkers are independent and
 * many. The last vector block is padded with extra walkers (indices K…, their own streams) whose results are dropped.
 */
final class SimdMlpEnsembleF32 implements MlpEnsembleKernel {
    private static final VectorSpecies<Float> S = SimdLanes.FLOAT;
    private static final int L = S.length();

    private final MlpSpec spec;
    private final int D = 64, H, C = 10, P, offB1, offW2, offB2;
    private final int walkers, vblocks, n, batch, k0, k1;
    private final float[] x, theta, theta0;
    private final int[] labels, perm;
    private final ParallelBlocks blocks;
    private long steps;

    SimdMlpEnsembleF32(MlpSpec spec, MlpData train, double[] theta0, KernelOptions options) {
        SimdLanes.require();
        this.spec = Check.notNull("spec", spec);
        if (train.size() != spec.trainSize() || train.inputs() != D || train.classes() != C)
            throw new InvalidSpecException("train", train.size() + " samples", spec.trainSize() + " digits samples");
        H = spec.hidden();
        offB1 = H * D;
        offW2 = offB1 + H;
        offB2 = offW2 + C * H;
        P = offB2 + C;
        if (theta0.length != P) throw new InvalidSpecException("theta0", theta0.length + " values", P + " values");
        walkers = spec.walkers();
        vblocks = (walkers + L - 1) / L;
        n = train.size();
        batch = spec.batch();
        k0 = StreamLayout.key0(spec.seed());
        k1 = StreamLayout.key1(spec.seed());
        labels = train.labels().clone();
        x = new float[n * D];
        for (int i = 0; i < x.length; i++) x[i] = (float) train.features()[i];
        this.theta0 = new float[P];
        for (int i = 0; i < P; i++) this.theta0[i] = (float) theta0[i];
        theta = new float[walkers * P];
        perm = spec.sampling() == Sampling.RESHUFFLING ? new int[vblocks * L * n] : null;
        blocks = new ParallelBlocks(options.threads(), 1);
        reset();
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F32; }

    @Override
    public MlpSpec spec() { return spec; }

    @Override
    public String device() { return "SIMD " + SimdLanes.BITS + "-bit, " + L + " walkers per vector"; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public void reset() {
        for (int w = 0; w < walkers; w++) System.arraycopy(theta0, 0, theta, w * P, P);
        steps = 0;
    }

    @Override
    public long stepsDone() { return steps; }

    @Override
    public void readWalker(int walker, double[] out) {
        Check.inRange("walker", walker, 0, walkers - 1);
        for (int i = 0; i < P; i++) out[i] = theta[walker * P + i];
    }

    /** Per-thread scratch of one vector block. */
    private final class Scratch {
        final float[] th = new float[P * L], g = new float[P * L], xs = new float[D * L];
        final float[] h = new float[H * L], dh = new float[H * L], p = new float[C * L], r = new float[C * L];
        final int[] idx = new int[L * batch], xoff = new int[L], words = new int[4];
    }

    @Override
    public void advance(int count) {
        if (count < 1) throw new InvalidSpecException("steps", count, "[1, " + Integer.MAX_VALUE + "]");
        long first = steps;
        blocks.forEach(vblocks, (from, to) -> {
            Scratch sc = new Scratch();
            for (int vb = from; vb < to; vb++) {
                for (int l = 0; l < L; l++) {
                    int w = vb * L + l;
                    int src = w < walkers ? w * P : -1;
                    for (int i = 0; i < P; i++) sc.th[i * L + l] = src >= 0 ? theta[src + i] : theta0[i];
                }
                for (int s = 0; s < count; s++) step(vb, first + s, sc);
                for (int l = 0; l < L; l++) {
                    int w = vb * L + l;
                    if (w >= walkers) break;
                    for (int i = 0; i < P; i++) theta[w * P + i] = sc.th[i * L + l];
                }
            }
        });
        steps += count;
    }

    private void step(int vb, long step, Scratch sc) {
        float[] th = sc.th, g = sc.g, xs = sc.xs, h = sc.h, dh = sc.dh, p = sc.p, r = sc.r;
        for (int l = 0; l < L; l++) {
            int w = vb * L + l;
            MinibatchStreams.batch(spec.sampling(), k0, k1, w, (int) step, n, batch, perm, w * n, sc.idx, l * batch, sc.words);
        }
        java.util.Arrays.fill(g, 0f);
        for (int jb = 0; jb < batch; jb++) {
            for (int l = 0; l < L; l++) sc.xoff[l] = sc.idx[l * batch + jb] * D;
            for (int m = 0; m < D; m++) FloatVector.fromArray(S, x, m, sc.xoff, 0).intoArray(xs, m * L);
            // hidden layer: a = b1 + Σ_m W1[j,m] x_m, in ascending m
            for (int j = 0; j < H; j++) {
                FloatVector a = FloatVector.fromArray(S, th, (offB1 + j) * L);
                int row = j * D;
                for (int m = 0; m < D; m++)
                    a = a.add(FloatVector.fromArray(S, th, (row + m) * L).mul(FloatVector.fromArray(S, xs, m * L)));
                a.intoArray(h, j * L);
            }
            for (int q = 0; q < H * L; q++) {
                float t = (float) Math.tanh(h[q]);
                h[q] = t;
                dh[q] = 1 - t * t;
            }
            // logits: z = b2 + Σ_j W2[k,j] h_j
            for (int k = 0; k < C; k++) {
                FloatVector z = FloatVector.fromArray(S, th, (offB2 + k) * L);
                int row = offW2 + k * H;
                for (int j = 0; j < H; j++)
                    z = z.add(FloatVector.fromArray(S, th, (row + j) * L).mul(FloatVector.fromArray(S, h, j * L)));
                z.intoArray(p, k * L);
            }
            // softmax and r = p − e_y, per lane, as the reference does it
            for (int l = 0; l < L; l++) {
                int y = labels[sc.idx[l * batch + jb]];
                float zmax = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < C; k++) zmax = Math.max(zmax, p[k * L + l]);
                float sum = 0;
                for (int k = 0; k < C; k++) {
                    float ez = (float) Math.exp(p[k * L + l] - zmax);
                    p[k * L + l] = ez;
                    sum += ez;
                }
                for (int k = 0; k < C; k++) {
                    p[k * L + l] /= sum;
                    r[k * L + l] = p[k * L + l] - (k == y ? 1 : 0);
                }
            }
            // backward: e_j = (Σ_k W2[k,j] r_k)(1 − h_j²); ∂W1 += e xᵀ, ∂b1 += e
            for (int j = 0; j < H; j++) {
                FloatVector d = FloatVector.zero(S);
                for (int k = 0; k < C; k++)
                    d = d.add(FloatVector.fromArray(S, th, (offW2 + k * H + j) * L).mul(FloatVector.fromArray(S, r, k * L)));
                FloatVector e = d.mul(FloatVector.fromArray(S, dh, j * L));
                int row = j * D;
                for (int m = 0; m < D; m++) {
                    int o = (row + m) * L;
                    FloatVector.fromArray(S, g, o).add(e.mul(FloatVector.fromArray(S, xs, m * L))).intoArray(g, o);
                }
                int o = (offB1 + j) * L;
                FloatVector.fromArray(S, g, o).add(e).intoArray(g, o);
            }
            // ∂W2 += r hᵀ, ∂b2 += r
            for (int k = 0; k < C; k++) {
                FloatVector rk = FloatVector.fromArray(S, r, k * L);
                int row = offW2 + k * H;
                for (int j = 0; j < H; j++) {
                    int o = (row + j) * L;
                    FloatVector.fromArray(S, g, o).add(rk.mul(FloatVector.fromArray(S, h, j * L))).intoArray(g, o);
                }
                int o = (offB2 + k) * L;
                FloatVector.fromArray(S, g, o).add(rk).intoArray(g, o);
            }
        }
        // θ ← θ − η (G/b + μθ)
        FloatVector eta = FloatVector.broadcast(S, (float) spec.eta()), mu = FloatVector.broadcast(S, (float) spec.penalty());
        FloatVector b = FloatVector.broadcast(S, (float) batch);
        for (int o = 0; o < P * L; o += L) {
            FloatVector t = FloatVector.fromArray(S, th, o);
            t.sub(FloatVector.fromArray(S, g, o).div(b).add(mu.mul(t)).mul(eta)).intoArray(th, o);
        }
    }

    @Override
    public void close() { blocks.close(); }
}
