package org.sgdbench.problem;

/**
 * One mode of a quadratic model in the eigenbasis of the mean Hessian: curvature h ~ (mean λ, sd σ_h) and
 * gradient noise g ~ (mean 0, sd σ_g), independent. The SGD map is x' = (1 − ηh) x − η g.
 */
public record Mode(double lambda, double sigmaH, double sigmaG) {
    public Mode {
        Check.inRange("lambda", lambda, -1e6, 1e6);
        Check.inRange("sigmaH", sigmaH, 0, 1e6);
        Check.inRange("sigmaG", sigmaG, 0, 1e6);
    }

    public static Mode of(double lambda, double sigmaH, double sigmaG) { return new Mode(lambda, sigmaH, sigmaG); }
}
