package org.sgdbench.kernel.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.StreamLayout;

/**
 * MLP ensemble on ND4J: every walker's forward and backward pass over its b samples as batched matrix products,
 * the workload ND4J exists for. The biases ride along as an extra input column of ones (W1' = [W1 | b1] is H × 65,
 * W2' = [W2 | b2] is 10 × (H+1)), so a step is
 * <pre>
 *   X  [K, b, 65]   the walkers' minibatches (indices from rng.MinibatchStreams, host gather), last column 1
 *   A  = X W1'ᵀ        [K, b, H]      batched matmul;   h = tanh A (into the first H columns of Hh [K, b, H+1])
 *   Z  = Hh W2'ᵀ       [K, b, 10];    P = softmax Z (last axis);  R = P − Y (Y the one-hot labels)
 *   G2 = Rᵀ Hh         [K, 10, H+1];  Δ = R W2' [K, b, H+1];  E = Δ[.., :H] ⊙ (1 − h²)
 *   G1 = Eᵀ X          [K, H, 65]
 *   W' ← W'(1 − ημ) − (η/b) G
 * </pre>
 * Every array is created once; a step creates none.
 *
 * <p>Rounding: BLAS sums in its own blocked order (with FMA where the CPU has it), libnd4j evaluates tanh, exp and the
 * softmax with its own kernels, and the update is regrouped; so the trajectories are not bit-identical to the
 * scalar reference. The per-step difference is a few ulp of the gradient, and over the contract's 20 steps (η = 0.3,
 * from the seeded initial weights) an error is carried by the Jacobian of the SGD map, I − ηH_B, whose norm is
 * ≤ 1 + η|λ_min| ≈ 1 here: |θ − θ_ref| / (1 + |θ_ref|) ≲ 20 steps × η × (a few ulp of |∇L_B| ≲ 2) ≈ 12–24 ulp.
 * Stated tolerance: 32 ulp, {@link #TOLERANCE_F32} = 2⁻¹⁸ and {@link #TOLERANCE_F64} = 2⁻⁴⁷. Measured (contract spec,
 * 7 walkers, 20 steps, every sampling mode): 3.1–3.8 ulp in F32, 3.3–5.0 ulp in F64.
 */
public final class Nd4jMlpEnsemble implements MlpEnsembleKernel {
    public static final double TOLERANCE_F32 = 0x1.0p-18;
    public static final double TOLERANCE_F64 = 0x1.0p-47;

    private final MlpSpec spec;
    private final Precision precision;
    private final int threads, K, H, n, b, k0, k1, D = 64, C = 10;
    private final double[] x, theta0;
    private final int[] labels, perm, idx, words = new int[4];
    private final INDArray w1, w2, xb, y, a, hh, hView, z, p, g2, delta, deltaView, s, e, g1;
    private final FloatBuffer xbF, yF;
    private final DoubleBuffer xbD, yD;
    private double[] hostW1, hostW2;
    private long hostAt = -1, steps;

    public Nd4jMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        this.spec = Check.notNull("spec", spec);
        this.precision = Check.notNull("precision", precision);
        if (train.size() != spec.trainSize() || train.inputs() != D || train.classes() != C)
            throw new InvalidSpecException("train", train.size() + " samples", spec.trainSize() + " digits samples");
        if (theta0.length != spec.parameters()) throw new InvalidSpecException("theta0", theta0.length + " values", spec.parameters() + " values");
        this.threads = options.threads();
        K = spec.walkers();
        H = spec.hidden();
        n = train.size();
        b = spec.batch();
        k0 = StreamLayout.key0(spec.seed());
        k1 = StreamLayout.key1(spec.seed());
        x = train.features().clone();
        labels = train.labels().clone();
        this.theta0 = theta0.clone();
        perm = spec.sampling() == Sampling.RESHUFFLING ? new int[K * n] : null;
        idx = new int[K * b];
        DataType t = Nd4jRuntime.dataType(precision);
        w1 = Nd4j.create(t, K, H, D + 1);
        w2 = Nd4j.create(t, K, C, H + 1);
        xb = Nd4j.create(t, K, b, D + 1);
        y = Nd4j.create(t, K, b, C);
        a = Nd4j.create(t, K, b, H);
        hh = Nd4j.ones(t, K, b, H + 1);
        hView = hh.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, H));
        z = Nd4j.create(t, K, b, C);
        p = Nd4j.create(t, K, b, C);
        g2 = Nd4j.create(t, K, C, H + 1);
        delta = Nd4j.create(t, K, b, H + 1);
        deltaView = delta.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, H));
        s = Nd4j.create(t, K, b, H);
        e = Nd4j.create(t, K, b, H);
        g1 = Nd4j.create(t, K, H, D + 1);
        if (precision == Precision.F64) {
            xbD = xb.data().asNioDouble();
            yD = y.data().asNioDouble();
            xbF = null;
            yF = null;
        } else {
            xbF = xb.data().asNioFloat();
            yF = y.data().asNioFloat();
            xbD = null;
            yD = null;
        }
        reset();
    }

    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public MlpSpec spec() { return spec; }

    @Override
    public String device() {
        return "ND4J CPU " + Nd4j.factory().blas().getBlasVendor() + ", batched matmul, " + Nd4jRuntime.effectiveThreads(threads) + " threads";
    }

    @Override
    public int threads() { return Nd4jRuntime.effectiveThreads(threads); }

    @Override
    public void reset() {
        double[] hw1 = new double[K * H * (D + 1)], hw2 = new double[K * C * (H + 1)];
        int offB1 = H * D, offW2 = offB1 + H, offB2 = offW2 + C * H;
        for (int w = 0; w < K; w++) {
            for (int j = 0; j < H; j++) {
                int base = (w * H + j) * (D + 1);
                System.arraycopy(theta0, j * D, hw1, base, D);
                hw1[base + D] = theta0[offB1 + j];
            }
            for (int k = 0; k < C; k++) {
                int base = (w * C + k) * (H + 1);
                System.arraycopy(theta0, offW2 + k * H, hw2, base, H);
                hw2[base + H] = theta0[offB2 + k];
            }
        }
        DataType t = Nd4jRuntime.dataType(precision);
        w1.assign(Nd4j.createFromArray(hw1).reshape(K, H, D + 1).castTo(t));
        w2.assign(Nd4j.createFromArray(hw2).reshape(K, C, H + 1).castTo(t));
        steps = 0;
        hostAt = -1;
    }

    @Override
    public void advance(int count) {
        if (count < 1) throw new InvalidSpecException("steps", count, "[1, " + Integer.MAX_VALUE + "]");
        Nd4jRuntime.applyThreads(threads);
        double shrink = 1 - spec.eta() * spec.penalty(), scale = -spec.eta() / b;
        for (int c = 0; c < count; c++) {
            fillBatch((int) (steps + c));
            Nd4j.matmul(xb, w1, a, false, true, false);
            Transforms.tanh(a, false);
            hView.assign(a);
            Nd4j.matmul(hh, w2, z, false, true, false);
            Nd4j.exec(new SoftMax(z, p, 2));
            p.subi(y);
            Nd4j.matmul(p, hh, g2, true, false, false);
            Nd4j.matmul(p, w2, delta, false, false, false);
            s.assign(a).muli(a).rsubi(1.0);
            e.assign(deltaView).muli(s);
            Nd4j.matmul(e, xb, g1, true, false, false);
            w1.muli(shrink).addi(g1.muli(scale));
            w2.muli(shrink).addi(g2.muli(scale));
        }
        steps += count;
    }

    private void fillBatch(int step) {
        for (int w = 0; w < K; w++)
            MinibatchStreams.batch(spec.sampling(), k0, k1, w, step, n, b, perm, w * n, idx, w * b, words);
        for (int r = 0; r < K * b; r++) {
            int sample = idx[r], xo = sample * D, row = r * (D + 1), yRow = r * C, label = labels[sample];
            if (xbD != null) {
                for (int m = 0; m < D; m++) xbD.put(row + m, x[xo + m]);
                xbD.put(row + D, 1.0);
                for (int k = 0; k < C; k++) yD.put(yRow + k, k == label ? 1.0 : 0.0);
            } else {
                for (int m = 0; m < D; m++) xbF.put(row + m, (float) x[xo + m]);
                xbF.put(row + D, 1f);
                for (int k = 0; k < C; k++) yF.put(yRow + k, k == label ? 1f : 0f);
            }
        }
    }

    @Override
    public long stepsDone() { return steps; }

    @Override
    public void readWalker(int walker, double[] out) {
        Check.inRange("walker", walker, 0, K - 1);
        if (hostAt != steps) {
            hostW1 = w1.data().asDouble();
            hostW2 = w2.data().asDouble();
            hostAt = steps;
        }
        int offB1 = H * D, offW2 = offB1 + H, offB2 = offW2 + C * H;
        for (int j = 0; j < H; j++) {
            int base = (walker * H + j) * (D + 1);
            System.arraycopy(hostW1, base, out, j * D, D);
            out[offB1 + j] = hostW1[base + D];
        }
        for (int k = 0; k < C; k++) {
            int base = (walker * C + k) * (H + 1);
            System.arraycopy(hostW2, base, out, offW2 + k * H, H);
            out[offB2 + k] = hostW2[base + H];
        }
    }
}
