package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
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
 * The MLP ensemble on Aparapi (OpenCL device, or the Java thread pool when asked for). The state stays on the device
 * between calls (read back only by {@link #readWalker}); each launch runs up to {@link #STEPS_PER_LAUNCH} steps, and
 * before it the host draws those steps' minibatch indices (the streams of {@code rng.MinibatchStreams}, so every
 * backend trains on the same minibatches; walkers split over the host's threads) and sends them: b·K ints per step,
 * the only transfer of a step. The kernel is built and warmed up in the constructor. {@link #close} releases the
 * context and buffers.
 *
 * <p>How the work is laid out on the device ({@link Layout}): one work-item per walker, with parameter-major state (the
 * default on GPUs: coalesced) or walker-major state (the default on CPU devices: each work-item reads contiguous
 * memory, as a CPU core wants; measured 22× faster on PoCL, see {@link #layoutChoice}). The system property
 * {@code sgdbench.aparapi.mlpLayout} (a {@link Layout} name) chooses the other, for measuring them side by side
 * ({@code bench.MlpSgdBenchmark} takes {@code -p backend=aparapi:<LAYOUT>}); both compute the same operations in the
 * reference's order and meet the same tolerance (one contract test class each). Two more layouts were built and
 * dropped: one work-group per walker with a work-item per hidden unit measured 12.3 steps/s against walker-major's
 * 12.7 (H = 32, b = 32, F32, the one size measured), and parameter-major with a barrier in every inner loop was not
 * measured at all (its first PoCL build alone took ~90 s); neither earned its two kernel classes.
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
    private static final int DRAW_BLOCK = 64;

    /** Where a walker's parameters lie and how the kernel's work-items share the work. */
    enum Layout {
        /** One work-item per walker, parameter-major (i·K' + w). */
        PARAMETER_MAJOR,
        /** One work-item per walker, walker-major (w·P + i). */
        WALKER_MAJOR
    }

    private final MlpSpec spec;
    private final Precision precision;
    private final AparapiTarget target;
    private final Layout layout;
    private final Kernel kernel;
    private final float[] theta32;
    private final double[] theta64;
    private final java.util.function.IntConsumer setSteps;
    private final Range range;
    private final int walkers, kpad, parameters, n, batch, k0, k1, threads;
    private final double[] theta0;
    private final int[] perm, idxHost;
    private final ParallelBlocks draws;
    private long steps;
    private boolean hostCurrent, launched, closed;

    public AparapiMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        this(spec, train, theta0, precision, options, AparapiTarget.select(options.device()));
    }

    AparapiMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options,
                       AparapiTarget target) {
        this(spec, train, theta0, precision, options, target,
            layoutChoice(target.device() instanceof OpenCLDevice d && d.getType() == com.aparapi.device.Device.TYPE.GPU));
    }

    AparapiMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options,
                       AparapiTarget target, Layout layout) {
        this.spec = Check.notNull("spec", spec);
        this.precision = Check.notNull("precision", precision);
        this.target = target;
        this.layout = layout;
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
        int group = target.isOpenCL() ? DEFAULT_WORK_GROUP
            : Math.min(options.threads(), Range.MAX_GROUP_SIZE);
        kpad = (walkers + group - 1) / group * group;
        long cells = (long) parameters * kpad;
        if (cells > Integer.MAX_VALUE - 8 || (long) STEPS_PER_LAUNCH * batch * kpad > Integer.MAX_VALUE - 8)
            throw new KernelNotSupportedException("aparapi: " + walkers + " walkers × " + parameters
                + " parameters exceed one Java array");
        perm = spec.sampling() == Sampling.RESHUFFLING ? new int[walkers * n] : null;
        draws = new ParallelBlocks(Math.max(1, options.threads()), DRAW_BLOCK);
        int h = spec.hidden(), S = STEPS_PER_LAUNCH;
        int[] labels = train.labels().clone();
        float eta = (float) spec.eta(), mu = (float) spec.penalty();
        float[] xf = null;
        if (precision == Precision.F32) {
            xf = new float[train.features().length];
            for (int i = 0; i < xf.length; i++) xf[i] = (float) train.features()[i];
        }
        double[] xd = precision == Precision.F64 ? train.features().clone() : null;
        if (precision == Precision.F64) {
            theta32 = null;
            if (walkerMajor()) { var k = new MlpWalkerKernelF64(kpad, h, batch, S, xd, labels, spec.eta(), spec.penalty()); kernel = k; theta64 = k.theta; idxHost = k.idx; setSteps = v -> k.steps = v; }
            else { var k = new MlpKernelF64(kpad, h, batch, S, xd, labels, spec.eta(), spec.penalty()); kernel = k; theta64 = k.theta; idxHost = k.idx; setSteps = v -> k.steps = v; }
        } else {
            theta64 = null;
            if (walkerMajor()) { var k = new MlpWalkerKernelF32(kpad, h, batch, S, xf, labels, eta, mu); kernel = k; theta32 = k.theta; idxHost = k.idx; setSteps = v -> k.steps = v; }
            else { var k = new MlpKernelF32(kpad, h, batch, S, xf, labels, eta, mu); kernel = k; theta32 = k.theta; idxHost = k.idx; setSteps = v -> k.steps = v; }
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
            if (xf != null) target.put(kernel, xf);
            else target.put(kernel, xd);
            target.put(kernel, labels);
            reset();
            warmUp();
        } catch (RuntimeException e) {
            dispose();
            throw e;
        }
    }

    /**
     * The layout of {@code sgdbench.aparapi.mlpLayout}, else the default for the device: walker-major on a CPU device
     * and the Java thread pool, parameter-major on a GPU. Why: on PoCL's CPU device (H = 32, b = 32, K = 1024, F32, 2
     * threads, one JMH run) walker-major ran 22× faster than parameter-major (12.7 against 0.57 steps/s), because a CPU work-item then reads its parameters contiguously; on a GPU
     * parameter-major state is what makes neighbouring work-items' loads coalesce (not measured: no GPU here).
     */
    static Layout layoutChoice(boolean gpu) {
        String name = System.getProperty("sgdbench.aparapi.mlpLayout");
        if (name == null) return gpu ? Layout.PARAMETER_MAJOR : Layout.WALKER_MAJOR;
        try {
            return Layout.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("sgdbench.aparapi.mlpLayout", name, "one of " + java.util.Arrays.toString(Layout.values()));
        }
    }

    private boolean walkerMajor() { return layout == Layout.WALKER_MAJOR; }

    private int thetaIndex(int i, int w) {
        return walkerMajor() ? w * parameters + i : i * kpad + w;
    }

    private int idxIndex(int s, int j, int w) {
        return walkerMajor() ? (w * STEPS_PER_LAUNCH + s) * batch + j : (s * batch + j) * kpad + w;
    }

    /** One launch of zero steps: allocates every buffer and loads the program outside any timed call. */
    private void warmUp() {
        setSteps.accept(0);
        sendTheta();
        target.put(kernel, idxHost);
        target.execute(kernel, range, 1);
        launched = true;
    }

    private void sendTheta() {
        if (theta32 != null) target.put(kernel, theta32);
        else target.put(kernel, theta64);
    }

    @Override
    public Backend backend() { return Backend.APARAPI; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public MlpSpec spec() { return spec; }

    @Override
    public String device() {
        return target.description() + ", " + layout.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " layout";
    }

    @Override
    public int threads() { return threads; }

    @Override
    public void reset() {
        ensureOpen();
        for (int w = 0; w < kpad; w++)
            for (int i = 0; i < parameters; i++) {
                if (theta32 != null) theta32[thetaIndex(i, w)] = (float) theta0[i];
                else theta64[thetaIndex(i, w)] = theta0[i];
            }
        if (launched) sendTheta();
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
            drawIndices(chunk);
            setSteps.accept(chunk);
            target.put(kernel, idxHost);
            target.execute(kernel, range, 1);
            launched = true;
            hostCurrent = !target.isOpenCL();
            steps += chunk;
            left -= chunk;
        }
    }

    /**
     * The minibatch indices of the next {@code chunk} steps into the launch's index array, walkers split over the
     * host's threads (each walker's draws depend on its index alone; the device waits for them).
     */
    private void drawIndices(int chunk) {
        long first = steps;
        draws.forEach(walkers, (from, to) -> {
            int[] drawn = new int[batch], words = new int[4];
            for (int w = from; w < to; w++)
                for (int s = 0; s < chunk; s++) {
                    MinibatchStreams.batch(spec.sampling(), k0, k1, w, (int) (first + s), n, batch, perm, w * n,
                        drawn, 0, words);
                    for (int j = 0; j < batch; j++) idxHost[idxIndex(s, j, w)] = drawn[j];
                }
        });
    }

    @Override
    public long stepsDone() { return steps; }

    @Override
    public void readWalker(int walker, double[] out) {
        ensureOpen();
        Check.inRange("walker", walker, 0, walkers - 1);
        if (!hostCurrent) {
            if (theta32 != null) target.get(kernel, theta32);
            else target.get(kernel, theta64);
            hostCurrent = true;
        }
        for (int i = 0; i < parameters; i++)
            out[i] = theta32 != null ? theta32[thetaIndex(i, walker)] : theta64[thetaIndex(i, walker)];
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel closed");
    }

    private void dispose() {
        closed = true;
        draws.close();
        target.dispose(kernel, launched);
    }

    @Override
    public void close() {
        if (!closed) dispose();
    }
}
