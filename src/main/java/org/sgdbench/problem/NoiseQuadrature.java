package org.sgdbench.problem;

import java.util.Arrays;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.integration.gauss.SymmetricGaussIntegrator;

/**
 * The noise of one mode as K weighted atoms (h_k, g_k, w_k): the minibatch map x' = (1 − ηh_k)x − ηg_k is taken
 * with probability w_k. The transfer operator is then Σ_k w_k·deposit(φ_k P).
 *
 * <p>Each axis has its own law ({@link NoiseLaws}). <b>Rademacher</b> noise is represented exactly: on both axes,
 * 4 atoms (λ ± σ_h, ±σ_g) of weight ¼; on one axis, its two atoms. <b>Gaussian</b> noise is replaced by a tensor Gauss–Hermite rule with n nodes per axis (weights of the standard normal): it integrates
 * every polynomial of degree ≤ 2n − 1 in each of z_h, z_g exactly, so for n ≥ 2 the first two moments of the
 * discretised dynamics — and hence the moment recursion and v∞ — are exact; what n controls is the shape of
 * the law (higher moments, the tails, the density itself). Gauss–Hermite is chosen because the maps are affine
 * in (z_h, z_g): moments of the image are polynomials in the noise, which is exactly what the rule integrates.
 *
 * <p>An axis with zero standard deviation (σ_h = 0 or σ_g = 0) gets a single node at 0: the value is
 * deterministic, so one node is exact and keeps K (the cost of building the operator) small.
 */
public record NoiseQuadrature(double[] h, double[] g, double[] w) {
    /** Most Gauss–Hermite nodes per axis accepted. */
    public static final int MAX_NODES = 128;

    public NoiseQuadrature {
        Check.notNull("h", h);
        Check.notNull("g", g);
        Check.notNull("w", w);
        if (h.length == 0 || h.length != g.length || h.length != w.length)
            throw new InvalidSpecException("atoms", h.length + "/" + g.length + "/" + w.length + " (h/g/w)", "equal lengths >= 1");
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            Check.finite("h[" + k + "]", h[k]);
            Check.finite("g[" + k + "]", g[k]);
            Check.positive("w[" + k + "]", w[k]);
            sum += w[k];
        }
        if (Math.abs(sum - 1) > 1e-12) throw new InvalidSpecException("w", "sum " + sum, "weights summing to 1 within 1e-12");
        h = h.clone();
        g = g.clone();
        w = w.clone();
    }

    /** The atoms of {@code mode} under {@code law}; {@code nodes} (1 … 128) is the Gauss–Hermite count per axis, unused for Rademacher. */
    public static NoiseQuadrature of(Mode mode, NoiseLaw law, int nodes) {
        Check.notNull("law", law);
        return of(mode, NoiseLaws.both(law), nodes);
    }

    /**
     * The atoms of {@code mode} with a rule per axis: Gauss–Hermite ({@code nodes} points) on a Gaussian axis, the
     * two atoms ±1 on a Rademacher axis, one node at 0 on a NONE axis or an axis with σ = 0; the tensor product.
     */
    public static NoiseQuadrature of(Mode mode, NoiseLaws laws, int nodes) {
        Check.notNull("mode", mode);
        Check.notNull("laws", laws);
        Check.inRange("nodes", nodes, 1, MAX_NODES);
        mode = laws.effective(mode);
        double[][] zh = mode.sigmaH() == 0 ? degenerate() : standard(laws.hessian(), nodes);
        double[][] zg = mode.sigmaG() == 0 ? degenerate() : standard(laws.gradient(), nodes);
        int k = zh[0].length * zg[0].length;
        double[] h = new double[k], g = new double[k], w = new double[k];
        int a = 0;
        for (int i = 0; i < zh[0].length; i++) {
            for (int j = 0; j < zg[0].length; j++, a++) {
                h[a] = mode.lambda() + mode.sigmaH() * zh[0][i];
                g[a] = mode.sigmaG() * zg[0][j];
                w[a] = zh[1][i] * zg[1][j];
            }
        }
        return new NoiseQuadrature(h, g, normalised(w));
    }

    /**
     * A 1D rule for a standardised draw of {@code law}: {nodes, weights}. Rademacher: {−1, +1} with ½ each
     * ({@code nodes} ignored). NONE: the single node 0 with weight 1. Gaussian: Hipparchus' Gauss–Hermite rule for the weight e^{−x²}, rescaled to the
     * standard normal (z = √2·x, w = w_H/√π).
     */
    public static double[][] standard(NoiseLaw law, int nodes) {
        Check.notNull("law", law);
        Check.inRange("nodes", nodes, 1, MAX_NODES);
        if (law == NoiseLaw.RADEMACHER) return new double[][] {{-1, 1}, {0.5, 0.5}};
        if (law == NoiseLaw.NONE) return degenerate();
        SymmetricGaussIntegrator rule = new GaussIntegratorFactory().hermite(nodes);
        double[] z = new double[nodes], w = new double[nodes];
        double invSqrtPi = 1 / Math.sqrt(Math.PI);
        for (int i = 0; i < nodes; i++) {
            z[i] = Math.sqrt(2) * rule.getPoint(i);
            w[i] = rule.getWeight(i) * invSqrtPi;
        }
        return new double[][] {z, normalised(w)};
    }

    static double[][] degenerate() { return new double[][] {{0}, {1}}; }

    /** Removes the last ulps of the rule's weight sum so that the operator's columns sum to 1 as closely as doubles allow. */
    static double[] normalised(double[] w) {
        double s = 0;
        for (double v : w) s += v;
        for (int i = 0; i < w.length; i++) w[i] /= s;
        return w;
    }

    public int atoms() { return w.length; }

    @Override
    public double[] h() { return h.clone(); }

    @Override
    public double[] g() { return g.clone(); }

    @Override
    public double[] w() { return w.clone(); }

    public double h(int k) { return h[k]; }

    public double g(int k) { return g[k]; }

    public double w(int k) { return w[k]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseQuadrature q && Arrays.equals(h, q.h) && Arrays.equals(g, q.g) && Arrays.equals(w, q.w);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(h) * 31 + Arrays.hashCode(g) * 17 + Arrays.hashCode(w); }

    @Override
    public String toString() { return "NoiseQuadrature[" + w.length + " atoms]"; }
}
