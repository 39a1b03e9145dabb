package org.sgdbench.solver.transfer;

import java.util.Arrays;
import org.sgdbench.kernel.Backend;
import org.sgdbench.problem.Precision;

/**
 * The stationary (or, when the grid leaks, quasi-stationary) law found by power iteration; see
 * {@link TransferOperatorSolver#stationary}.
 *
 * @param converged      whether ‖p_{k+1} − p_k‖₁ &lt; tolerance was reached within the iteration limit
 * @param iterations     operator applications done
 * @param residualL1     the last ‖p_{k+1} − p_k‖₁ (both normalised to mass 1)
 * @param contraction    estimated per-step contraction r of the residual (ratio of successive residuals,
 *                       per step); NaN before two residuals exist
 * @param errorEstimateL1 r/(1 − r)·residual, the geometric-series estimate of ‖p_k − p∞‖₁; NaN when r is unknown or ≥ 1
 * @param leakPerStep    1 − ρ with ρ the mass kept by one step from the normalised law (the leading eigenvalue)
 * @param law            statistics of the normalised law; its lag-1 statistics use the law itself as pre-step density
 */
public record StationaryLaw(Status status, boolean converged, int iterations, double tolerance, double residualL1,
                            double contraction, double errorEstimateL1, double leakPerStep, LawSummary law,
                            double[] density, Backend backend, Precision precision, String device) {
    public StationaryLaw {
        density = density.clone();
    }

    @Override
    public double[] density() { return density.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof StationaryLaw s && status == s.status && converged == s.converged && iterations == s.iterations
            && law.equals(s.law) && Arrays.equals(density, s.density) && backend == s.backend && precision == s.precision;
    }

    @Override
    public int hashCode() { return iterations * 31 + law.hashCode(); }

    @Override
    public String toString() {
        return "StationaryLaw[" + status + ", converged=" + converged + ", iterations=" + iterations + ", residual="
            + residualL1 + ", leak/step=" + leakPerStep + ", " + law + "]";
    }
}
