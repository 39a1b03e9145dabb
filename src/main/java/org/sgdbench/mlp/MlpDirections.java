package org.sgdbench.mlp;

import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.MlpData;

/**
 * Per-direction statistics of the minibatch noise at θ*, exactly over the training set, for every eigenvector vᵢ of
 * the full-batch Hessian: λᵢ = vᵢᵀHvᵢ, σ_h,ᵢ² = Var_B(vᵢᵀH_Bvᵢ) and σ_g,ᵢ² = Var_B(vᵢᵀ∇L_B(θ*)).
 *
 * <p>A minibatch's curvature and gradient along vᵢ are sample means over its b indices of the per-sample values
 * cₙ = vᵢᵀH_nvᵢ and gₙ = vᵢᵀ∇loss_n(θ*) (the penalty adds the same μ|vᵢ|² and μvᵢᵀθ* to every sample and so no
 * variance), so Var_B = κ_b · (1/n)Σ(xₙ − x̄)² with κ_b of the sampling mode ({@code problem.Sampling#kappa}):
 * exact, no Monte Carlo. cₙ and gₙ come from the forward R-pass ({@link MlpModel#project}).
 *
 * @param lambda      λᵢ (mean per-sample curvature + μ; equals the eigenvalue up to rounding)
 * @param curvatureVariancePerSample (1/n)Σ(cₙ − c̄)², before κ_b
 * @param gradientVariancePerSample  (1/n)Σ(gₙ − ḡ)², before κ_b
 * @param gradientMean ḡ + μvᵢᵀθ*, the full-batch gradient along vᵢ (≈ 0 at θ*)
 */
public record MlpDirections(double[] lambda, double[] curvatureVariancePerSample, double[] gradientVariancePerSample,
                            double[] gradientMean) {
    public int size() { return lambda.length; }

    /** σ_h,ᵢ² for a sampling factor κ_b. */
    public double sigmaH2(int i, double kappa) { return kappa * curvatureVariancePerSample[i]; }

    /** σ_g,ᵢ² for a sampling factor κ_b. */
    public double sigmaG2(int i, double kappa) { return kappa * gradientVariancePerSample[i]; }

    public static MlpDirections of(MlpModel model, MlpData data, double penalty, double[] theta, double[][] vectors,
                                   int threads) {
        int dirs = vectors.length, n = data.size(), len = model.savedLength(), D = data.inputs();
        double[] states = MlpHessian.forwardStates(model, data, theta);
        double[] lambda = new double[dirs], vh = new double[dirs], vg = new double[dirs], gm = new double[dirs];
        try (ParallelBlocks blocks = new ParallelBlocks(threads, 4)) {
            blocks.forEach(dirs, (from, to) -> {
                MlpModel.Workspace w = model.workspace();
                double[] out = new double[2], c = new double[n], g = new double[n];
                for (int d = from; d < to; d++) {
                    double[] v = vectors[d];
                    double sc = 0, sg = 0;
                    for (int i = 0; i < n; i++) {
                        model.restore(states, i * len, w);
                        model.project(theta, v, data.features(), i * D, w, out);
                        g[i] = out[0];
                        c[i] = out[1];
                        sg += out[0];
                        sc += out[1];
                    }
                    double mc = sc / n, mg = sg / n, qc = 0, qg = 0, vv = 0, vt = 0;
                    for (int i = 0; i < n; i++) {
                        qc += (c[i] - mc) * (c[i] - mc);
                        qg += (g[i] - mg) * (g[i] - mg);
                    }
                    for (int k = 0; k < v.length; k++) {
                        vv += v[k] * v[k];
                        vt += v[k] * theta[k];
                    }
                    lambda[d] = mc + penalty * vv;
                    vh[d] = qc / n;
                    vg[d] = qg / n;
                    gm[d] = mg + penalty * vt;
                }
            });
        }
        return new MlpDirections(lambda, vh, vg, gm);
    }
}
