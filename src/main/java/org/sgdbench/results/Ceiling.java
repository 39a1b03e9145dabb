package org.sgdbench.results;

import org.sgdbench.bench.DeclaredWork;

/** Looks up the machine ceiling that bounds a kernel: (bound, precision, threads) → value and name. */
@FunctionalInterface
public interface Ceiling {
    /** A measured ceiling: GB/s for memory, GFLOP/s for compute. */
    record Value(double value, String name) {}

    /** The ceiling, or null when the profile has none. */
    Value lookup(DeclaredWork.Bound bound, String precision, int threads);

    Ceiling NONE = (b, p, t) -> null;
}
