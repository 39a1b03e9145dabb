package org.sgdbench.throughput;

import java.util.Locale;
import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.problem.Precision;

/** The ceiling lookup of a hardware profile's measured {@link Ceilings}: which ceiling judges which row. */
public final class ProfileCeilings {
    private ProfileCeilings() {}

    /**
     * Compute-bound rows are judged against the best measured FMA peak of their precision; memory-bound rows against
     * the read bandwidth of the level their working set fits in (the transfer-operator SpMV and the Fokker–Planck
     * sweep are read-dominated). A memory-bound benchmark operation is one sweep over its data, so its working set
     * is the bytes it declares per operation; with N threads each thread sweeps 1/N of it, which must fit in its
     * core's L1 or L2, or in its 1/N share of the shared L3; otherwise main memory. One-thread ceilings for
     * one-thread rows, all-thread ceilings otherwise.
     *
     * <p>Rows that ran on an OpenCL device are judged against that device's own ceilings, measured through Aparapi
     * on it: its FMA peak, and its global-memory read bandwidth for memory-bound work — except that on an OpenCL
     * CPU device a working set that fits in a cache level is judged against the CPU's level (same silicon; the
     * device probe measures memory only). A device without measured ceilings: a CPU device falls back to the CPU's
     * ceilings, any other device gets none. No ceilings → {@link Ceiling#NONE}.
     */
    public static Ceiling of(Ceilings c) {
        if (c == null) return Ceiling.NONE;
        return (work, backend, device, precision, threads) -> {
            boolean openCl = device != null && device.startsWith("OpenCL ");
            Ceilings.Device d = openCl ? c.devices().stream().filter(x -> x.device().equals(device)).findFirst().orElse(null) : null;
            if (openCl && d == null && !device.startsWith("OpenCL CPU")) return null;
            if (d != null) {
                String name = device.substring(0, device.indexOf(':'));
                if (work.bound() == DeclaredWork.Bound.COMPUTE) {
                    Double peak = "F64".equals(precision) ? d.f64Gflops() : Double.valueOf(d.f32Gflops());
                    return peak == null ? null : new Ceiling.Value(peak, precision + " FMA peak of the " + name + " device");
                }
                if (!device.startsWith("OpenCL CPU"))
                    return new Ceiling.Value(d.readGBs(), "global-memory read bandwidth of the " + name + " device");
            }
            boolean all = threads > 1;
            String t = all ? c.allThreads() + " threads" : "1 thread";
            if (work.bound() == DeclaredWork.Bound.MEMORY) {
                double workingSet = work.bytesPerUnit() * work.unitsPerOp();
                int share = Math.max(1, threads);
                for (Ceilings.CacheLevel level : c.cacheRead()) {
                    double capacity = level.shared() ? (double) level.capacityBytes() / share : level.capacityBytes();
                    if (workingSet / share <= capacity)
                        return new Ceiling.Value(level.read().pick(all).value(), level.level() + " read bandwidth, " + t
                            + String.format(Locale.ROOT, " (working set %.3g MB)", workingSet / 1e6));
                }
                if (d != null)
                    return new Ceiling.Value(d.readGBs(), "memory read bandwidth of the OpenCL CPU device"
                        + String.format(Locale.ROOT, " (working set %.3g MB)", workingSet / 1e6));
                return new Ceiling.Value(c.bandwidthGBs(true, all), "memory read bandwidth, " + t
                    + (c.cacheRead().isEmpty() ? "" : String.format(Locale.ROOT, " (working set %.3g MB)", workingSet / 1e6)));
            }
            Precision p = "F64".equals(precision) ? Precision.F64 : Precision.F32;
            return new Ceiling.Value(c.peakGflops(p, all), p + " FMA peak, " + t);
        };
    }
}
