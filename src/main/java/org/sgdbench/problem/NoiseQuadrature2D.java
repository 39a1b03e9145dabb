package org.sgdbench.problem;

import java.util.Arrays;

/**
 * The noise of a {@link CoupledQuadratic2D} as K weighted atoms ξ_k = L z_k (ξ = (δH₁₁, δH₂₂, δH₁₂, δg₁, δg₂),
 * row-major K×5 in {@code xi}) with weights w_k, L the lower Cholesky factor of the noise covariance.
 *
 * <p>The atoms are the tensor product of a 1D rule over each of the 5 standardised draws z: exact for
 * Rademacher (2⁵ = 32 atoms), Gauss–Hermite with n nodes per draw for Gaussian (n⁵ atoms; second moments are
 * exact for n ≥ 2). Because the atom count grows as n⁵, the 2D case restricts n to 1 … {@value #MAX_NODES}
 * (7 776 atoms). A draw whose column of L is zero does not move ξ and gets a single node, so a model with
 * noise only on δg costs n² atoms.
 */
public record NoiseQuadrature2D(double[] xi, double[] w) {
    public static final int DIM = CoupledQuadratic2D.NOISE_DIM;
    /** Most Gauss–Hermite nodes per standardised draw in 2D. */
    public static final int MAX_NODES = 6;

    public NoiseQuadrature2D {
        Check.notNull("xi", xi);
        Check.notNull("w", w);
        if (w.length == 0 || xi.length != DIM * w.length)
            throw new InvalidSpecException("atoms", xi.length + " xi numbers / " + w.length + " weights", "5 xi numbers per weight, >= 1 atom");
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            Check.positive("w[" + k + "]", w[k]);
            sum += w[k];
        }
        for (int i = 0; i < xi.length; i++) Check.finite("xi[" + i + "]", xi[i]);
        if (Math.abs(sum - 1) > 1e-12) throw new InvalidSpecException("w", "sum " + sum, "weights summing to 1 within 1e-12");
        xi = xi.clone();
        w = w.clone();
    }

    /** The atoms of {@code model}'s noise; {@code nodes} (1 … 6) per standardised draw, unused for Rademacher. */
    public static NoiseQuadrature2D of(CoupledQuadratic2D model, int nodes) {
        Check.notNull("model", model);
        Check.inRange("nodes", nodes, 1, MAX_NODES);
        double[] l = lowerCholesky(model.noiseCovariance());
        double[][][] rules = new double[DIM][][];
        int count = 1;
        for (int j = 0; j < DIM; j++) {
            boolean zeroColumn = true;
            for (int i = j; i < DIM; i++) zeroColumn &= l[i * DIM + j] == 0;
            rules[j] = zeroColumn ? NoiseQuadrature.degenerate() : NoiseQuadrature.standard(model.noise(), nodes);
            count *= rules[j][0].length;
        }
        double[] xi = new double[count * DIM], w = new double[count];
        int[] digit = new int[DIM];
        double[] z = new double[DIM];
        for (int a = 0; a < count; a++) {
            // Mixed-radix counter over the 5 rules: atom a is the tuple of node indices digit[0..4].
            double weight = 1;
            for (int j = 0; j < DIM; j++) {
                z[j] = rules[j][0][digit[j]];
                weight *= rules[j][1][digit[j]];
            }
            for (int i = 0; i < DIM; i++) {
                double s = 0;
                for (int j = 0; j <= i; j++) s += l[i * DIM + j] * z[j];
                xi[a * DIM + i] = s;
            }
            w[a] = weight;
            for (int j = DIM - 1; j >= 0; j--) {
                if (++digit[j] < rules[j][0].length) break;
                digit[j] = 0;
            }
        }
        return new NoiseQuadrature2D(xi, NoiseQuadrature.normalised(w));
    }

    /**
     * Lower Cholesky factor L (row-major n×n, LLᵀ = C) of a symmetric positive semi-definite matrix. A pivot at
     * or below 1e-14·max diag(C) is treated as 0 and its column of L is set to 0 (the draw it would scale is
     * then unused), which makes the factor defined for singular covariances, e.g. noise on δg only. This is the
     * ordinary Cholesky factor when C is positive definite (checked against Hipparchus in the tests); we need
     * the unpivoted lower-triangular factor, not just any square root, because for Rademacher draws the law of
     * L z depends on L itself.
     */
    public static double[] lowerCholesky(double[] c) {
        Check.notNull("covariance", c);
        int n = (int) Math.round(Math.sqrt(c.length));
        if (n * n != c.length) throw new InvalidSpecException("covariance", c.length + " numbers", "a square matrix");
        double maxDiag = 0;
        for (int i = 0; i < n; i++) maxDiag = Math.max(maxDiag, c[i * n + i]);
        double eps = 1e-14 * maxDiag;
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = c[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (d < -1e-10 * Math.max(maxDiag, Double.MIN_NORMAL))
                throw new InvalidSpecException("noiseCovariance", "pivot " + j + " = " + d, "a positive semi-definite matrix");
            if (d <= eps) continue;
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = c[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
        return l;
    }

    public int atoms() { return w.length; }

    /** Component {@code i} (0 … 4: δH₁₁, δH₂₂, δH₁₂, δg₁, δg₂) of atom {@code k}. */
    public double xi(int k, int i) { return xi[k * DIM + i]; }

    public double w(int k) { return w[k]; }

    @Override
    public double[] xi() { return xi.clone(); }

    @Override
    public double[] w() { return w.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseQuadrature2D q && Arrays.equals(xi, q.xi) && Arrays.equals(w, q.w);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(xi) * 31 + Arrays.hashCode(w); }

    @Override
    public String toString() { return "NoiseQuadrature2D[" + w.length + " atoms]"; }
}
