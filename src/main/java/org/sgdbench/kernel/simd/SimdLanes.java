package org.sgdbench.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width of this JVM, fixed once at class initialisation (like Lucene's vectorization provider) so
 * that every species is a {@code static final} constant: C2 only intrinsifies Vector API calls whose species
 * it can see as a constant; a species held in an instance field makes every operation box.
 *
 * <p>The width is the hardware's preferred one unless {@value #PROPERTY} forces 128, 256 or 512 (to measure
 * both widths on one machine: with 256-bit vectors the 64-bit lane multiplies of Philox are slower). All four
 * species have the same bit size, so int lanes match float lanes (F32) and long lanes match double lanes (F64).
 *
 * <p>Loaded only after {@link SimdProvider#probe()} has checked that {@code jdk.incubator.vector} is in the
 * boot layer. The initialiser never throws: an unusable configuration is reported through {@link #PROBLEM}
 * (and the species fall back to a valid width so that the class stays loadable).
 */
final class SimdLanes {
    static final String PROPERTY = "sgdbench.simd.bits";

    /** FloatVector.SPECIES_PREFERRED's bit size on this machine. */
    static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    /** The raw value of {@value #PROPERTY}, or null when not set. */
    static final String FORCED = System.getProperty(PROPERTY);
    /** Why the configured width cannot be used, or null when it can. */
    static final String PROBLEM;
    static final int BITS;

    static final VectorSpecies<Float> FLOAT;
    static final VectorSpecies<Integer> INT;
    static final VectorSpecies<Long> LONG;
    static final VectorSpecies<Double> DOUBLE;

    static {
        String problem = null;
        int bits = PREFERRED_BITS;
        if (FORCED != null) {
            String v = FORCED.trim();
            if (v.equals("128") || v.equals("256") || v.equals("512")) {
                bits = Integer.parseInt(v);
                if (bits > PREFERRED_BITS)
                    problem = "-D" + PROPERTY + "=" + v + " exceeds the hardware's preferred vector size ("
                        + PREFERRED_BITS + " bits): wider species would run in the Java fallback, not in SIMD";
            } else {
                problem = "-D" + PROPERTY + "=" + FORCED + " is not one of 128, 256, 512";
                bits = PREFERRED_BITS;
            }
        }
        if (problem == null && bits < 128)
            problem = "FloatVector.SPECIES_PREFERRED is only " + PREFERRED_BITS + " bits (< 128): no useful SIMD";
        if (bits != 128 && bits != 256 && bits != 512) bits = 128; // keep the class usable for the message
        PROBLEM = problem;
        BITS = bits;
        VectorShape shape = VectorShape.forBitSize(bits);
        FLOAT = FloatVector.SPECIES_PREFERRED.withShape(shape);
        INT = IntVector.SPECIES_PREFERRED.withShape(shape);
        LONG = LongVector.SPECIES_PREFERRED.withShape(shape);
        DOUBLE = DoubleVector.SPECIES_PREFERRED.withShape(shape);
    }

    private SimdLanes() {}

    /** Throws when the width is unusable, so that kernels built directly (not through the provider) say why. */
    static void require() {
        if (PROBLEM != null)
            throw new org.sgdbench.kernel.BackendUnavailableException(org.sgdbench.kernel.Backend.SIMD, PROBLEM);
    }
}
