package org.sgdbench.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.sgdbench.problem.MlpData;
import org.junit.jupiter.api.Test;

class MlpModelTest {
    static final MlpModel MODEL = new MlpModel(5, 4, 3);

    static MlpData data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] f = new double[n * 5];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < 4; m++) f[i * 5 + m] = r.nextDouble(); // input 4 is always 0
            y[i] = r.nextInt(3);
        }
        return new MlpData(5, 3, f, y);
    }

    static double[] vector(int p, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[p];
        for (int i = 0; i < p; i++) v[i] = scale * (2 * r.nextDouble() - 1);
        return v;
    }

    @Test
    void layoutCountsEveryParameterOnce() {
        assertThat(new MlpModel(64, 16, 10).parameters()).isEqualTo(1210);
        assertThat(MODEL.parameters()).isEqualTo(4 * 5 + 4 + 3 * 4 + 3);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        try (MlpObjective f = new MlpObjective(MODEL, data(23, 1), 1e-3, 2)) {
            double[] theta = vector(MODEL.parameters(), 2, 1.5);
            double[] g = new double[theta.length];
            f.lossAndGradient(theta, g);
            double h = 1e-5;
            for (int i = 0; i < theta.length; i++) {
                double[] tp = theta.clone(), tm = theta.clone();
                tp[i] += h;
                tm[i] -= h;
                double fd = (f.lossAndGradient(tp, null) - f.lossAndGradient(tm, null)) / (2 * h);
                // central differences: error O(h²·|f'''|) + rounding O(ε|f|/h) ≈ 1e-10 here
                assertThat(g[i]).as("component %d", i).isCloseTo(fd, within(1e-8));
            }
        }
    }

    @Test
    void hessianVectorProductMatchesDifferencesOfTheGradientAndIsSymmetric() {
        try (MlpObjective f = new MlpObjective(MODEL, data(23, 3), 1e-3, 1)) {
            int p = MODEL.parameters();
            double[] theta = vector(p, 4, 1.5), v = vector(p, 5, 1), u = vector(p, 6, 1);
            double[] hv = new double[p], hu = new double[p];
            f.hessianVector(theta, v, hv);
            f.hessianVector(theta, u, hu);
            double h = 1e-5;
            double[] gp = new double[p], gm = new double[p], tp = theta.clone(), tm = theta.clone();
            for (int i = 0; i < p; i++) {
                tp[i] += h * v[i];
                tm[i] -= h * v[i];
            }
            f.lossAndGradient(tp, gp);
            f.lossAndGradient(tm, gm);
            for (int i = 0; i < p; i++) assertThat(hv[i]).as("component %d", i).isCloseTo((gp[i] - gm[i]) / (2 * h), within(1e-8));
            double uhv = 0, vhu = 0;
            for (int i = 0; i < p; i++) {
                uhv += u[i] * hv[i];
                vhu += v[i] * hu[i];
            }
            assertThat(uhv).isCloseTo(vhu, within(1e-12 * (1 + Math.abs(uhv))));
        }
    }

    @Test
    void projectionsEqualTheDotProductsOfGradientAndHessianVectorProduct() {
        MlpData d = data(7, 8);
        int p = MODEL.parameters();
        double[] theta = vector(p, 9, 1), v = vector(p, 10, 1);
        MlpModel.Workspace w = MODEL.workspace();
        for (int i = 0; i < d.size(); i++) {
            double[] g = new double[p], hv = new double[p], out = new double[2];
            MODEL.forward(theta, d.features(), i * 5, d.labels()[i], w);
            MODEL.addGradient(d.features(), i * 5, w, 1, g);
            MODEL.addHessianVector(theta, v, d.features(), i * 5, w, 1, hv);
            MODEL.project(theta, v, d.features(), i * 5, w, out);
            double vg = 0, vhv = 0;
            for (int k = 0; k < p; k++) {
                vg += v[k] * g[k];
                vhv += v[k] * hv[k];
            }
            assertThat(out[0]).isCloseTo(vg, within(1e-12));
            assertThat(out[1]).isCloseTo(vhv, within(1e-12));
        }
    }

    @Test
    void weightsOfAnAlwaysZeroInputGetNoGradientFromTheDataOnlyThePenalty() {
        MlpData d = data(30, 11);
        assertThat(d.alwaysZeroInputs()).containsExactly(false, false, false, false, true);
        try (MlpObjective f = new MlpObjective(MODEL, d, 0.5, 1)) {
            double[] theta = vector(MODEL.parameters(), 12, 1), g = new double[theta.length];
            f.lossAndGradient(theta, g);
            for (int j = 0; j < 4; j++) assertThat(g[j * 5 + 4]).isEqualTo(0.5 * theta[j * 5 + 4]);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        MlpData d = data(300, 13);
        double[] theta = vector(MODEL.parameters(), 14, 1);
        double[] g1 = new double[theta.length], g3 = new double[theta.length];
        try (MlpObjective a = new MlpObjective(MODEL, d, 1e-4, 1); MlpObjective b = new MlpObjective(MODEL, d, 1e-4, 3)) {
            assertThat(a.lossAndGradient(theta, g1)).isEqualTo(b.lossAndGradient(theta, g3));
            assertThat(g1).containsExactly(g3);
        }
    }
}
