package org.sgdbench.mlp;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.MlpData;

/**
 * The full-batch Hessian at θ* in double precision and its spectrum, with the per-direction statistics of the
 * minibatch noise along every eigenvector.
 *
 * <p>The Hessian is built column by column from exact Hessian–vector products (R-operator, no differencing error),
 * Σ_n H_n e_j / n + μ e_j, then symmetrised as (H + Hᵀ)/2 (the products are exact up to rounding, so the asymmetry
 * is ~10⁻¹⁶ relative, reported as {@link Spectrum#asymmetry}), and eigendecomposed by Hipparchus's
 * {@link EigenDecompositionSymmetric}. Eigenpairs are stored by decreasing eigenvalue (index 0 the stiffest).
 */
public final class MlpHessian {
    private MlpHessian() {}

    /**
     * Eigenvalues (decreasing) and unit eigenvectors ({@code vectors[i]} belongs to {@code values[i]}) of the
     * symmetrised Hessian; {@code asymmetry} = max |H_ij − H_ji| / max |H_ij| before symmetrisation.
     */
    public record Spectrum(double[] values, double[][] vectors, double asymmetry) {
        public int size() { return values.length; }
    }

    /** Per-sample forward states at θ (see {@link MlpModel#save}), computed once for all directions. */
    static double[] forwardStates(MlpModel model, MlpData data, double[] theta) {
        int len = model.savedLength(), D = data.inputs();
        double[] states = new double[data.size() * len];
        MlpModel.Workspace w = model.workspace();
        for (int i = 0; i < data.size(); i++) {
            model.forward(theta, data.features(), i * D, data.labels()[i], w);
            model.save(w, states, i * len);
        }
        return states;
    }

    /** The dense full-batch Hessian at θ (penalty μ included), row-major P × P, not yet symmetrised. */
    public static double[] hessian(MlpModel model, MlpData data, double penalty, double[] theta, int threads) {
        int P = model.parameters(), len = model.savedLength(), D = data.inputs(), n = data.size();
        double[] states = forwardStates(model, data, theta);
        double[] hess = new double[P * P];
        double scale = 1.0 / n;
        try (ParallelBlocks blocks = new ParallelBlocks(threads, 8)) {
            blocks.forEach(P, (from, to) -> {
                MlpModel.Workspace w = model.workspace();
                double[] e = new double[P], col = new double[P];
                for (int j = from; j < to; j++) {
                    e[j] = 1;
                    java.util.Arrays.fill(col, 0);
                    for (int i = 0; i < n; i++) {
                        model.restore(states, i * len, w);
                        model.addHessianVector(theta, e, data.features(), i * D, w, scale, col);
                    }
                    col[j] += penalty;
                    e[j] = 0;
                    for (int r = 0; r < P; r++) hess[r * P + j] = col[r]; // column j
                }
            });
        }
        return hess;
    }

    /** Symmetrises and eigendecomposes the Hessian at θ. */
    public static Spectrum spectrum(MlpModel model, MlpData data, double penalty, double[] theta, int threads) {
        int P = model.parameters();
        double[] h = hessian(model, data, penalty, theta, threads);
        double maxAbs = 0, maxAsym = 0;
        double[][] sym = new double[P][P];
        for (int i = 0; i < P; i++)
            for (int j = 0; j < P; j++) {
                maxAbs = Math.max(maxAbs, Math.abs(h[i * P + j]));
                maxAsym = Math.max(maxAsym, Math.abs(h[i * P + j] - h[j * P + i]));
                sym[i][j] = 0.5 * (h[i * P + j] + h[j * P + i]);
            }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(sym, false));
        double[] ev = eig.getEigenvalues();
        Integer[] order = new Integer[P];
        for (int i = 0; i < P; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(ev[b], ev[a]));
        double[] values = new double[P];
        double[][] vectors = new double[P][];
        for (int i = 0; i < P; i++) {
            values[i] = ev[order[i]];
            vectors[i] = eig.getEigenvector(order[i]).toArray();
        }
        return new Spectrum(values, vectors, maxAbs == 0 ? 0 : maxAsym / maxAbs);
    }
}
