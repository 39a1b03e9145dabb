package org.sgdbench.mlp;

import org.sgdbench.problem.InvalidSpecException;

/**
 * The two-layer perceptron inputs → H (tanh) → classes (softmax cross-entropy) in double precision: the reference
 * mathematics of the MLP experiment (loss, analytic gradient, exact Hessian–vector products), per sample. Full-batch
 * sums over a data set, with the L2 penalty, are in {@link MlpObjective}.
 *
 * <p>Parameter layout, P = H·D + H + C·H + C (D inputs, C classes; P = 75H + 10 for the digits):
 * <pre>
 *   W1[j, m] at j·D + m          b1[j] at H·D + j
 *   W2[k, j] at H(D+1) + k·H + j b2[k] at H(D+1) + C·H + k
 * </pre>
 * Per sample (x, y): a = W1x + b1, h = tanh a, z = W2h + b2, p = softmax z, loss = logsumexp z − z_y.
 * Gradient (backward): r = p − e_y, ∂W2 = r hᵀ, ∂b2 = r, δ = W2ᵀr, e = δ ⊙ (1 − h²), ∂W1 = e xᵀ, ∂b1 = e.
 * Hessian–vector product along v = (V1, c1, V2, c2) by Pearlmutter's R-operator (forward-over-reverse, exact):
 * Ra = V1x + c1, Rh = (1−h²)⊙Ra, Rz = V2h + W2Rh + c2, Rr = p⊙(Rz − pᵀRz), R∂W2 = Rr hᵀ + r Rhᵀ, R∂b2 = Rr,
 * Rδ = V2ᵀr + W2ᵀRr, Re = Rδ⊙(1−h²) − 2δ⊙h⊙Rh, R∂W1 = Re xᵀ, R∂b1 = Re. The curvature vᵀH_nv and the gradient
 * projection vᵀg_n need only the forward R-pass (see {@link #project}).
 */
public final class MlpModel {
    private final int inputs, hidden, classes;
    private final int offB1, offW2, offB2, parameters;

    public MlpModel(int inputs, int hidden, int classes) {
        if (inputs < 1) throw new InvalidSpecException("inputs", inputs, "[1, 4096]");
        if (hidden < 1 || hidden > 4096) throw new InvalidSpecException("hidden", hidden, "[1, 4096]");
        if (classes < 2) throw new InvalidSpecException("classes", classes, "[2, 4096]");
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.offB1 = hidden * inputs;
        this.offW2 = offB1 + hidden;
        this.offB2 = offW2 + classes * hidden;
        this.parameters = offB2 + classes;
    }

    public int inputs() { return inputs; }

    public int hidden() { return hidden; }

    public int classes() { return classes; }

    /** P, the number of parameters. */
    public int parameters() { return parameters; }

    public int offsetB1() { return offB1; }

    public int offsetW2() { return offW2; }

    public int offsetB2() { return offB2; }

    /** Per-thread scratch arrays of one sample's forward and backward pass. */
    public final class Workspace {
        final double[] h = new double[hidden], dh = new double[hidden], p = new double[classes], r = new double[classes];
        final double[] delta = new double[hidden], e = new double[hidden];
        final double[] ra = new double[hidden], rh = new double[hidden], rz = new double[classes], rr = new double[classes];
        final double[] rdelta = new double[hidden], re = new double[hidden];
        double loss;
    }

    public Workspace workspace() { return new Workspace(); }

    /**
     * Forward and backward pass of sample (x at {@code x[xOff..xOff+D)}, label y): leaves h, 1−h², p, r, δ, e and
     * the loss in {@code w}; returns the loss.
     */
    public double forward(double[] theta, double[] x, int xOff, int y, Workspace w) {
        int D = inputs, H = hidden, C = classes;
        for (int j = 0; j < H; j++) {
            double a = theta[offB1 + j];
            int row = j * D;
            for (int m = 0; m < D; m++) a += theta[row + m] * x[xOff + m];
            double t = Math.tanh(a);
            w.h[j] = t;
            w.dh[j] = 1 - t * t;
        }
        double zmax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < C; k++) {
            double z = theta[offB2 + k];
            int row = offW2 + k * H;
            for (int j = 0; j < H; j++) z += theta[row + j] * w.h[j];
            w.p[k] = z;
            zmax = Math.max(zmax, z);
        }
        double zy = w.p[y], sum = 0;
        for (int k = 0; k < C; k++) {
            double ez = Math.exp(w.p[k] - zmax);
            w.p[k] = ez;
            sum += ez;
        }
        for (int k = 0; k < C; k++) {
            w.p[k] /= sum;
            w.r[k] = w.p[k] - (k == y ? 1 : 0);
        }
        for (int j = 0; j < H; j++) {
            double d = 0;
            for (int k = 0; k < C; k++) d += theta[offW2 + k * H + j] * w.r[k];
            w.delta[j] = d;
            w.e[j] = d * w.dh[j];
        }
        w.loss = Math.log(sum) + zmax - zy;
        return w.loss;
    }

    /** Adds {@code scale} × the gradient of the sample last passed to {@link #forward} into {@code grad}. */
    public void addGradient(double[] x, int xOff, Workspace w, double scale, double[] grad) {
        int D = inputs, H = hidden, C = classes;
        for (int j = 0; j < H; j++) {
            double ej = scale * w.e[j];
            int row = j * D;
            for (int m = 0; m < D; m++) grad[row + m] += ej * x[xOff + m];
            grad[offB1 + j] += ej;
        }
        for (int k = 0; k < C; k++) {
            double rk = scale * w.r[k];
            int row = offW2 + k * H;
            for (int j = 0; j < H; j++) grad[row + j] += rk * w.h[j];
            grad[offB2 + k] += rk;
        }
    }

    /** The forward R-pass along v (after {@link #forward} of the same sample): Ra, Rh, Rz, Rr. */
    private void rForward(double[] theta, double[] v, double[] x, int xOff, Workspace w) {
        int D = inputs, H = hidden, C = classes;
        for (int j = 0; j < H; j++) {
            double a = v[offB1 + j];
            int row = j * D;
            for (int m = 0; m < D; m++) a += v[row + m] * x[xOff + m];
            w.ra[j] = a;
            w.rh[j] = w.dh[j] * a;
        }
        double pRz = 0;
        for (int k = 0; k < C; k++) {
            double z = v[offB2 + k];
            int row = offW2 + k * H;
            for (int j = 0; j < H; j++) z += v[row + j] * w.h[j] + theta[row + j] * w.rh[j];
            w.rz[k] = z;
            pRz += w.p[k] * z;
        }
        for (int k = 0; k < C; k++) w.rr[k] = w.p[k] * (w.rz[k] - pRz);
    }

    /**
     * Adds {@code scale} × H_n v into {@code out}, H_n the Hessian of the loss of the sample last passed to
     * {@link #forward} (exact, R-operator).
     */
    public void addHessianVector(double[] theta, double[] v, double[] x, int xOff, Workspace w, double scale,
                                 double[] out) {
        int D = inputs, H = hidden, C = classes;
        rForward(theta, v, x, xOff, w);
        for (int j = 0; j < H; j++) {
            double d = 0;
            for (int k = 0; k < C; k++) d += v[offW2 + k * H + j] * w.r[k] + theta[offW2 + k * H + j] * w.rr[k];
            w.rdelta[j] = d;
            w.re[j] = d * w.dh[j] - 2 * w.delta[j] * w.h[j] * w.rh[j];
        }
        for (int j = 0; j < H; j++) {
            double rej = scale * w.re[j];
            int row = j * D;
            for (int m = 0; m < D; m++) out[row + m] += rej * x[xOff + m];
            out[offB1 + j] += rej;
        }
        for (int k = 0; k < C; k++) {
            double rrk = scale * w.rr[k], rk = scale * w.r[k];
            int row = offW2 + k * H;
            for (int j = 0; j < H; j++) out[row + j] += rrk * w.h[j] + rk * w.rh[j];
            out[offB2 + k] += rrk;
        }
    }

    /**
     * The gradient projection vᵀg_n (into {@code out[0]}) and the curvature vᵀH_nv (into {@code out[1]}) of the sample
     * last passed to {@link #forward}, from the forward R-pass alone:
     * vᵀg = Σ_k r_k (V2h + c2)_k + Σ_j e_j Ra_j and
     * vᵀHv = Σ_k Rr_k (V2h + c2)_k + Σ_k r_k (V2 Rh)_k + Σ_j Ra_j Re_j.
     */
    public void project(double[] theta, double[] v, double[] x, int xOff, Workspace w, double[] out) {
        int H = hidden, C = classes;
        rForward(theta, v, x, xOff, w);
        double vg = 0, vhv = 0;
        for (int k = 0; k < C; k++) {
            double v2h = v[offB2 + k], v2rh = 0;
            int row = offW2 + k * H;
            for (int j = 0; j < H; j++) {
                v2h += v[row + j] * w.h[j];
                v2rh += v[row + j] * w.rh[j];
            }
            vg += w.r[k] * v2h;
            vhv += w.rr[k] * v2h + w.r[k] * v2rh;
        }
        for (int j = 0; j < H; j++) {
            double d = 0;
            for (int k = 0; k < C; k++) d += v[offW2 + k * H + j] * w.r[k] + theta[offW2 + k * H + j] * w.rr[k];
            double re = d * w.dh[j] - 2 * w.delta[j] * w.h[j] * w.rh[j];
            vg += w.e[j] * w.ra[j];
            vhv += w.ra[j] * re;
        }
        out[0] = vg;
        out[1] = vhv;
    }

    /** Index of the largest logit of the sample last passed to {@link #forward} (the predicted class). */
    public int predicted(Workspace w) {
        int best = 0;
        for (int k = 1; k < classes; k++) if (w.p[k] > w.p[best]) best = k;
        return best;
    }

    /** Values per sample kept by {@link #save}: h, 1−h², δ, e (H each) and p, r (C each). */
    public int savedLength() { return 4 * hidden + 2 * classes; }

    /** Copies the forward state of the sample last passed to {@link #forward} into {@code to[off…off+savedLength)}. */
    public void save(Workspace w, double[] to, int off) {
        int H = hidden, C = classes;
        System.arraycopy(w.h, 0, to, off, H);
        System.arraycopy(w.dh, 0, to, off + H, H);
        System.arraycopy(w.delta, 0, to, off + 2 * H, H);
        System.arraycopy(w.e, 0, to, off + 3 * H, H);
        System.arraycopy(w.p, 0, to, off + 4 * H, C);
        System.arraycopy(w.r, 0, to, off + 4 * H + C, C);
    }

    /** Restores a state written by {@link #save}, as if {@link #forward} had just run on that sample. */
    public void restore(double[] from, int off, Workspace w) {
        int H = hidden, C = classes;
        System.arraycopy(from, off, w.h, 0, H);
        System.arraycopy(from, off + H, w.dh, 0, H);
        System.arraycopy(from, off + 2 * H, w.delta, 0, H);
        System.arraycopy(from, off + 3 * H, w.e, 0, H);
        System.arraycopy(from, off + 4 * H, w.p, 0, C);
        System.arraycopy(from, off + 4 * H + C, w.r, 0, C);
    }
}
