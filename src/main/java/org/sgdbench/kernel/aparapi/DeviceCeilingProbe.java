package org.sgdbench.kernel.aparapi;

import java.util.Locale;

/**
 * Ceilings of an OpenCL device measured through Aparapi on the device itself, so that Aparapi rows are judged
 * against what their device can do, not against the host CPU: peak FMA GFLOP/s (F32, and F64 where the device has
 * cl_khr_fp64) and global-memory read bandwidth. Timed with {@code System.nanoTime} around whole launches after a
 * first launch that builds the kernel; the best of several launches is kept (a ceiling is a maximum). The data are
 * copied to the device once, before timing (explicit buffer management), and every kernel is disposed.
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
        CeilingKernels.ReadSum read = new CeilingKernels.ReadSum(data, readItems);
        boolean launched = false;
        double bestSeconds = Double.POSITIVE_INFINITY;
        try {
            read.setExplicit(true);
            t.compile(read);
            t.put(read, data);
            t.execute(read, t.range(readItems, local), 1);
            launched = true;
            for (int k = 0; k < launches; k++) {
                long t0 = System.nanoTime();
                t.execute(read, t.range(readItems, local), 1);
                bestSeconds = Math.min(bestSeconds, (System.nanoTime() - t0) * 1e-9);
            }
            t.get(read, read.out);
            checkFinite(read.out, "read sum");
        } finally {
            t.dispose(read, launched);
        }
        long bytes = 4L * readElements;
        return new Result(t.description(), f32, f64, bytes / bestSeconds / 1e9, bytes, String.format(Locale.ROOT,
            "Aparapi on the device, best of %d launches after a build launch; FMA: %d work-items × %d chains × %d "
                + "iterations, an FMA = 2 flops; read: one float array of %.0f MB read once per launch by %d "
                + "work-items (grid-strided), copied to the device before timing", launches, workItems,
            CeilingKernels.CHAINS, iterations, bytes / 1e6, readItems));
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
