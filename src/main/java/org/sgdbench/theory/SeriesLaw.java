package org.sgdbench.theory;

import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;

/**
 * The exact law of a mode without Hessian noise driven by a gradient noise with finitely many atoms (Rademacher:
 * ±1 with ½ each), at a finite step t or, for t large, its stationary law.
 *
 * <p>With σ_h = 0 the map is x' = m x − ησ_g z, m = 1 − ηλ, so x_t = m^t x_0 + S_t with
 * S_t = Σ_{k<t} c_k z_k, c_k = −ησ_g m^k, the z_k independent. For two atoms S_∞ is a random series (at η = ½,
 * λ = 1, σ_g = 1 it is uniform on [−1, 1]); it is not Gaussian, so a Gaussian reference judges a correct
 * transfer operator wrong.
 *
 * <p>Computation with a rigorous error bound: the first K terms are convolved on a lattice of spacing δ, each
 * coefficient·atom rounded to the nearest lattice multiple (an error ≤ δ/2 per term, coupled term by term), and the
 * terms k ≥ K are dropped (|Σ_{k≥K} c_k z_k| ≤ ησ_g·max|z|·|m|^K/(1−|m|) almost surely). So a lattice variable L
 * and the exact S satisfy |S − L| ≤ ε = K·δ/2 + tail almost surely, hence
 * F_L(x − ε) ≤ F(x) ≤ F_L(x + ε) for every x: {@link #cdfLower} and {@link #cdfUpper} bracket the exact CDF.
 * The initial point x_0 enters as the constant m^t x_0 (a deterministic start; a Gaussian start with spread s_0
 * is accounted for by the caller).
 */
public final class SeriesLaw {
    /** Largest lattice held in memory; a finer request is coarsened to this (the bracket widens accordingly). */
    public static final int MAX_LATTICE = 1 << 23;

    private final double lo, delta, epsilon;
    private final double[] cdf;
    private final int terms;

    private SeriesLaw(double lo, double delta, double epsilon, double[] cdf, int terms) {
        this.lo = lo;
        this.delta = delta;
        this.epsilon = epsilon;
        this.cdf = cdf;
        this.terms = terms;
    }

    /**
     * The law of x_t for the noise atoms z_a with weights w_a.
     *
     * @param m       the mean factor 1 − ηλ
     * @param jump    ησ_g (the coefficient of z in one step)
     * @param steps   t ≥ 1
     * @param start   the deterministic x_0
     * @param latticeStep the requested δ (> 0)
     */
    public static SeriesLaw of(double[] atoms, double[] weights, double m, double jump, long steps, double start,
                               double latticeStep) {
        Check.notNull("atoms", atoms);
        Check.notNull("weights", weights);
        if (atoms.length == 0 || atoms.length != weights.length)
            throw new InvalidSpecException("atoms", atoms.length + "/" + weights.length, "equal lengths >= 1");
        Check.finite("m", m);
        Check.nonNegative("jump", jump);
        if (steps < 1) throw new InvalidSpecException("steps", steps, "[1, " + Long.MAX_VALUE + "]");
        Check.finite("start", start);
        Check.positive("latticeStep", latticeStep);
        double zMax = 0;
        for (double z : atoms) zMax = Math.max(zMax, Math.abs(z));
        double am = Math.abs(m), c0 = jump * zMax;
        // enough terms that the dropped tail is below one lattice step (all t terms when |m| ≥ 1)
        long k = steps;
        if (am < 1 && c0 > 0) {
            long need = am == 0 ? 1 : (long) Math.ceil(Math.log(latticeStep * (1 - am) / c0) / Math.log(am));
            k = Math.min(steps, Math.max(1, need));
        }
        if (k > 1_000_000) throw new InvalidSpecException("steps", steps, "a law needing at most 10^6 terms");
        int terms = (int) k;
        double spread = 0, amk = 1;
        for (int i = 0; i < terms; i++, amk *= am) spread += c0 * amk;
        double tail = am < 1 && terms < steps ? c0 * Math.pow(am, terms) / (1 - am) : 0;
        double delta = Math.max(latticeStep, 2 * spread / (MAX_LATTICE - 3));
        // each rounded shift is at most |c_k|·max|z|/δ + ½
        int half = (int) Math.ceil(spread / delta + terms / 2.0) + 1, n = 2 * half + 1;
        double[] p = new double[n], q = new double[n];
        p[half] = 1;
        int from = half, to = half; // occupied index range
        double ck = jump;
        for (int i = 0; i < terms; i++, ck *= m) {
            java.util.Arrays.fill(q, Math.max(0, from - half), Math.min(n, to + half + 1), 0);
            int nf = Integer.MAX_VALUE, nt = Integer.MIN_VALUE;
            for (int a = 0; a < atoms.length; a++) {
                int shift = (int) Math.rint(-ck * atoms[a] / delta);
                double w = weights[a];
                for (int j = from; j <= to; j++) q[j + shift] += w * p[j];
                nf = Math.min(nf, from + shift);
                nt = Math.max(nt, to + shift);
            }
            double[] s = p;
            p = q;
            q = s;
            from = nf;
            to = nt;
        }
        for (int j = 1; j < n; j++) p[j] += p[j - 1];
        double centre = Math.pow(m, steps) * start;
        return new SeriesLaw(centre - half * delta, delta, terms * delta / 2 + tail, p, terms);
    }

    /** The law of the stationary series Σ_k c_k z_k (|m| &lt; 1), to the lattice step requested. */
    public static SeriesLaw stationary(double[] atoms, double[] weights, double m, double jump, double latticeStep) {
        if (!(Math.abs(m) < 1)) throw new InvalidSpecException("m", m, "(−1, 1) for a stationary law");
        return of(atoms, weights, m, jump, Long.MAX_VALUE / 2, 0, latticeStep);
    }

    /** P(L ≤ x) of the lattice variable. */
    private double latticeCdf(double x) {
        double u = Math.floor((x - lo) / delta + 1e-9);
        if (u < 0) return 0;
        if (u >= cdf.length - 1) return cdf[cdf.length - 1];
        return cdf[(int) u];
    }

    /** A lower bound of the exact P(x_t ≤ x). */
    public double cdfLower(double x) { return latticeCdf(x - epsilon); }

    /** An upper bound of the exact P(x_t ≤ x). */
    public double cdfUpper(double x) { return latticeCdf(x + epsilon); }

    /** ε: the almost-sure distance between the lattice variable and the exact one. */
    public double bracket() { return epsilon; }

    /** Terms of the series that were convolved. */
    public int terms() { return terms; }

    public double latticeStep() { return delta; }
}
