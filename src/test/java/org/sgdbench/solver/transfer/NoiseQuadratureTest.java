package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.NoiseQuadrature;
import org.sgdbench.problem.NoiseQuadrature2D;

class NoiseQuadratureTest {
    static double moment(double[][] rule, int k) {
        double s = 0;
        for (int i = 0; i < rule[0].length; i++) s += rule[1][i] * Math.pow(rule[0][i], k);
        return s;
    }

    @Test
    void gaussHermiteIntegratesStandardNormalMomentsUpToDegree2nMinus1() {
        double[] exact = {1, 0, 1, 0, 3, 0, 15, 0, 105, 0, 945};
        for (int n = 1; n <= 5; n++) {
            double[][] r = NoiseQuadrature.standard(NoiseLaw.GAUSSIAN, n);
            for (int k = 0; k <= Math.min(2 * n - 1, 10); k++)
                assertThat(moment(r, k)).as("n=%d k=%d", n, k).isCloseTo(exact[k], within(1e-12 * Math.max(1, exact[k])));
            // Degree 2n is not integrated exactly: the rule fails on the first moment it cannot reach.
            if (2 * n <= 10) assertThat(Math.abs(moment(r, 2 * n) - exact[2 * n])).as("n=%d", n).isGreaterThan(1e-6);
        }
    }

    @Test
    void rademacherAtomsAreExact() {
        NoiseQuadrature q = NoiseQuadrature.of(Mode.of(1, 0.5, 2), NoiseLaw.RADEMACHER, 7);
        assertThat(q.atoms()).isEqualTo(4);
        for (int k = 0; k < 4; k++) {
            assertThat(q.w(k)).isEqualTo(0.25);
            assertThat(Math.abs(q.h(k) - 1)).isEqualTo(0.5);
            assertThat(Math.abs(q.g(k))).isEqualTo(2);
        }
        // All four sign combinations are present.
        java.util.Set<String> signs = new java.util.HashSet<>();
        for (int k = 0; k < 4; k++) signs.add(Math.signum(q.h(k) - 1) + "," + Math.signum(q.g(k)));
        assertThat(signs).hasSize(4);
    }

    @Test
    void eachAxisGetsTheRuleOfItsOwnLaw() {
        Mode mode = Mode.of(1, 0.5, 2);
        // Gaussian h, Rademacher g: 5 Gauss–Hermite nodes × the two atoms ±σ_g
        NoiseQuadrature q = NoiseQuadrature.of(mode, new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER), 5);
        assertThat(q.atoms()).isEqualTo(10);
        double eh = 0, eh2 = 0, eh4 = 0, eg2 = 0, eg4 = 0;
        for (int k = 0; k < q.atoms(); k++) {
            assertThat(Math.abs(q.g(k))).isEqualTo(2);
            double dh = q.h(k) - 1;
            eh += q.w(k) * dh;
            eh2 += q.w(k) * dh * dh;
            eh4 += q.w(k) * dh * dh * dh * dh;
            eg2 += q.w(k) * q.g(k) * q.g(k);
            eg4 += q.w(k) * Math.pow(q.g(k), 4);
        }
        assertThat(eh).isCloseTo(0, within(1e-14));
        assertThat(eh2).isCloseTo(0.25, within(1e-14));
        assertThat(eh4).as("Gaussian E z⁴ = 3 on h").isCloseTo(3 * 0.0625, within(1e-14));
        assertThat(eg2).isCloseTo(4, within(1e-14));
        assertThat(eg4).as("Rademacher E z⁴ = 1 on g").isCloseTo(16, within(1e-12));
        // Rademacher h, Gaussian g: 2 × 5 atoms, h only at λ ± σ_h
        NoiseQuadrature r = NoiseQuadrature.of(mode, new NoiseLaws(NoiseLaw.RADEMACHER, NoiseLaw.GAUSSIAN), 5);
        assertThat(r.atoms()).isEqualTo(10);
        for (int k = 0; k < r.atoms(); k++) assertThat(Math.abs(r.h(k) - 1)).isEqualTo(0.5);
        // NONE: one node at 0 on that axis, whatever σ was given
        NoiseQuadrature none = NoiseQuadrature.of(mode, new NoiseLaws(NoiseLaw.NONE, NoiseLaw.GAUSSIAN), 5);
        assertThat(none.atoms()).isEqualTo(5);
        for (int k = 0; k < none.atoms(); k++) assertThat(none.h(k)).isEqualTo(1);
        assertThat(NoiseQuadrature.of(mode, NoiseLaws.both(NoiseLaw.NONE), 5).atoms()).isEqualTo(1);
        assertThat(NoiseQuadrature.standard(NoiseLaw.NONE, 7)).isDeepEqualTo(new double[][] {{0}, {1}});
    }

    @Test
    void degenerateAxesGetOneNodeAndNodeCountIsValidated() {
        assertThat(NoiseQuadrature.of(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 9).atoms()).isEqualTo(9);
        assertThat(NoiseQuadrature.of(Mode.of(1, 2, 1), NoiseLaw.GAUSSIAN, 9).atoms()).isEqualTo(81);
        assertThat(NoiseQuadrature.of(Mode.of(1, 0, 0), NoiseLaw.RADEMACHER, 1).atoms()).isEqualTo(1);
        assertThatThrownBy(() -> NoiseQuadrature.of(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("nodes").hasMessageContaining("[1, 128]");
        assertThatThrownBy(() -> new NoiseQuadrature(new double[] {0}, new double[] {0}, new double[] {0.5}))
            .hasMessageContaining("sum");
    }

    static double[] cov5(double... diag) {
        double[] c = new double[25];
        for (int i = 0; i < 5; i++) c[i * 5 + i] = diag[i];
        return c;
    }

    @Test
    void choleskyMatchesHipparchusForPositiveDefiniteAndHandlesSingular() {
        double[] c = cov5(1, 2, 0.5, 3, 1.5);
        c[0 * 5 + 3] = c[3 * 5 + 0] = 0.4;
        c[1 * 5 + 4] = c[4 * 5 + 1] = -0.7;
        c[2 * 5 + 3] = c[3 * 5 + 2] = 0.2;
        double[][] m = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) m[i][j] = c[i * 5 + j];
        double[][] ref = new CholeskyDecomposition(MatrixUtils.createRealMatrix(m)).getL().getData();
        double[] l = NoiseQuadrature2D.lowerCholesky(c);
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) assertThat(l[i * 5 + j]).isCloseTo(ref[i][j], within(1e-14));
        double[] singular = NoiseQuadrature2D.lowerCholesky(cov5(0, 0, 0, 4, 9));
        assertThat(singular[3 * 5 + 3]).isEqualTo(2);
        assertThat(singular[4 * 5 + 4]).isEqualTo(3);
        assertThat(singular[0]).isZero();
        assertThatThrownBy(() -> NoiseQuadrature2D.lowerCholesky(cov5(1, -1, 0, 0, 0))).hasMessageContaining("semi-definite");
    }

    @Test
    void coupledAtomsReproduceTheNoiseCovariance() {
        double[] c = cov5(0.3, 0.2, 0.1, 1, 2);
        c[0 * 5 + 3] = c[3 * 5 + 0] = 0.25;
        c[3 * 5 + 4] = c[4 * 5 + 3] = 0.5;
        for (NoiseLaw law : List.of(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER)) {
            CoupledQuadratic2D model = new CoupledQuadratic2D(new double[] {1, 0.2, 0.5}, c, law, 0.1, 10, 1, new double[] {0, 0}, 0);
            NoiseQuadrature2D q = NoiseQuadrature2D.of(model, 3);
            assertThat(q.atoms()).isEqualTo(law == NoiseLaw.RADEMACHER ? 32 : 243);
            for (int a = 0; a < 5; a++)
                for (int b = 0; b < 5; b++) {
                    double s = 0;
                    for (int k = 0; k < q.atoms(); k++) s += q.w(k) * q.xi(k, a) * q.xi(k, b);
                    assertThat(s).as("%s cov[%d][%d]", law, a, b).isCloseTo(c[a * 5 + b], within(1e-12));
                }
        }
        CoupledQuadratic2D gradOnly = new CoupledQuadratic2D(new double[] {1, 0, 1}, cov5(0, 0, 0, 1, 1), NoiseLaw.GAUSSIAN, 0.1, 10, 1, new double[] {0, 0}, 0);
        assertThat(NoiseQuadrature2D.of(gradOnly, 6).atoms()).isEqualTo(36);
        assertThatThrownBy(() -> NoiseQuadrature2D.of(gradOnly, 7)).hasMessageContaining("nodes").hasMessageContaining("[1, 6]");
    }
}
