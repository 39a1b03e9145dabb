package org.sgdbench.bench;

import java.util.Map;

/**
 * What one benchmark operation does, declared by each benchmark class so that reports can turn JMH's ops/s
 * into a natural unit (walker-mode-steps/s, cell-steps/s) and into achieved GFLOP/s and GB/s against the
 * hardware profile's ceilings.
 *
 * @param unit         the natural unit of work
 * @param unitsPerOp   units of work in one benchmark operation
 * @param flopsPerUnit floating-point operations per unit (an FMA counts 2)
 * @param bytesPerUnit bytes that must move to/from memory per unit
 * @param bound        which ceiling applies
 */
public record DeclaredWork(String unit, double unitsPerOp, double flopsPerUnit, double bytesPerUnit, Bound bound) {
    /** The resource a kernel saturates first. */
    public enum Bound { COMPUTE, MEMORY }

    /** Reads an integer JMH parameter. */
    public static int intParam(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalArgumentException("missing JMH parameter " + name);
        return Integer.parseInt(v);
    }
}
