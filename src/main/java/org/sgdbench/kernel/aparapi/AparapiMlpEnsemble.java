package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
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
 * The MLP ensemble on Aparapi (OpenCL device, or the Java thread pool when asked for): one work-item per walker
 * ({@link MlpKernelF32}, {@link MlpKernelF64}). The state stays on the device between calls; each launch runs up to
 * {@link #STEPS_PER_LAUNCH} steps, and before it the host draws those steps' minibatch indices (the streams of
 * {@code rng.MinibatchStreams}, so every backend trains on the same minibatches) and sends them (b·K ints per step).
 * The kernel is built and warmed up in the constructor. {@link #close} releases the context and buffers.
 *
 * <p>Tolerance against the scalar reference (max |θ − θ_ref| / (1 + |θ_ref|) after the contract's 20 steps): OpenCL's
 * tanh and exp are not Java's (OpenCL 1.2 allows 5 and 3 ulp in F32, 5 and 3 ulp in F64), and a driver may contract
 * a·b + c into a fused multiply-add (Aparapi sets no build option), so each step differs by a few ulp of the gradient,
 * carried by a map of norm ≈ 1 over 20 steps: {@link #TOLERANCE_F32} = 2⁻¹⁷ and {@link #TOLERANCE_F64} = 2⁻⁴⁶ (64 ulp
 * each, room for drivers whose tanh and exp use their whole allowance). Measured on PoCL 3.1 (CPU, contract spec, every
 * sampling mode): 1.4–2.1 ulp in F32, 1.1–3.3 ulp in F64.
 */
public final class AparapiMlpEnsemble implements MlpEnsembleKernel {
    public static final int STEPS_PER_LAUNCH = 16;
    public static final double TOLERANCE_F32 = 0x1.0p-17;
    public static final double TOLERANCE_F64 = 0x1.0p-46;
    static final int DEFAULT_WORK_GROUP = 64;

    private final MlpSpec spec;
    private final Precision precision;
    private final AparapiTarget target;
    private final MlpKernelF32 k32;
    private final MlpKernelF64 k64;
    private final Kernel kernel;
    private final Range range;
    private final int walkers, kpad, parameters, n, batch, k0, k1, threads;
    private final double[] theta0;
    private final int[] perm, scratch = new int[4], idxHost;
    private long steps;
    private boolean hostCurrent, launched, closed;

    public AparapiMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        this(spec, train, theta0, precision, options, AparapiTarget.select(options.device()));
    }

    AparapiMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options,
                       AparapiTarget target) {
        this.spec = Check.notNull("spec", spec);
        this.precision = Check.notNull("precision", precision);
        this.target = target;
        if (train.size() != spec.trainSize() || train.inputs() != 64 || train.classes() != 10)
            throw new InvalidSpecException("train", train.size() + " samples", spec.trainSize() + " digits samples");
        parameters = spec.parameters();
        if (theta0.length != parameters) throw new InvalidSpecException("theta0", theta0.length + " values", parameters + " values");
        if (target.device() instanceof OpenCLDevice d && precision == Precision.F64 && !OpenCLInventory.supportsFp64(d))
            throw new KernelNotSupportedException("aparapi: " + target.description() + " has no double precision: "
                + OpenCLInventory.fp64(d));
        this.theta0 = theta0.clone();
        walkers = spec.walkers();
        n = train.size();
        batch = spec.batch();
        k0 = StreamLayout.key0(spec.seed());
        k1 = StreamLayout.key1(spec.seed());
        int group = target.isOpenCL() ? DEFAULT_WORK_GROUP : Math.min(options.threads(), Range.MAX_GROUP_SIZE);
        kpad = (walkers + group - 1) / group * group;
        long cells = (long) parameters * kpad;
        if (cells > Integer.MAX_VALUE - 8 || (long) STEPS_PER_LAUNCH * batch * kpad > Integer.MAX_VALUE - 8)
            throw new KernelNotSupportedException("aparapi: " + walkers + " walkers × " + parameters
                + " parameters exceed one Java array");
        perm = spec.sampling() == Sampling.RESHUFFLING ? new int[walkers * n] : null;
        if (precision == Precision.F64) {
            k32 = null;
            k64 = new MlpKernelF64(kpad, spec.hidden(), batch, STEPS_PER_LAUNCH, train.features().clone(),
                train.labels().clone(), spec.eta(), spec.penalty());
            kernel = k64;
            idxHost = k64.idx;
        } else {
            float[] xf = new float[train.features().length];
            for (int i = 0; i < xf.length; i++) xf[i] = (float) train.features()[i];
            k64 = null;
            k32 = new MlpKernelF32(kpad, spec.hidden(), batch, STEPS_PER_LAUNCH, xf, train.labels().clone(),
                (float) spec.eta(), (float) spec.penalty());
            kernel = k32;
            idxHost = k32.idx;
        }
        kernel.setExplicit(true);
        try {
            target.compile(kernel);
            int local = group;
            if (target.isOpenCL()) {
                int max = target.maxWorkGroup(kernel);
                while (local > max) local /= 2;
                threads = target.computeUnits();
            } else {
                threads = local;
            }
            range = target.range(kpad, local);
            if (k32 != null) {
                target.put(kernel, k32.x);
                target.put(kernel, k32.labels);
            } else {
                target.put(kernel, k64.x);
                target.put(kernel, k64.labels);
            }
            reset();
            warmUp();
        } catch (RuntimeException e) {
            dispose();
            throw e;
        }
    }

    /** One launch of zero steps: allocates every buffer and loads the program outside any timed call. */
    private void warmUp() {
        if (k32 != null) k32.steps = 0;
        else k64.steps = 0;
        sendAll();
        target.execute(kernel, range, 1);
        launched = true;
    }

    private void sendAll() {
        if (k32 != null) {
            target.put(kernel, k32.theta);
            target.put(kernel, k32.idx);
        } else {
            target.put(kernel, k64.theta);
            target.put(kernel, k64.idx);
        }
    }

    @Override
    public Backend backend() { return Backend.APARAPI; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public MlpSpec spec() { return spec; }

    @Override
    public String device() { return target.description(); }

    @Override
    public int threads() { return threads; }

    @Override
    public void reset() {
        ensureOpen();
        for (int i = 0; i < parameters; i++)
            for (int w = 0; w < kpad; w++) {
                if (k32 != null) k32.theta[i * kpad + w] = (float) theta0[i];
                else k64.theta[i * kpad + w] = theta0[i];
            }
        if (launched) {
            if (k32 != null) target.put(kernel, k32.theta);
            else target.put(kernel, k64.theta);
        }
        hostCurrent = true;
        steps = 0;
    }

    @Override
    public void advance(int count) {
        ensureOpen();
        if (count < 1) throw new InvalidSpecException("steps", count, "[1, " + Integer.MAX_VALUE + "]");
        int left = count;
        while (left > 0) {
            int chunk = Math.min(left, STEPS_PER_LAUNCH);
            for (int s = 0; s < chunk; s++)
                for (int w = 0; w < walkers; w++) {
                    MinibatchStreams.batch(spec.sampling(), k0, k1, w, (int) (steps + s), n, batch, perm, w * n,
                        scratchBatch(), 0, scratch);
                    for (int j = 0; j < batch; j++) idxHost[(s * batch + j) * kpad + w] = batchBuffer[j];
                }
            if (k32 != null) {
                k32.steps = chunk;
                target.put(kernel, k32.idx);
            } else {
                k64.steps = chunk;
                target.put(kernel, k64.idx);
            }
            target.execute(kernel, range, 1);
            launched = true;
            hostCurrent = !target.isOpenCL();
            steps += chunk;
            left -= chunk;
        }
    }

    private int[] batchBuffer;

    private int[] scratchBatch() {
        if (batchBuffer == null) batchBuffer = new int[batch];
        return batchBuffer;
    }

    @Override
    public long stepsDone() { return steps; }

    @Override
    public void readWalker(int walker, double[] out) {
        ensureOpen();
        Check.inRange("walker", walker, 0, walkers - 1);
        if (!hostCurrent) {
            if (k32 != null) target.get(kernel, k32.theta);
            else target.get(kernel, k64.theta);
            hostCurrent = true;
        }
        for (int i = 0; i < parameters; i++) out[i] = k32 != null ? k32.theta[i * kpad + walker] : k64.theta[i * kpad + walker];
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel closed");
    }

    private void dispose() {
        closed = true;
        target.dispose(kernel, launched);
    }

    @Override
    public void close() {
        if (!closed) dispose();
    }
}
