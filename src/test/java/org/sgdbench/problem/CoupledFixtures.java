package org.sgdbench.problem;

/** Shared test inputs for coupled 2D models. */
public final class CoupledFixtures {
    private CoupledFixtures() {}

    /**
     * A correlated PSD noise covariance B Bᵀ (mirrored so that it is exactly symmetric): δH and δg strongly
     * correlated, so the cross terms E[δH m δgᵀ] of the moment recursion matter.
     */
    public static double[] correlatedCovariance() {
        double[][] b = {
            {0.5, 0, 0, 0, 0},
            {0.1, 0.3, 0, 0, 0},
            {0.2, -0.1, 0.25, 0, 0},
            {0.6, 0.2, -0.3, 0.5, 0},
            {-0.3, 0.4, 0.2, 0.1, 0.6}};
        double[] s = new double[25];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j <= i; j++) {
                double v = 0;
                for (int k = 0; k < 5; k++) v += b[i][k] * b[j][k];
                s[i * 5 + j] = s[j * 5 + i] = v;
            }
        return s;
    }
}
