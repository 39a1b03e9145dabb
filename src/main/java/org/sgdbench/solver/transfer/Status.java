package org.sgdbench.solver.transfer;

/** Outcome of a transfer-operator run. Every status is reported with the numbers, never thrown. */
public enum Status {
    /** Finite density, mass conserved within the tolerance. */
    OK,
    /** NaN or ±Inf appeared in the density; the run stopped at that checkpoint. */
    DIVERGED,
    /** |1 − mass| exceeded the tolerance: the grid did not hold the law (or rounding drifted the mass). */
    MASS_LOST
}
