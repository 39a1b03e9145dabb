package org.sgdbench.throughput;

import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.problem.Precision;

/** The ceiling lookup of a hardware profile's measured {@link Ceilings}: which ceiling judges which row. */
public final class ProfileCeilings {
    private ProfileCeilings() {}

    /**
     * Memory-bound kernels are compared with the read-only streaming bandwidth (the transfer-operator SpMV is
     * read-dominated: CSR arrays and the input vector are read, one vector is written); compute-bound ones with the
     * best measured FMA peak of their precision. One-thread ceilings for one-thread rows, all-thread ceilings
     * otherwise. No ceilings → {@link Ceiling#NONE}.
     */
    public static Ceiling of(Ceilings c) {
        if (c == null) return Ceiling.NONE;
        return (work, backend, precision, threads) -> {
            boolean all = threads > 1;
            String t = all ? c.allThreads() + " threads" : "1 thread";
            if (work.bound() == DeclaredWork.Bound.MEMORY)
                return new Ceiling.Value(c.bandwidthGBs(true, all), "read bandwidth, " + t);
            Precision p = "F64".equals(precision) ? Precision.F64 : Precision.F32;
            return new Ceiling.Value(c.peakGflops(p, all), p + " FMA peak, " + t);
        };
    }
}
