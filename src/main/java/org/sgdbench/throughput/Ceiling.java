package org.sgdbench.throughput;

import org.sgdbench.bench.DeclaredWork;

/**
 * Looks up the machine ceiling that bounds a throughput row: (declared work, backend, device, precision, threads) →
 * value and name.
 */
@FunctionalInterface
public interface Ceiling {
    /** A measured ceiling: GB/s for memory, GFLOP/s for compute; {@code name} says which one (level, threads). */
    record Value(double value, String name) {}

    /** The ceiling, or null when none applies (no profile, or a device without measured ceilings). */
    Value lookup(DeclaredWork work, String backend, String device, String precision, int threads);

    Ceiling NONE = (w, b, d, p, t) -> null;
}
