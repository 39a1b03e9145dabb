package org.sgdbench.throughput;

import org.sgdbench.bench.DeclaredWork;

/** Looks up the machine ceiling that bounds a kernel: (declared work, backend, precision, threads) → value and name. */
@FunctionalInterface
public interface Ceiling {
    /** A measured ceiling: GB/s for memory, GFLOP/s for compute; {@code name} says which one (level, threads). */
    record Value(double value, String name) {}

    /** The ceiling, or null when the profile has none. */
    Value lookup(DeclaredWork work, String backend, String precision, int threads);

    Ceiling NONE = (w, b, p, t) -> null;
}
