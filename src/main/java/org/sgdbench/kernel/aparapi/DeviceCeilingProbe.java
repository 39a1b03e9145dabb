package org.sgdbench.kernel.aparapi;

import java.util.Locale;

/**
 * Ceilings of an OpenCL device measured through Aparapi on the device itself, so that Aparapi rows are judged
 * against what their device can do, not against the host CPU: peak FMA GFLOP/s (F32, and F64 where the device has
 * cl_khr_fp64) and global-memory read bandwidth. Timed with {@code System.nanoTime} around whole launches after a
 * first launch that builds the kernel; the best of several launches is kept (a ceiling is a maximum), and for the
 * bandwidth the faster of two access patterns: grid-strided, what a GPU coalesces, and blocked, a contiguous stream
 * per work-item, what a CPU core's prefetchers follow (the grid-strided pattern alone gave 1.4 GB/s on PoCL's CPU
 * device of a 2-core EPYC, where each work-item's loop hops across the whole array). The data are copied to the device once, before timing (explicit buffer management), and every kernel is disposed.
 */
public final class DeviceCeilingProbe {
    /**
     * @param device       the device description, as Aparapi rows record it
     * @param f32Gflops    peak F32 FMA throughput, GFLOP/s
     * @param f64Gflops    peak F64 FMA throughput, GFLOP/s; NaN when the device has no double precision
     * @param readGBs      global-memory read bandwidth, GB/s (4-byte elements, each read once per launch)
     * @param readBytes    bytes of the array read
     * @param accounting   how it was measured
     */
    public record Result(String device, double f32Gflops, double f64Gflops, double readGBs, long readBytes,
                         String accounting) {}

    /** On a CPU device the read array spans at least this many times the host's last-level cache. */
    static final int CACHE_MULTIPLE = 4;
    /** Largest read array, floats (4 GiB): work-item offsets stay within int. */
    static final long MAX_READ_ELEMENTS = 1L << 30;

    /** Said in the accounting of every read figure of this probe: the faster of two access patterns kept. */
    public static final String BOTH_PATTERNS = "the faster of two access patterns kept";

    private DeviceCeilingProbe() {}

    /** Whether this machine has an OpenCL device at all (without one there is nothing to measure). */
    public static boolean openClAvailable() { return OpenCLInventory.get().available(); }

    /**
     * Measures the device {@code selector} picks ("gpu", "cpu", "any"; see {@link AparapiTarget#select}).
     *
     * @param readElements floats of the array of the bandwidth kernel: it must exceed the device's caches
     * @param launches     timed launches of each kernel (best kept), ≥ 1
     */
    public static Result measure(String selector, int readElements, int launches) {
        AparapiTarget t = AparapiTarget.select(selector);
        if (!t.isOpenCL()) throw new IllegalArgumentException("device ceilings need an OpenCL device, not " + t);
        int units = Math.max(1, t.computeUnits());
        int local = 64;
        int workItems = local * 256 * units; // many work-groups per compute unit: every lane busy
        int iterations = 4096;
        double flopsPerLaunch = 2.0 * CeilingKernels.CHAINS * iterations * (double) workItems;

        double f32 = flops(t, new CeilingKernels.FmaF32(workItems, iterations), workItems, local, launches, flopsPerLaunch);
        double f64 = OpenCLInventory.supportsFp64((com.aparapi.device.OpenCLDevice) t.device())
            ? flops(t, new CeilingKernels.FmaF64(workItems, iterations), workItems, local, launches, flopsPerLaunch)
            : Double.NaN;

        float[] data = new float[readElements];
        for (int i = 0; i < data.length; i++) data[i] = (i & 7) * 0.125f;
        int readItems = local * 64 * units;
        double expected = 0;
        for (float v : data) expected += v;
        CeilingKernels.ReadSum strided = new CeilingKernels.ReadSum(data, readItems);
        double stridedSeconds = readSeconds(t, strided, strided.out, data, readItems, local, launches, expected);
        CeilingKernels.BlockedReadSum blocked = new CeilingKernels.BlockedReadSum(data, readItems);
        double blockedSeconds = readSeconds(t, blocked, blocked.out, data, readItems, local, launches, expected);
        long bytes = 4L * readElements;
        double stridedGBs = bytes / stridedSeconds / 1e9, blockedGBs = bytes / blockedSeconds / 1e9;
        return new Result(t.description(), f32, f64, Math.max(stridedGBs, blockedGBs), bytes, String.format(Locale.ROOT,
            "Aparapi on the device, best of %d launches after a build launch; FMA: %d work-items × %d chains × %d "
                + "iterations, an FMA = 2 flops; read: one float array of %.0f MB read once per launch by %d "
                + "work-items, copied to the device before timing, " + BOTH_PATTERNS + ": grid-strided %.3g GB/s, "
                + "blocked (a contiguous chunk per work-item) %.3g GB/s", launches, workItems,
            CeilingKernels.CHAINS, iterations, bytes / 1e6, readItems, stridedGBs, blockedGBs));
    }

    /**
     * Floats of the global-memory read array: at least {@code minimum}, and at least {@link #CACHE_MULTIPLE} times
     * the host's last-level cache on a CPU device (its caches are the host's; a GPU's cache size is not known to
     * Aparapi, so {@code minimum} must exceed it); at most a quarter of the device's global memory, its largest
     * allocation, and a quarter of this JVM's heap (the array lives on the heap too); a multiple of 1024.
     *
     * @param hostLlcBytes   the host's last-level cache in all, bytes (≤ 0: unknown, ignored)
     * @param maxAllocBytes  the device's largest allocation, bytes (≤ 0: unknown, ignored)
     * @param globalMemBytes the device's global memory, bytes (≤ 0: unknown, ignored)
     * @param heapBytes      this JVM's maximum heap, bytes (≤ 0: unknown, ignored)
     */
    public static int readElements(int minimum, boolean cpuDevice, long hostLlcBytes, long maxAllocBytes,
                                   long globalMemBytes, long heapBytes) {
        long want = Math.max(minimum, cpuDevice && hostLlcBytes > 0 ? CACHE_MULTIPLE * hostLlcBytes / Float.BYTES : 0);
        long cap = MAX_READ_ELEMENTS;
        if (maxAllocBytes > 0) cap = Math.min(cap, maxAllocBytes / Float.BYTES);
        if (globalMemBytes > 0) cap = Math.min(cap, globalMemBytes / 4 / Float.BYTES);
        if (heapBytes > 0) cap = Math.min(cap, heapBytes / 4 / Float.BYTES);
        return (int) Math.max(1024, Math.min(want, cap) / 1024 * 1024);
    }

    /** {@link #readElements(int, boolean, long, long, long, long)} for the device {@code selector} picks. */
    public static int readElements(String selector, int minimum, long hostLlcBytes) {
        AparapiTarget t = AparapiTarget.select(selector);
        if (!(t.device() instanceof com.aparapi.device.OpenCLDevice d)) return minimum;
        return readElements(minimum, d.getType() == com.aparapi.device.Device.TYPE.CPU, hostLlcBytes,
            d.getMaxMemAllocSize(), d.getGlobalMemSize(), Runtime.getRuntime().maxMemory());
    }

    /**
     * Best time of {@code launches} launches of a read kernel (after a first, untimed one), its sum checked against
     * the array's: a kernel that skipped elements would report a bandwidth it did not reach.
     */
    private static double readSeconds(AparapiTarget t, com.aparapi.Kernel k, float[] out, float[] data, int items,
                                      int local, int launches, double expected) {
        boolean launched = false;
        double best = Double.POSITIVE_INFINITY;
        try {
            k.setExplicit(true);
            t.compile(k);
            t.put(k, data);
            t.execute(k, t.range(items, local), 1);
            launched = true;
            for (int r = 0; r < launches; r++) {
                long t0 = System.nanoTime();
                t.execute(k, t.range(items, local), 1);
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
            }
            t.get(k, out);
            checkFinite(out, "read sum");
            double sum = 0;
            for (float v : out) sum += v;
            if (Math.abs(sum - expected) > 1e-3 * Math.abs(expected) + 1e-6)
                throw new IllegalStateException(k.getClass().getSimpleName() + " summed " + sum + ", not " + expected);
        } finally {
            t.dispose(k, launched);
        }
        return best;
    }

    private static double flops(AparapiTarget t, com.aparapi.Kernel k, int workItems, int local, int launches,
                                double flopsPerLaunch) {
        boolean launched = false;
        double best = Double.POSITIVE_INFINITY;
        try {
            k.setExplicit(true);
            t.compile(k);
            t.execute(k, t.range(workItems, local), 1);
            launched = true;
            for (int r = 0; r < launches; r++) {
                long t0 = System.nanoTime();
                t.execute(k, t.range(workItems, local), 1);
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
            }
            if (k instanceof CeilingKernels.FmaF32 f) {
                t.get(k, f.out);
                checkFinite(f.out, "F32 FMA");
            } else if (k instanceof CeilingKernels.FmaF64 f) {
                t.get(k, f.out);
                for (double v : f.out) if (!Double.isFinite(v)) throw new IllegalStateException("F64 FMA kernel gave " + v);
            }
        } finally {
            t.dispose(k, launched);
        }
        return flopsPerLaunch / best / 1e9;
    }

    private static void checkFinite(float[] out, String what) {
        for (float v : out) if (!Float.isFinite(v)) throw new IllegalStateException(what + " kernel gave " + v);
    }
}
