package org.sgdbench.theory;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Gamma;

/**
 * E log|Y| and log E|Y|^α for Y ~ N(m, s²), s > 0 — the Lyapunov exponent and the Kesten moment function of a
 * mode with Gaussian Hessian noise (Y = 1 − ηh, m = 1 − ηλ, s = ησ_h).
 *
 * <p>Two exact routes, chosen by x = m²/(2s²) (c = |m|/s is the distance of the singularity y = 0 from the mean in
 * standard deviations):
 * <ul>
 * <li><b>Series</b> (x ≤ {@link #SERIES_MAX_X}): with the Kummer transformation of the closed form
 *   E|Y|^α = s^α 2^{α/2} Γ((α+1)/2)/√π · ₁F₁(−α/2; ½; −x), every term is positive:
 *   E|Y|^α = s^α 2^{α/2} Σ_k Γ(a+k)/Γ(½+k) · e^{−x} x^k/k!, a = (α+1)/2,
 *   and its α-derivative at 0 gives E log|Y| = log s − (γ + log 2)/2 + ½ Σ_k Pois_x(k) H_k with
 *   H_k = ψ(k+½) − ψ(½) = Σ_{j<k} 1/(j+½). The log singularity is thus handled analytically. The sums start at
 *   the largest term and run both ways until a term falls below 1e-18 of the sum (no overflow, no cancellation).
 * <li><b>Quadrature</b> (x &gt; SERIES_MAX_X, i.e. c &gt; 45): the singularity lies more than 45 sd away, so
 *   E log|Y| = log|m| + E log1p(εZ) and log E|Y|^α = α log|m| + log E exp(α log1p(εZ)) (ε = s/|m| &lt; 1/45) are
 *   integrals of smooth functions against the normal density, done with 20-point Gauss–Legendre panels of unit
 *   width over ±40 sd around the peak of the integrand (log-concave with curvature ≤ −1, so the cut-off mass is
 *   below e^{−800}), cut 5 sd short of the singularity z = −c (the mass beyond the cut is below Φ(−(c−5)) —
 *   nothing in double for c ≥ 45; the package-private methods also accept smaller c, down to ~20, for tests).
 * </ul>
 * Accuracy (tested in {@code NormalAbsMomentsTest}): both routes agree to ~1e-13 (E log) and ~1e-12 (log E|Y|^α, limited by log Γ of large arguments) where both apply, match
 * E log|Z| = −(γ+log 2)/2 at m = 0, and the exact polynomials E Y² = m² + s², E Y⁴ = m⁴ + 6m²s² + 3s⁴.
 */
final class NormalAbsMoments {
    /** Above this x = m²/(2s²) the smooth-quadrature route is used (c &gt; 45). */
    static final double SERIES_MAX_X = 0.5 * 45 * 45;
    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final double LOG_2 = Math.log(2);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double TERM_CUTOFF = 1e-18;
    private static final double[] NODE, WEIGHT;

    static {
        GaussIntegrator gl = new GaussIntegratorFactory().legendre(20, -0.5, 0.5);
        NODE = new double[gl.getNumberOfPoints()];
        WEIGHT = new double[NODE.length];
        for (int i = 0; i < NODE.length; i++) {
            NODE[i] = gl.getPoint(i);
            WEIGHT[i] = gl.getWeight(i);
        }
    }

    private NormalAbsMoments() {}

    /** E log|Y|, Y ~ N(m, s²), s &gt; 0. */
    static double expectedLog(double m, double s) {
        double x = 0.5 * (m / s) * (m / s);
        return x <= SERIES_MAX_X ? expectedLogSeries(m, s) : expectedLogQuadrature(m, s);
    }

    /** log E|Y|^α, Y ~ N(m, s²), s &gt; 0, α ≥ 0. */
    static double logAbsMoment(double alpha, double m, double s) {
        double x = 0.5 * (m / s) * (m / s);
        return x <= SERIES_MAX_X ? logAbsMomentSeries(alpha, m, s) : logAbsMomentQuadrature(alpha, m, s);
    }

    // ------------------------------------------------------------------ series route

    static double expectedLogSeries(double m, double s) {
        double x = 0.5 * (m / s) * (m / s);
        double base = Math.log(s) - 0.5 * (EULER_GAMMA + LOG_2);
        if (x == 0) return base;
        // Poisson(x) expectation of H_k, starting at the mode k0 = floor(x) where the weight is largest.
        long k0 = (long) Math.floor(x);
        // H_{k0} summed directly (k0 ≤ 1012): Hipparchus' digamma is only good to ~1e-9 near ½.
        double h0 = 0;
        for (long j = 0; j < k0; j++) h0 += 1.0 / (j + 0.5);
        double sumW = 1, sumWH = h0; // weights relative to the weight at k0
        double w = 1, h = h0;
        for (long k = k0; ; k++) { // upward: w_{k+1} = w_k x/(k+1), H_{k+1} = H_k + 1/(k+½)
            w *= x / (k + 1);
            h += 1.0 / (k + 0.5);
            sumW += w;
            sumWH += w * h;
            if (w < TERM_CUTOFF * sumW) break;
        }
        w = 1;
        h = h0;
        for (long k = k0; k > 0; k--) { // downward: w_{k−1} = w_k k/x, H_{k−1} = H_k − 1/(k−½)
            w *= k / x;
            h -= 1.0 / (k - 0.5);
            sumW += w;
            sumWH += w * h;
            if (w < TERM_CUTOFF * sumW) break;
        }
        return base + 0.5 * (sumWH / sumW);
    }

    static double logAbsMomentSeries(double alpha, double m, double s) {
        double x = 0.5 * (m / s) * (m / s);
        double a = 0.5 * (alpha + 1);
        double prefix = alpha * Math.log(s) + 0.5 * alpha * LOG_2;
        if (x == 0) return prefix + Gamma.logGamma(a) - Gamma.logGamma(0.5);
        // term_k = Γ(a+k)/Γ(½+k) · e^{−x} x^k/k!; ratio term_{k+1}/term_k = (a+k) x / ((½+k)(k+1)).
        double b1 = x - 1.5;
        long k0 = (long) Math.max(0, Math.floor(0.5 * (b1 + Math.sqrt(b1 * b1 - 2 + 4 * a * x))));
        double logT0 = Gamma.logGamma(a + k0) - Gamma.logGamma(0.5 + k0) + k0 * Math.log(x) - x
            - Gamma.logGamma(k0 + 1.0);
        double sum = 1, t = 1;
        for (long k = k0; ; k++) {
            t *= (a + k) * x / ((0.5 + k) * (k + 1));
            sum += t;
            if (t < TERM_CUTOFF * sum) break;
        }
        t = 1;
        for (long k = k0; k > 0; k--) {
            t *= (k - 0.5) * k / ((a + k - 1) * x);
            sum += t;
            if (t < TERM_CUTOFF * sum) break;
        }
        return prefix + logT0 + Math.log(sum);
    }

    // ------------------------------------------------------------------ quadrature route

    static double expectedLogQuadrature(double m, double s) {
        double eps = s / Math.abs(m);
        double lo = Math.max(-40, 5 - 1 / eps), hi = 40;
        int panels = (int) Math.ceil(hi - lo);
        double width = (hi - lo) / panels, sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = lo + (p + 0.5) * width;
            for (int i = 0; i < NODE.length; i++) {
                double z = mid + NODE[i] * width;
                sum += WEIGHT[i] * Math.log1p(eps * z) * Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
            }
        }
        return Math.log(Math.abs(m)) + sum * width;
    }

    static double logAbsMomentQuadrature(double alpha, double m, double s) {
        double eps = s / Math.abs(m);
        // Peak of f(z) = α log1p(εz) − z²/2: z(1+εz) = αε, stable root.
        double zStar = 2 * alpha * eps / (1 + Math.sqrt(1 + 4 * alpha * eps * eps));
        double fStar = alpha * Math.log1p(eps * zStar) - 0.5 * zStar * zStar;
        double lo = Math.max(zStar - 40, 5 - 1 / eps), hi = zStar + 40;
        int panels = (int) Math.ceil(hi - lo);
        double width = (hi - lo) / panels, sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = lo + (p + 0.5) * width;
            for (int i = 0; i < NODE.length; i++) {
                double z = mid + NODE[i] * width;
                double f = alpha * Math.log1p(eps * z) - 0.5 * z * z;
                sum += WEIGHT[i] * Math.exp(f - fStar);
            }
        }
        return alpha * Math.log(Math.abs(m)) + fStar - LOG_SQRT_2PI + Math.log(sum * width);
    }
}
