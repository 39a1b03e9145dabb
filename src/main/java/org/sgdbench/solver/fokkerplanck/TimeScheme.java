package org.sgdbench.solver.fokkerplanck;

/** Implicit time stepping of the finite-volume system dP/dτ = L P. */
public enum TimeScheme {
    /**
     * (I − Δτ L) P⁺ = P. First order in Δτ; positive and mass-conserving for every Δτ (I − ΔτL is an M-matrix
     * with unit column sums), and its fixed point is exactly the null vector of L, so the stationary law carries
     * no time-step error.
     */
    BACKWARD_EULER,
    /**
     * (I − ½Δτ L) P⁺ = (I + ½Δτ L) P. Second order in Δτ; positive only when the explicit half has a
     * non-negative diagonal, 1 − ½Δτ(outflow rate of every cell) ≥ 0 — the solver rejects substep counts that
     * violate it instead of producing negative densities.
     */
    CRANK_NICOLSON
}
