package org.sgdbench.solver.transfer;

import java.util.Arrays;

/**
 * The state of an evolving density after {@code step} steps.
 *
 * @param density the density on the grid when it was requested, else an empty array
 */
public record Checkpoint(int step, LawSummary law, double[] density) {
    public Checkpoint {
        density = density.clone();
    }

    public boolean hasDensity() { return density.length > 0; }

    @Override
    public double[] density() { return density.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && step == c.step && law.equals(c.law) && Arrays.equals(density, c.density);
    }

    @Override
    public int hashCode() { return step * 31 + law.hashCode(); }

    @Override
    public String toString() { return "Checkpoint[step=" + step + ", " + law + (hasDensity() ? ", density" : "") + "]"; }
}
