package org.sgdbench.kernel.aparapi;

import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;

/**
 * Tolerances of the Aparapi backend against the scalar reference (max |x − x_ref| / (1 + |x_ref|)).
 *
 * <p>OpenCL: every operation of the kernel is IEEE-exact in OpenCL C except single-precision divide and sqrt,
 * which OpenCL 1.2 lets a device compute to 2.5 and 3 ulp unless built with
 * -cl-fp32-correctly-rounded-divide-sqrt (Aparapi passes no build options); double divide and sqrt must be correctly
 * rounded. Contraction (FP_CONTRACT) cannot change a result: the only a·b + c patterns are exact (0.25·q, the
 * uniforms' power-of-two scaling). Measured on PoCL 3.1 (LLVM 15, CPU): bit-identical in F32 and F64, Gaussian and
 * Rademacher, 20 000 walkers × 3 modes × 220 steps. So: 0 for F64 everywhere and for F32 on PoCL; for F32 on other
 * drivers 64 ulp of 1 (2⁻¹⁷ ≈ 7.6e-6): a few ulp in the Box–Muller radius and angle per step, carried by a map
 * that is contracting or (flat mode) accumulates them like a random walk over the contract's 20 steps.
 *
 * <p>Java thread pool: Aparapi's Java fma is a·b + c, not fused, so each of the reference's fused operations may
 * differ by half an ulp. Measured (same runs): 5.1e-7 (F32) and 1.1e-15 (F64) after 220 steps, 1.4e-7 / 3.3e-16 at
 * the initial draw. Tolerance 64 ulp of 1: 2⁻¹⁷ (F32), 2⁻⁴⁶ ≈ 1.4e-14 (F64).
 */
final class AparapiTolerances {
    static final double ULP64_F32 = 0x1.0p-17;
    static final double ULP64_F64 = 0x1.0p-46;

    private AparapiTolerances() {}

    static double openCL(AparapiTarget target, Precision precision, NoiseLaws noise) {
        if (precision == Precision.F64) return 0;
        return isPocl(target) ? 0 : ULP64_F32;
    }

    static double javaThreadPool(Precision precision) {
        return precision == Precision.F64 ? ULP64_F64 : ULP64_F32;
    }

    static boolean isPocl(AparapiTarget target) {
        return target.description().toLowerCase(java.util.Locale.ROOT).contains("pocl");
    }
}
