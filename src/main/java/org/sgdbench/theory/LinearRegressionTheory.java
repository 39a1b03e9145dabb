package org.sgdbench.theory;

import java.util.Arrays;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Sampling;

/**
 * Exact first and second moments of minibatch SGD on least squares with i.i.d. minibatches (with or without
 * replacement). With θ* the least-squares solution, e = θ − θ*, rᵢ = xᵢᵀθ* − yᵢ and cᵢ = xᵢrᵢ (Σcᵢ = 0 by the
 * normal equations), a step is the affine random map
 * <pre>
 *   e' = (I − ηH_B) e − η g_B,   H_B = (1/b)Σ_{i∈B} xᵢxᵢᵀ,   g_B = (1/b)Σ_{i∈B} cᵢ
 * </pre>
 * whose noise is a sample mean of per-sample terms uᵢ = xᵢxᵢᵀ − H and cᵢ, so every second moment is
 * κ_b · (population average) with κ_b = 1/b with replacement and (n−b)/(b(n−1)) without (finite-population
 * correction). Writing A = I − ηH, M = E[e eᵀ] and m = E[e]:
 * <pre>
 *   m' = A m
 *   M' = A M A + η²κ_b [ (1/n)Σ uᵢ M uᵢ  +  K(m) + K(m)ᵀ  +  S_g ],   K(m) = (1/n)Σ uᵢ m cᵢᵀ,   S_g = (1/n)Σ cᵢcᵢᵀ
 * </pre>
 * The linear part 𝒯(M) = A M A + η²κ_b (1/n)Σ uᵢ M uᵢ is a d²×d² matrix (symmetric; a completely positive map, so
 * its spectral radius is attained on a covariance). The stationary second moment solves (I − 𝒯) M = η² Σ with
 * Σ = κ_b S_g the minibatch gradient-noise covariance at θ* (Hipparchus LU); it exists iff ρ(𝒯) &lt; 1.
 *
 * <p>The Brownian pictures, with the gradient noise frozen at θ* and no Hessian noise: the OU/Lyapunov covariance
 * HC + CH = ηΣ, and the discrete recursion C = ACA + η²Σ. Both are solved in the eigenbasis of H.
 *
 * <p>Random reshuffling has no i.i.d. theory (consecutive minibatches of an epoch are dependent); this class
 * gives the without-replacement values for it, which is the marginal law of one of its minibatches only.
 */
public final class LinearRegressionTheory {
    /** Largest d for which the d²-dimensional system is built (a (d²)² matrix: 2.6 M entries at d = 40). */
    public static final int MAX_DIM = 40;

    /** Mean and covariance of θ at one step (row-major d×d covariance). */
    public record Moments(double[] mean, double[] covariance) {
        public boolean finite() {
            for (double v : mean) if (!Double.isFinite(v)) return false;
            for (double v : covariance) if (!Double.isFinite(v)) return false;
            return true;
        }
    }

    private final Dataset data;
    private final int n, d, batch;
    private final Sampling sampling;
    private final double eta, kappa;
    private final double[] thetaStar, hessian, residual, gradNoise;
    /** Eigenvalues of H, ascending, and the matching unit eigenvectors, eigvec[k·d + j] = (v_k)_j. */
    private final double[] lambda, eigvec;
    /** The (1/n)Σ (xᵢxᵢᵀ)⊗(xᵢxᵢᵀ) tensor, F[(a·d+b)·d² + c·d+e] = (1/n)Σ x_a x_b x_c x_e. */
    private final double[] fourth;
    /** (1/n)Σ x_a c_b x_k, indexed (a·d + b)·d + k. */
    private final double[] cross;
    private final double[] cbar;
    private double[] tMatrix;
    private double spectralRadius = Double.NaN;

    private LinearRegressionTheory(Dataset data, int batch, Sampling sampling, double eta) {
        this.data = data;
        this.n = data.n();
        this.d = data.d();
        if (d > MAX_DIM)
            throw new InvalidSpecException("dataset.features", d, "[1, " + MAX_DIM + "] for the exact d²-dimensional moment theory");
        if (batch < 1 || batch > n) throw new InvalidSpecException("batch", batch, "[1, " + n + "]");
        this.batch = batch;
        this.sampling = sampling;
        this.eta = eta;
        this.kappa = sampling.kappa(n, batch);
        double[] x = data.x(), y = data.y();
        this.thetaStar = leastSquares(x, y, n, d);
        this.hessian = new double[d * d];
        this.residual = new double[n];
        for (int i = 0; i < n; i++) {
            double r = -y[i];
            for (int j = 0; j < d; j++) r += x[i * d + j] * thetaStar[j];
            residual[i] = r;
            for (int a = 0; a < d; a++)
                for (int c = 0; c < d; c++) hessian[a * d + c] += x[i * d + a] * x[i * d + c] / n;
        }
        this.cbar = new double[d];
        for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) cbar[a] += x[i * d + a] * residual[i] / n;
        this.gradNoise = new double[d * d];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
                for (int c = 0; c < d; c++)
                    gradNoise[a * d + c] += (x[i * d + a] * residual[i] - cbar[a]) * (x[i * d + c] * residual[i] - cbar[c]) / n;
        for (int k = 0; k < gradNoise.length; k++) gradNoise[k] *= kappa;
        int d2 = d * d;
        this.fourth = new double[d2 * d2];
        double[] outer = new double[d2];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) for (int c = 0; c < d; c++) outer[a * d + c] = x[i * d + a] * x[i * d + c];
            for (int p = 0; p < d2; p++) {
                double op = outer[p] / n;
                if (op == 0) continue;
                int row = p * d2;
                for (int q = 0; q < d2; q++) fourth[row + q] += op * outer[q];
            }
        }
        this.cross = new double[d * d * d];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) {
                    double v = x[i * d + a] * x[i * d + b] * residual[i] / n;
                    for (int k = 0; k < d; k++) cross[(a * d + b) * d + k] += v * x[i * d + k];
                }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(square(hessian, d)));
        double[] ev = eig.getEigenvalues();
        Integer[] order = new Integer[d];
        for (int k = 0; k < d; k++) order[k] = k;
        Arrays.sort(order, (p, q) -> Double.compare(ev[p], ev[q]));
        this.lambda = new double[d];
        this.eigvec = new double[d * d];
        for (int k = 0; k < d; k++) {
            lambda[k] = ev[order[k]];
            double[] v = eig.getEigenvector(order[k]).toArray();
            // sign convention: the largest component positive, so the modes are reproducible between runs
            int big = 0;
            for (int j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
            double s = v[big] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) eigvec[k * d + j] = s * v[j];
        }
        if (!(lambda[0] > 1e-12 * Math.max(1, lambda[d - 1])))
            throw new InvalidSpecException("dataset", "XᵀX singular (collinear or constant columns)",
                "columns that are linearly independent (the least-squares θ* must be unique)");
    }

    public static LinearRegressionTheory of(Dataset data, int batch, Sampling sampling, double eta) {
        if (!(eta > 0 && Double.isFinite(eta))) throw new InvalidSpecException("eta", eta, "(0, ∞)");
        return new LinearRegressionTheory(data, batch, sampling, eta);
    }

    public static LinearRegressionTheory of(LinearRegression spec) {
        return of(spec.data(), spec.batch(), spec.sampling(), spec.eta());
    }

    /** The same dataset, batch and sampling at another learning rate (recomputes everything). */
    public LinearRegressionTheory withEta(double e) { return of(data, batch, sampling, e); }

    /** The least-squares θ* of a dataset (Householder QR of X). */
    public static double[] leastSquares(Dataset data) { return leastSquares(data.x(), data.y(), data.n(), data.d()); }

    private static double[] leastSquares(double[] x, double[] y, int n, int d) {
        if (n < d) throw new InvalidSpecException("dataset.rows", n, "at least d = " + d + " rows (θ* must be unique)");
        RealMatrix xm = new Array2DRowRealMatrix(n, d);
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xm.setEntry(i, j, x[i * d + j]);
        try {
            DecompositionSolver qr = new QRDecomposition(xm, 1e-12).getSolver();
            return qr.solve(new ArrayRealVector(y, false)).toArray();
        } catch (MathIllegalArgumentException e) {
            throw new InvalidSpecException("dataset", "XᵀX singular (collinear or constant columns)",
                "columns that are linearly independent (the least-squares θ* must be unique)");
        }
    }

    public int dim() { return d; }

    public double eta() { return eta; }

    public double kappa() { return kappa; }

    public Sampling sampling() { return sampling; }

    public int batch() { return batch; }

    public Dataset data() { return data; }

    public double[] thetaStar() { return thetaStar.clone(); }

    /** H = XᵀX/n, row-major. */
    public double[] hessian() { return hessian.clone(); }

    /** Σ = κ_b S_g, the covariance of the minibatch gradient at θ*, row-major. */
    public double[] gradientNoiseCovariance() { return gradNoise.clone(); }

    /** Eigenvalues of H, ascending. */
    public double[] eigenvalues() { return lambda.clone(); }

    /** Unit eigenvector k of H (ascending eigenvalue order; largest component positive). */
    public double[] eigenvector(int k) { return Arrays.copyOfRange(eigvec, k * d, (k + 1) * d); }

    /** vᵀ C v for unit eigenvector k. */
    public double modeVariance(double[] covariance, int k) {
        double s = 0;
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) s += eigvec[k * d + a] * covariance[a * d + b] * eigvec[k * d + b];
        return s;
    }

    /** v_kᵀ(m) for a vector in parameter space. */
    public double modeProjection(double[] vector, int k) {
        double s = 0;
        for (int a = 0; a < d; a++) s += eigvec[k * d + a] * vector[a];
        return s;
    }

    /** The second-moment map 𝒯 as a d²×d² row-major matrix (built once, lazily). */
    public double[] secondMomentMap() {
        if (tMatrix == null) {
            int d2 = d * d;
            double[] t = new double[d2 * d2];
            double c = eta * eta * kappa;
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    for (int p = 0; p < d; p++)
                        for (int q = 0; q < d; q++) {
                            double aap = (a == p ? 1 : 0) - eta * hessian[a * d + p];
                            double abq = (b == q ? 1 : 0) - eta * hessian[b * d + q];
                            // (1/n)Σ uᵢ M uᵢ = (1/n)Σ xxᵀ M xxᵀ − H M H: entry (a,b) takes M_pq with x_a x_p x_q x_b − H_ap H_qb
                            double noise = fourth[(a * d + p) * d2 + q * d + b] - hessian[a * d + p] * hessian[q * d + b];
                            t[(a * d + b) * d2 + p * d + q] = aap * abq + c * noise;
                        }
            tMatrix = t;
        }
        return tMatrix;
    }

    /** ρ(𝒯): the second moments stay bounded iff it is &lt; 1. */
    public double spectralRadius() {
        if (Double.isNaN(spectralRadius)) {
            double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(square(secondMomentMap(), d * d)))
                .getEigenvalues();
            double r = 0;
            for (double v : ev) r = Math.max(r, Math.abs(v));
            spectralRadius = r;
        }
        return spectralRadius;
    }

    public boolean stable() { return spectralRadius() < 1; }

    /**
     * The stability edge: the smallest η with ρ(𝒯(η)) = 1, by bisection on (0, 2/λ_max] (the mean alone diverges
     * beyond 2/λ_max), to relative precision 1e-6. Assumes, as for a quadratic mode, that ρ first crosses 1 once.
     */
    public double stabilityEdge() {
        double lo = 0, hi = 2 / lambda[d - 1];
        if (withEta(hi).spectralRadius() < 1) return hi;
        while (hi - lo > 1e-6 * hi) {
            double mid = 0.5 * (lo + hi);
            if (withEta(mid).spectralRadius() < 1) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The initial moments of the walkers of a spec: mean center, covariance initSpread²·I (independent Gaussian
     * coordinates of the INITIAL stream).
     */
    public static Moments initial(double[] center, double initSpread) {
        int d = center.length;
        double[] c = new double[d * d];
        for (int j = 0; j < d; j++) c[j * d + j] = initSpread * initSpread;
        return new Moments(center.clone(), c);
    }

    /** Exact mean and covariance of θ after {@code steps} steps from {@code start}. */
    public Moments moments(Moments start, int steps) {
        double[] m = new double[d], mm = new double[d * d];
        for (int a = 0; a < d; a++) m[a] = start.mean()[a] - thetaStar[a];
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) mm[a * d + b] = start.covariance()[a * d + b] + m[a] * m[b];
        double[] t = secondMomentMap();
        int d2 = d * d;
        double[] nm = new double[d], nmm = new double[d2], k = new double[d2];
        double c = eta * eta * kappa;
        for (int s = 0; s < steps; s++) {
            // K(m) = (1/n)Σ (xᵢᵀm) xᵢ cᵢᵀ − (Hm) c̄ᵀ
            for (int a = 0; a < d; a++) {
                double hm = 0;
                for (int j = 0; j < d; j++) hm += hessian[a * d + j] * m[j];
                for (int b = 0; b < d; b++) {
                    double v = 0;
                    for (int j = 0; j < d; j++) v += cross[(a * d + b) * d + j] * m[j];
                    k[a * d + b] = v - hm * cbar[b];
                }
            }
            for (int p = 0; p < d2; p++) {
                double v = 0;
                int row = p * d2;
                for (int q = 0; q < d2; q++) v += t[row + q] * mm[q];
                int a = p / d, b = p % d;
                nmm[p] = v + c * (k[a * d + b] + k[b * d + a]) + eta * eta * gradNoise[p];
            }
            for (int a = 0; a < d; a++) {
                double v = m[a];
                for (int j = 0; j < d; j++) v -= eta * hessian[a * d + j] * m[j];
                nm[a] = v;
            }
            System.arraycopy(nm, 0, m, 0, d);
            System.arraycopy(nmm, 0, mm, 0, d2);
        }
        double[] mean = new double[d], cov = new double[d2];
        for (int a = 0; a < d; a++) mean[a] = thetaStar[a] + m[a];
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) cov[a * d + b] = mm[a * d + b] - m[a] * m[b];
        return new Moments(mean, cov);
    }

    /** The exact stationary covariance of θ (mean θ*), or all-NaN when ρ(𝒯) ≥ 1 (no stationary second moment). */
    public double[] stationaryCovariance() {
        int d2 = d * d;
        double[] out = new double[d2];
        if (!stable()) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] t = secondMomentMap();
        RealMatrix system = new Array2DRowRealMatrix(d2, d2);
        for (int p = 0; p < d2; p++)
            for (int q = 0; q < d2; q++) system.setEntry(p, q, (p == q ? 1 : 0) - t[p * d2 + q]);
        double[] rhs = new double[d2];
        for (int p = 0; p < d2; p++) rhs[p] = eta * eta * gradNoise[p];
        double[] sol = new LUDecomposition(system).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) out[a * d + b] = 0.5 * (sol[a * d + b] + sol[b * d + a]);
        return out;
    }

    /** Σ in the eigenbasis of H: Σ̃_kl = v_kᵀ Σ v_l. */
    private double[] noiseInEigenbasis() {
        double[] s = new double[d * d];
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++) {
                double v = 0;
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++) v += eigvec[k * d + a] * gradNoise[a * d + b] * eigvec[l * d + b];
                s[k * d + l] = v;
            }
        return s;
    }

    private double[] fromEigenbasis(double[] ct) {
        double[] c = new double[d * d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++) {
                double v = 0;
                for (int k = 0; k < d; k++)
                    for (int l = 0; l < d; l++) v += eigvec[k * d + a] * ct[k * d + l] * eigvec[l * d + b];
                c[a * d + b] = v;
            }
        return c;
    }

    /** The OU/Lyapunov stationary covariance: HC + CH = ηΣ, i.e. C̃_kl = ηΣ̃_kl/(λ_k + λ_l) in the eigenbasis. */
    public double[] ouStationaryCovariance() {
        double[] s = noiseInEigenbasis();
        for (int k = 0; k < d; k++) for (int l = 0; l < d; l++) s[k * d + l] *= eta / (lambda[k] + lambda[l]);
        return fromEigenbasis(s);
    }

    /** The discrete recursion without Hessian noise: C = ACA + η²Σ, C̃_kl = η²Σ̃_kl / (1 − (1−ηλ_k)(1−ηλ_l)). */
    public double[] noHessianNoiseStationaryCovariance() {
        double[] s = noiseInEigenbasis();
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++) {
                double rho = (1 - eta * lambda[k]) * (1 - eta * lambda[l]);
                s[k * d + l] = Math.abs(rho) < 1 ? s[k * d + l] * eta * eta / (1 - rho) : Double.NaN;
            }
        return fromEigenbasis(s);
    }

    /**
     * The OU covariance at time τ = ηt from the initial covariance {@code c0} (the mean part is separate):
     * C̃(τ) = e^{−Λτ} C̃₀ e^{−Λτ} + ηΣ̃_kl (1 − e^{−(λ_k+λ_l)τ})/(λ_k + λ_l).
     */
    public double[] ouCovariance(double[] c0, int steps) {
        double tau = eta * steps;
        double[] s = noiseInEigenbasis(), c0t = new double[d * d];
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++) {
                double v = 0;
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++) v += eigvec[k * d + a] * c0[a * d + b] * eigvec[l * d + b];
                c0t[k * d + l] = v;
            }
        double[] out = new double[d * d];
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++) {
                double rate = lambda[k] + lambda[l], decay = Math.exp(-rate * tau);
                double growth = rate * tau < 1e-8 ? tau : -Math.expm1(-rate * tau) / rate;
                out[k * d + l] = decay * c0t[k * d + l] + eta * s[k * d + l] * growth;
            }
        return fromEigenbasis(out);
    }

    /** The discrete recursion without Hessian noise after {@code steps} steps from covariance c0. */
    public double[] noHessianNoiseCovariance(double[] c0, int steps) {
        double[] s = noiseInEigenbasis(), out = new double[d * d];
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++) {
                double c0t = 0;
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++) c0t += eigvec[k * d + a] * c0[a * d + b] * eigvec[l * d + b];
                double rho = (1 - eta * lambda[k]) * (1 - eta * lambda[l]), rt = Math.pow(rho, steps);
                double sum = rho == 1 ? steps : (1 - rt) / (1 - rho);
                out[k * d + l] = rt * c0t + eta * eta * s[k * d + l] * sum;
            }
        return fromEigenbasis(out);
    }

    private static double[][] square(double[] flat, int d) {
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) System.arraycopy(flat, a * d, m[a], 0, d);
        return m;
    }
}
