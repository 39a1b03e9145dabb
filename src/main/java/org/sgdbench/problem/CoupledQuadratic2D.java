package org.sgdbench.problem;

import java.util.Arrays;

/**
 * A 2D quadratic model whose mean Hessian need not be diagonal, with correlated Hessian and gradient noise.
 * The minibatch loss is L_B(θ) = ½ θᵀ(H + δH)θ + δgᵀθ, so ∇L_B = (H + δH)θ + δg and the SGD map is
 * θ' = θ − η((H + δH)θ + δg).
 *
 * <p>The noise vector ξ = (δH₁₁, δH₂₂, δH₁₂, δg₁, δg₂) has covariance {@code noiseCovariance} (5×5, symmetric,
 * positive semi-definite, row-major). It is drawn as ξ = L z with L its lower Cholesky factor and z five
 * independent standard draws of {@code noise} (Gaussian or Rademacher). δH is symmetric: δH₂₁ = δH₁₂.
 *
 * @param meanHessian     H as (H₁₁, H₁₂, H₂₂)
 * @param noiseCovariance 25 numbers, row-major
 * @param initMean        (θ₁, θ₂) at step 0; the initial law is Gaussian with sd {@code initSpread} per axis
 */
public record CoupledQuadratic2D(double[] meanHessian, double[] noiseCovariance, NoiseLaw noise, double eta,
                                 int steps, int walkers, double[] initMean, double initSpread) {
    public static final int NOISE_DIM = 5;

    public CoupledQuadratic2D {
        Check.notNull("meanHessian", meanHessian);
        if (meanHessian.length != 3)
            throw new InvalidSpecException("meanHessian", meanHessian.length + " numbers", "3 numbers (H11, H12, H22)");
        for (double v : meanHessian) Check.inRange("meanHessian", v, -1e6, 1e6);
        meanHessian = meanHessian.clone();
        Check.notNull("noiseCovariance", noiseCovariance);
        if (noiseCovariance.length != NOISE_DIM * NOISE_DIM)
            throw new InvalidSpecException("noiseCovariance", noiseCovariance.length + " numbers", "25 numbers (5x5 row-major)");
        for (double v : noiseCovariance) Check.finite("noiseCovariance", v);
        noiseCovariance = noiseCovariance.clone();
        for (int i = 0; i < NOISE_DIM; i++) {
            if (noiseCovariance[i * NOISE_DIM + i] < 0)
                throw new InvalidSpecException("noiseCovariance[" + i + "][" + i + "]", noiseCovariance[i * NOISE_DIM + i], "[0, +inf)");
            for (int j = 0; j < i; j++)
                if (noiseCovariance[i * NOISE_DIM + j] != noiseCovariance[j * NOISE_DIM + i])
                    throw new InvalidSpecException("noiseCovariance", "asymmetric at (" + i + "," + j + ")", "a symmetric matrix");
        }
        Check.notNull("noise", noise);
        if (noise == NoiseLaw.NONE)
            throw new InvalidSpecException("noise", "none", "gaussian or rademacher (for no noise, zero noiseCovariance)");
        Limits.eta(eta);
        Check.atLeast("steps", steps, 1);
        Check.atLeast("walkers", walkers, 1);
        Check.notNull("initMean", initMean);
        if (initMean.length != 2) throw new InvalidSpecException("initMean", initMean.length + " numbers", "2 numbers");
        for (double v : initMean) Check.finite("initMean", v);
        initMean = initMean.clone();
        Check.nonNegative("initSpread", initSpread);
    }

    @Override
    public double[] meanHessian() { return meanHessian.clone(); }

    @Override
    public double[] noiseCovariance() { return noiseCovariance.clone(); }

    @Override
    public double[] initMean() { return initMean.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoupledQuadratic2D c && Arrays.equals(meanHessian, c.meanHessian)
            && Arrays.equals(noiseCovariance, c.noiseCovariance) && noise == c.noise && eta == c.eta
            && steps == c.steps && walkers == c.walkers && Arrays.equals(initMean, c.initMean)
            && initSpread == c.initSpread;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(meanHessian) * 31 + Arrays.hashCode(noiseCovariance) + Double.hashCode(eta) + walkers;
    }

    @Override
    public String toString() {
        return "CoupledQuadratic2D[H=" + Arrays.toString(meanHessian) + ", cov=" + Arrays.toString(noiseCovariance)
            + ", noise=" + noise + ", eta=" + eta + ", steps=" + steps + ", walkers=" + walkers + "]";
    }
}
