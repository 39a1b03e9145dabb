package org.sgdbench.theory;

import java.util.Optional;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.InvalidSpecException;

/**
 * Exact first and second moments of SGD on a {@link CoupledQuadratic2D} model (docs/design.md, matrix form).
 * With θ' = (A − ηδH)θ − ηδg, A = I − ηH, and the noise ξ = (δH₁₁, δH₂₂, δH₁₂, δg₁, δg₂) of mean 0 and
 * covariance Σ, independent of θ:
 * <pre>
 *   m' = A m
 *   C' = A C Aᵀ + η² { E[δH (C + m mᵀ) δH] + E[δH m δgᵀ] + E[δg mᵀ δH] + Σ_g }
 * </pre>
 * Every expectation is linear in Σ: E[δH P δH]_{ij} = Σ_{kl} Σ[ι(i,k)][ι(l,j)] P_{kl},
 * E[δH m δgᵀ]_{ij} = Σ_k Σ[ι(i,k)][3+j] m_k (and its transpose), Σ_g = Σ[3+i][3+j], where ι maps the entries
 * of δH to ξ: ι(0,0) = 0, ι(1,1) = 1, ι(0,1) = ι(1,0) = 2. Only Σ enters, so the recursion is exact for any noise
 * law. The initial law has mean initMean and covariance initSpread²·I (independent Gaussian coordinates).
 *
 * <p>Stationary law: m → 0 and C∞ solves C = 𝓛(C) + η²Σ_g with the linear map 𝓛(C) = A C Aᵀ + η²E[δH C δH] on
 * the three unknowns (C₁₁, C₁₂, C₂₂) (Hipparchus LU). It exists iff the spectral radius of 𝓛 is &lt; 1 (which also
 * implies ρ(A)² ≤ ρ(𝓛) &lt; 1, so the mean decays).
 */
public final class CoupledMomentRecursion {
    private static final int N5 = CoupledQuadratic2D.NOISE_DIM;
    private static final int[][] IOTA = {{0, 2}, {2, 1}};

    /** Mean (m1, m2) and covariance (c11, c12, c22) at one step. */
    public record Moments(double m1, double m2, double c11, double c12, double c22) {
        /** True when every entry is finite (divergence is a status, not an exception). */
        public boolean finite() {
            return Double.isFinite(m1) && Double.isFinite(m2) && Double.isFinite(c11) && Double.isFinite(c12)
                && Double.isFinite(c22);
        }
    }

    private final CoupledQuadratic2D spec;
    private final double eta;
    private final double[][] a = new double[2][2];
    private final double[] sigma;
    private final double[][] lMap = new double[3][3];

    private CoupledMomentRecursion(CoupledQuadratic2D spec) {
        this.spec = spec;
        this.eta = spec.eta();
        double[] h = spec.meanHessian();
        a[0][0] = 1 - eta * h[0];
        a[0][1] = a[1][0] = -eta * h[1];
        a[1][1] = 1 - eta * h[2];
        this.sigma = spec.noiseCovariance();
        // Columns of 𝓛 on the symmetric basis E11, (E12 + E21), E22.
        double[][] basis = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int col = 0; col < 3; col++) {
            double[] out = linearMap(basis[col]);
            for (int row = 0; row < 3; row++) lMap[row][col] = out[row];
        }
    }

    public static CoupledMomentRecursion of(CoupledQuadratic2D spec) {
        if (spec == null) throw new InvalidSpecException("spec", "null", "a CoupledQuadratic2D");
        return new CoupledMomentRecursion(spec);
    }

    public CoupledQuadratic2D spec() { return spec; }

    /** A = I − ηH as a fresh 2×2 array. */
    public double[][] meanMap() { return new double[][] {a[0].clone(), a[1].clone()}; }

    /** Moments at step 0. */
    public Moments initial() {
        double[] m0 = spec.initMean();
        double v = spec.initSpread() * spec.initSpread();
        return new Moments(m0[0], m0[1], v, 0, v);
    }

    /** One exact step of the recursion. */
    public Moments step(Moments x) {
        double m1 = x.m1(), m2 = x.m2();
        double[] m = {m1, m2};
        double[][] c = {{x.c11(), x.c12()}, {x.c12(), x.c22()}};
        double[][] p = {{c[0][0] + m1 * m1, c[0][1] + m1 * m2}, {c[1][0] + m2 * m1, c[1][1] + m2 * m2}};
        double[][] out = new double[2][2];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) {
                double acat = 0;
                for (int k = 0; k < 2; k++)
                    for (int l = 0; l < 2; l++) acat += a[i][k] * c[k][l] * a[j][l];
                double noise = sigma[(3 + i) * N5 + 3 + j]; // Σ_g
                for (int k = 0; k < 2; k++) {
                    for (int l = 0; l < 2; l++) noise += sigma[IOTA[i][k] * N5 + IOTA[l][j]] * p[k][l];
                    noise += sigma[IOTA[i][k] * N5 + 3 + j] * m[k]; // E[δH m δgᵀ]_{ij}
                    noise += sigma[IOTA[j][k] * N5 + 3 + i] * m[k]; // E[δg mᵀ δH]_{ij} = (E[δH m δgᵀ])_{ji}
                }
                out[i][j] = acat + eta * eta * noise;
            }
        return new Moments(a[0][0] * m1 + a[0][1] * m2, a[1][0] * m1 + a[1][1] * m2, out[0][0],
            0.5 * (out[0][1] + out[1][0]), out[1][1]);
    }

    /** Moments after {@code t} ≥ 0 steps from {@link #initial()} (t exact steps of the recursion). */
    public Moments at(long t) {
        if (t < 0) throw new InvalidSpecException("t", t, "[0, " + Long.MAX_VALUE + "]");
        Moments x = initial();
        for (long s = 0; s < t; s++) x = step(x);
        return x;
    }

    /**
     * Cov(θ_t, θ_{t−1}) = A·C_{t−1} given the moments at step t−1, as row-major 2×2: entry (i, j) is
     * Cov(θ_{t,i}, θ_{t−1,j}) (the noise of step t is independent of θ_{t−1}).
     */
    public double[] lag1CrossCovariance(Moments previous) {
        double[][] c = {{previous.c11(), previous.c12()}, {previous.c12(), previous.c22()}};
        double[] r = new double[4];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) r[2 * i + j] = a[i][0] * c[0][j] + a[i][1] * c[1][j];
        return r;
    }

    /** Spectral radius of A = I − ηH (symmetric: max |eigenvalue|). */
    public double meanSpectralRadius() {
        double tr = a[0][0] + a[1][1], det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        return Math.max(Math.abs(tr / 2 + disc), Math.abs(tr / 2 - disc));
    }

    /** Spectral radius of the covariance map 𝓛 (Hipparchus non-symmetric eigen-decomposition of the 3×3). */
    public double covarianceSpectralRadius() {
        double r = 0;
        for (Complex ev : new EigenDecompositionNonSymmetric(new Array2DRowRealMatrix(lMap, true)).getEigenvalues())
            r = Math.max(r, Math.hypot(ev.getReal(), ev.getImaginary()));
        return r;
    }

    /** Whether a stationary law with finite covariance exists: ρ(𝓛) &lt; 1. */
    public boolean stable() { return covarianceSpectralRadius() < 1; }

    /** The stationary moments (mean 0, C∞), or empty when {@link #stable()} is false. */
    public Optional<Moments> stationary() {
        if (!stable()) return Optional.empty();
        RealMatrix iMinusL = new Array2DRowRealMatrix(3, 3);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) iMinusL.setEntry(i, j, (i == j ? 1 : 0) - lMap[i][j]);
        RealVector rhs = new ArrayRealVector(new double[] {eta * eta * sigma[3 * N5 + 3], eta * eta * sigma[3 * N5 + 4],
            eta * eta * sigma[4 * N5 + 4]});
        RealVector c = new LUDecomposition(iMinusL).getSolver().solve(rhs);
        return Optional.of(new Moments(0, 0, c.getEntry(0), c.getEntry(1), c.getEntry(2)));
    }

    /** 𝓛 applied to the symmetric C = (c11, c12, c22): A C Aᵀ + η² E[δH C δH], as (c11, c12, c22). */
    private double[] linearMap(double[] cv) {
        double[][] c = {{cv[0], cv[1]}, {cv[1], cv[2]}};
        double[][] out = new double[2][2];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) {
                double acat = 0, noise = 0;
                for (int k = 0; k < 2; k++)
                    for (int l = 0; l < 2; l++) {
                        acat += a[i][k] * c[k][l] * a[j][l];
                        noise += sigma[IOTA[i][k] * N5 + IOTA[l][j]] * c[k][l];
                    }
                out[i][j] = acat + eta * eta * noise;
            }
        return new double[] {out[0][0], 0.5 * (out[0][1] + out[1][0]), out[1][1]};
    }
}
