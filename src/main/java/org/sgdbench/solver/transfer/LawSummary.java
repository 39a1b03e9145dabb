package org.sgdbench.solver.transfer;

import java.util.Arrays;

/**
 * Statistics of a density on a grid of dimension d (1 or 2). Moments are those of the mass still on the grid,
 * normalised by that mass (the law conditional on not having left); {@code lostMass} says how much that is.
 *
 * @param mass               Σ p
 * @param lostMass           1 − mass (negative if rounding gained mass)
 * @param leakedLastStep     mass that left the grid in the step into this state (Σ_j p_{t−1}(j)·leak_j); NaN when unknown
 * @param meanVector         d numbers
 * @param covarianceMatrix   d×d, row-major
 * @param lag1Matrix         d×d row-major, entry (a, b) = Cov(θ_{t−1,a}, θ_{t,b}), computed exactly for the
 *                           discretised law from the pre-step density and the mean map:
 *                           E[θ_{t−1,a} θ_{t,b}] = Σ_j p_{t−1}(j) θ_{j,a} (Mθ_j + b)_b; NaN when there is no
 *                           pre-step density (step 0)
 * @param lag1Variance       d numbers: the variance of the pre-step density per axis, to form correlations
 */
public record LawSummary(double mass, double lostMass, double leakedLastStep, double[] meanVector,
                         double[] covarianceMatrix, double[] lag1Matrix, double[] lag1Variance) {
    public LawSummary {
        meanVector = meanVector.clone();
        covarianceMatrix = covarianceMatrix.clone();
        lag1Matrix = lag1Matrix.clone();
        lag1Variance = lag1Variance.clone();
    }

    public int dimension() { return meanVector.length; }

    public double mean(int axis) { return meanVector[axis]; }

    public double variance(int axis) { return covarianceMatrix[axis * meanVector.length + axis]; }

    public double covariance(int a, int b) { return covarianceMatrix[a * meanVector.length + b]; }

    /** 1D convenience: the mean of axis 0. */
    public double mean() { return meanVector[0]; }

    /** 1D convenience: the variance of axis 0. */
    public double variance() { return variance(0); }

    public double lag1Autocovariance(int axis) { return lag1Matrix[axis * meanVector.length + axis]; }

    /** Cov(θ_{t−1}, θ_t)/√(Var θ_{t−1}·Var θ_t) on {@code axis}; 1 − ηλ for a stationary confined mode. */
    public double lag1Autocorrelation(int axis) {
        return lag1Autocovariance(axis) / Math.sqrt(lag1Variance[axis] * variance(axis));
    }

    public double lag1Autocovariance() { return lag1Autocovariance(0); }

    public double lag1Autocorrelation() { return lag1Autocorrelation(0); }

    /** True if every number is finite (lag-1 entries may be NaN at step 0 and are ignored). */
    public boolean finite() {
        if (!Double.isFinite(mass)) return false;
        for (double v : meanVector) if (!Double.isFinite(v)) return false;
        for (double v : covarianceMatrix) if (!Double.isFinite(v)) return false;
        return true;
    }

    @Override
    public double[] meanVector() { return meanVector.clone(); }

    @Override
    public double[] covarianceMatrix() { return covarianceMatrix.clone(); }

    @Override
    public double[] lag1Matrix() { return lag1Matrix.clone(); }

    @Override
    public double[] lag1Variance() { return lag1Variance.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof LawSummary s && Double.compare(mass, s.mass) == 0 && Double.compare(leakedLastStep, s.leakedLastStep) == 0
            && Arrays.equals(meanVector, s.meanVector) && Arrays.equals(covarianceMatrix, s.covarianceMatrix)
            && Arrays.equals(lag1Matrix, s.lag1Matrix) && Arrays.equals(lag1Variance, s.lag1Variance);
    }

    @Override
    public int hashCode() { return Double.hashCode(mass) * 31 + Arrays.hashCode(meanVector) * 17 + Arrays.hashCode(covarianceMatrix); }

    @Override
    public String toString() {
        return "LawSummary[mass=" + mass + ", mean=" + Arrays.toString(meanVector) + ", cov=" + Arrays.toString(covarianceMatrix)
            + ", lag1=" + Arrays.toString(lag1Matrix) + "]";
    }
}
