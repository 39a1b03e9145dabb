package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.StreamLayout;

/**
 * The SGD ensemble on Aparapi: OpenCL on a GPU or CPU device, or Aparapi's Java thread pool when device=jtp was
 * asked for. Same streams and semantics as the scalar reference (see {@link SgdKernelF32}).
 *
 * <p>Buffers are explicit. {@link Residency#DEVICE_RESIDENT}: the state is created on the device by {@link #reset}
 * and never leaves it except in {@link #readState}. {@link Residency#ROUND_TRIP}: every {@link #advance} sends the
 * state to the device and reads it back, the cost of a host-memory caller. The kernel is translated and built,
 * then warmed up by one launch, in the constructor; that time is {@link #buildNanos()} and is not part of any
 * {@code advance}.
 *
 * <p>On PoCL's CPU drivers the kernels vectorise across the work-items of a group (see {@link SgdKernelF32#run});
 * sgdbench sets no PoCL environment variable, and records those the user set in {@link #device()}.
 *
 * <p>On OpenCL, {@code KernelOptions.threads()} does not apply (the device schedules its compute units); on the
 * thread pool it is the number of Java threads (Aparapi's JTP runs one thread per work-item of a group).
 */
public final class AparapiSgdEnsemble implements SgdEnsembleKernel {
    /** Where the ensemble state lives between {@code advance} calls. */
    public enum Residency { DEVICE_RESIDENT, ROUND_TRIP }

    /** Steps per launch at most: bounds a launch's duration (GPU watchdogs) while amortising its cost. */
    public static final int MAX_STEPS_PER_LAUNCH = 1024;
    /**
     * Work-group size used unless one is given: a multiple of every GPU's SIMD width and of PoCL's vector width
     * (8 or 16 float lanes). On PoCL 3.1 (2 compute units, AVX-512) 64 … 1024 measured within noise of each other.
     */
    public static final int DEFAULT_WORK_GROUP = 128;
    /** The state arrays are padded to a multiple of this (automatic group sizes divide it). */
    static final int PAD_GRANULE = 4096;

    private final QuadraticModes spec;
    private final Precision precision;
    private final Residency residency;
    private final AparapiTarget target;
    private final SgdKernelF32 k32;
    private final SgdKernelF64 k64;
    private final Kernel kernel;
    private final Range range;
    private final int walkers;
    private final int threads;
    private final long buildNanos;
    private long stepsDone;
    /** Whether the host arrays hold the device's current state (readState then needs no transfer). */
    private boolean hostCurrent;
    private boolean closed;
    /** Whether a launch has succeeded (Aparapi can only dispose a context after one). */
    private boolean launched;

    /** Device-resident, automatic work-group size. */
    public AparapiSgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        this(spec, precision, seed, options, Residency.DEVICE_RESIDENT, 0);
    }

    /**
     * @param workGroupSize work-items per group on OpenCL (0: automatic); ignored on the thread pool
     */
    public AparapiSgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options,
                              Residency residency, int workGroupSize) {
        this(spec, precision, seed, options, residency, workGroupSize, AparapiTarget.select(options.device()));
    }

    AparapiSgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options, Residency residency,
                       int workGroupSize, AparapiTarget target) {
        this.spec = spec;
        this.precision = precision;
        this.residency = residency;
        this.target = target;
        this.walkers = spec.walkers();
        long total = (long) walkers * spec.modeCount();
        if (total > Integer.MAX_VALUE - 4096)
            throw new KernelNotSupportedException("aparapi: walkers x modes = " + total + " exceeds one OpenCL range ("
                + (Integer.MAX_VALUE - 4096) + ")");
        if (target.device() instanceof OpenCLDevice d && precision == Precision.F64 && !OpenCLInventory.supportsFp64(d))
            throw new KernelNotSupportedException("aparapi: " + target.description() + " has no double precision: "
                + OpenCLInventory.fp64(d));
        int modes = spec.modeCount();
        int key0 = StreamLayout.key0(seed), key1 = StreamLayout.key1(seed);
        int[] roundKeys = KernelConstants.roundKeys(key0, key1);
        NoiseLaws laws = spec.noise();
        // The kernels have no bounds branch (see SgdKernelF32.run): their state arrays are padded to a size every
        // launch's global size fits in. An automatic group size is a power of two <= PAD_GRANULE, so it divides it.
        int jtpGroup = Math.min(options.threads(), com.aparapi.Range.MAX_GROUP_SIZE);
        int granule = !target.isOpenCL() ? jtpGroup : workGroupSize > 0 ? workGroupSize : PAD_GRANULE;
        long padded = (total + granule - 1) / granule * granule;
        if (padded > Integer.MAX_VALUE - 8)
            throw new KernelNotSupportedException("aparapi: walkers x modes = " + total + " padded to " + padded
                + " exceeds one Java array");
        int globalSize = (int) padded;
        if (precision == Precision.F64) {
            double[] lam = new double[modes], sh = new double[modes], sg = new double[modes];
            for (int m = 0; m < modes; m++) {
                Mode md = spec.mode(m);
                lam[m] = md.lambda();
                sh[m] = md.sigmaH();
                sg[m] = md.sigmaG();
            }
            k32 = null;
            k64 = new SgdKernelF64(walkers, modes, globalSize, lam, sh, sg, roundKeys, spec.eta(), spec.initMean(),
                spec.initSpread(), laws);
            kernel = k64;
        } else {
            float[] lam = new float[modes], sh = new float[modes], sg = new float[modes];
            for (int m = 0; m < modes; m++) {
                Mode md = spec.mode(m);
                lam[m] = (float) md.lambda();
                sh[m] = (float) md.sigmaH();
                sg[m] = (float) md.sigmaG();
            }
            k64 = null;
            k32 = new SgdKernelF32(walkers, modes, globalSize, lam, sh, sg, roundKeys, (float) spec.eta(), (float) spec.initMean(),
                (float) spec.initSpread(), laws);
            kernel = k32;
        }
        kernel.setExplicit(true);

        long t0 = System.nanoTime();
        try {
            target.compile(kernel);
            int local;
            if (target.isOpenCL()) {
                int max = target.maxWorkGroup(kernel);
                if (workGroupSize > max)
                    throw new KernelNotSupportedException("aparapi: work-group size " + workGroupSize
                        + " exceeds this kernel's maximum on " + target.description() + " (" + max + ")");
                local = workGroupSize > 0 ? workGroupSize : Integer.highestOneBit(Math.min(DEFAULT_WORK_GROUP, max));
                threads = target.computeUnits();
            } else {
                local = jtpGroup;
                threads = local;
            }
            int global = (int) ((total + local - 1) / local) * local;
            range = target.range(global, local);
            // the parameters go to the device once; the state is created there by reset()
            if (k32 != null) {
                target.put(kernel, k32.lambda);
                target.put(kernel, k32.sigmaH);
                target.put(kernel, k32.sigmaG);
            } else {
                target.put(kernel, k64.lambda);
                target.put(kernel, k64.sigmaH);
                target.put(kernel, k64.sigmaG);
            }
            target.put(kernel, roundKeys);
            reset(); // warm-up launch: buffers allocated, program loaded, first run
        } catch (RuntimeException e) {
            dispose();
            throw e;
        }
        buildNanos = System.nanoTime() - t0;
    }


    @Override
    public Backend backend() { return Backend.APARAPI; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public QuadraticModes spec() { return spec; }

    /** What ran the kernel: "OpenCL GPU: …", "OpenCL CPU: … (The pocl project)" or "Java thread pool (JTP)". */
    @Override
    public String device() { return target.description(); }

    /** Compute units of the OpenCL device, or the thread-pool threads. */
    @Override
    public int threads() { return threads; }

    public Residency residency() { return residency; }

    /** Translation, OpenCL build and the warm-up launch, in ns; excluded from every {@code advance}. */
    public long buildNanos() { return buildNanos; }

    /** Work-items per group of the launches. */
    public int workGroupSize() { return range.getLocalSize(0); }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public void reset() {
        ensureOpen();
        if (k32 != null) k32.phase = SgdKernelF32.PHASE_INITIALISE;
        else k64.phase = SgdKernelF64.PHASE_INITIALISE;
        target.execute(kernel, range, 1);
        launched = true;
        hostCurrent = !target.isOpenCL();
        if (residency == Residency.ROUND_TRIP) fetchState();
        stepsDone = 0;
    }

    @Override
    public void advance(int steps) {
        ensureOpen();
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        if (residency == Residency.ROUND_TRIP) sendState();
        int left = steps;
        while (left > 0) {
            int chunk = Math.min(left, MAX_STEPS_PER_LAUNCH);
            if (k32 != null) {
                k32.phase = SgdKernelF32.PHASE_ADVANCE;
                k32.firstStep = (int) stepsDone;
                k32.steps = chunk;
            } else {
                k64.phase = SgdKernelF64.PHASE_ADVANCE;
                k64.firstStep = (int) stepsDone;
                k64.steps = chunk;
            }
            target.execute(kernel, range, 1);
            launched = true;
            hostCurrent = !target.isOpenCL();
            stepsDone += chunk;
            left -= chunk;
        }
        if (residency == Residency.ROUND_TRIP) fetchState();
    }

    private void sendState() {
        if (k32 != null) {
            target.put(kernel, k32.x);
            target.put(kernel, k32.prev);
        } else {
            target.put(kernel, k64.x);
            target.put(kernel, k64.prev);
        }
    }

    private void fetchState() {
        if (hostCurrent) return;
        hostCurrent = true;
        if (k32 != null) {
            target.get(kernel, k32.x);
            target.get(kernel, k32.prev);
        } else {
            target.get(kernel, k64.x);
            target.get(kernel, k64.prev);
        }
    }

    @Override
    public void readState(int mode, double[] x, double[] prev) {
        ensureOpen();
        if (mode < 0 || mode >= spec.modeCount()) throw new IndexOutOfBoundsException("mode " + mode);
        fetchState();
        int base = mode * walkers;
        if (k32 != null) {
            for (int i = 0; i < walkers; i++) {
                x[i] = k32.x[base + i];
                prev[i] = k32.prev[base + i];
            }
        } else {
            System.arraycopy(k64.x, base, x, 0, walkers);
            System.arraycopy(k64.prev, base, prev, 0, walkers);
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel closed");
    }

    private void dispose() {
        closed = true;
        target.dispose(kernel, launched);
    }

    /** Releases the OpenCL context and device buffers. Idempotent. */
    @Override
    public void close() {
        if (!closed) dispose();
    }
}
