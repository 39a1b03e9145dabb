package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Sampling;
import org.sgdbench.problem.Standardization;

/**
 * The exact moment theory against brute force: on a dataset of five samples and batch 2, every minibatch can be
 * listed (25 ordered pairs with replacement, 10 subsets without), so the law of θ_t's first two moments can be
 * iterated by averaging the affine maps θ ↦ A_Bθ + a_B themselves, in raw θ coordinates, with no θ*, no κ_b and
 * no per-sample decomposition: an independent computation.
 */
class LinearRegressionTheoryTest {
    private static final Dataset TINY = LinearRegressionContract.tiny();

    /** Every minibatch map (A_B row-major, then a_B) with its probability. */
    record Map2(double[] a, double[] shift, double p) {}

    static List<Map2> maps(Dataset data, int b, Sampling s, double eta) {
        int n = data.n(), d = data.d();
        List<int[]> batches = new ArrayList<>();
        if (s == Sampling.WITH_REPLACEMENT) {
            int total = (int) Math.pow(n, b);
            for (int code = 0; code < total; code++) {
                int[] idx = new int[b];
                for (int q = 0, c = code; q < b; q++, c /= n) idx[q] = c % n;
                batches.add(idx);
            }
        } else {
            subsets(n, b, 0, new int[b], 0, batches);
        }
        List<Map2> out = new ArrayList<>();
        for (int[] idx : batches) {
            double[] a = new double[d * d], shift = new double[d];
            for (int j = 0; j < d; j++) a[j * d + j] = 1;
            for (int i : idx)
                for (int j = 0; j < d; j++) {
                    shift[j] += eta / b * data.x(i, j) * data.y(i);
                    for (int k = 0; k < d; k++) a[j * d + k] -= eta / b * data.x(i, j) * data.x(i, k);
                }
            out.add(new Map2(a, shift, 1.0 / batches.size()));
        }
        return out;
    }

    private static void subsets(int n, int b, int from, int[] cur, int len, List<int[]> out) {
        if (len == b) {
            out.add(cur.clone());
            return;
        }
        for (int i = from; i < n; i++) {
            cur[len] = i;
            subsets(n, b, i + 1, cur, len + 1, out);
        }
    }

    /** One step of the raw first and second moments by enumeration: returns {mean, E[θθᵀ]}. */
    static double[][] enumerateStep(List<Map2> maps, double[] m, double[] mm, int d) {
        double[] nm = new double[d], nmm = new double[d * d];
        for (Map2 f : maps) {
            double[] am = new double[d];
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) am[j] += f.a()[j * d + k] * m[k];
                nm[j] += f.p() * (am[j] + f.shift()[j]);
            }
            for (int j = 0; j < d; j++)
                for (int k = 0; k < d; k++) {
                    double amma = 0;
                    for (int p = 0; p < d; p++)
                        for (int q = 0; q < d; q++) amma += f.a()[j * d + p] * mm[p * d + q] * f.a()[k * d + q];
                    nmm[j * d + k] += f.p() * (amma + am[j] * f.shift()[k] + f.shift()[j] * am[k]
                        + f.shift()[j] * f.shift()[k]);
                }
        }
        return new double[][] {nm, nmm};
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Sampling.class, names = {"WITH_REPLACEMENT", "WITHOUT_REPLACEMENT"})
    void meanAndCovarianceAtEveryStepEqualTheEnumerationOfEveryMinibatch(Sampling sampling) {
        double eta = 0.4;
        LinearRegressionTheory th = LinearRegressionTheory.of(TINY, 2, sampling, eta);
        List<Map2> maps = maps(TINY, 2, sampling, eta);
        assertThat(maps).hasSize(sampling == Sampling.WITH_REPLACEMENT ? 25 : 10);
        double[] center = {1.5, -0.7};
        LinearRegressionTheory.Moments start = LinearRegressionTheory.initial(center, 0.3);
        double[] m = center.clone(), mm = new double[4];
        for (int j = 0; j < 2; j++) for (int k = 0; k < 2; k++) mm[j * 2 + k] = start.covariance()[j * 2 + k] + m[j] * m[k];
        for (int t = 1; t <= 60; t++) {
            double[][] next = enumerateStep(maps, m, mm, 2);
            m = next[0];
            mm = next[1];
            if (t % 7 != 1 && t != 60) continue;
            LinearRegressionTheory.Moments got = th.moments(start, t);
            for (int j = 0; j < 2; j++) {
                assertThat(got.mean()[j]).as("t=%d mean %d", t, j).isCloseTo(m[j], within(1e-12));
                for (int k = 0; k < 2; k++) {
                    double cov = mm[j * 2 + k] - m[j] * m[k];
                    assertThat(got.covariance()[j * 2 + k]).as("t=%d cov %d%d", t, j, k)
                        .isCloseTo(cov, within(1e-11 * (1 + Math.abs(cov))));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Sampling.class, names = {"WITH_REPLACEMENT", "WITHOUT_REPLACEMENT"})
    void theStationaryCovarianceIsTheLimitOfTheEnumeratedLaw(Sampling sampling) {
        double eta = 0.4;
        LinearRegressionTheory th = LinearRegressionTheory.of(TINY, 2, sampling, eta);
        assertThat(th.stable()).isTrue();
        List<Map2> maps = maps(TINY, 2, sampling, eta);
        double[] m = {0, 0}, mm = new double[4];
        for (int t = 0; t < 3000; t++) {
            double[][] next = enumerateStep(maps, m, mm, 2);
            m = next[0];
            mm = next[1];
        }
        double[] star = th.thetaStar(), c = th.stationaryCovariance();
        for (int j = 0; j < 2; j++) {
            assertThat(m[j]).isCloseTo(star[j], within(1e-10));
            for (int k = 0; k < 2; k++)
                assertThat(c[j * 2 + k]).isCloseTo(mm[j * 2 + k] - m[j] * m[k], within(1e-10));
        }
        assertThat(c[0]).isPositive();
    }

    @Test
    void theStabilityEdgeIsWhereTheEnumeratedSecondMomentStopsConverging() {
        LinearRegressionTheory th = LinearRegressionTheory.of(TINY, 2, Sampling.WITH_REPLACEMENT, 0.1);
        double edge = th.stabilityEdge();
        assertThat(th.withEta(edge).spectralRadius()).isCloseTo(1, within(1e-5));
        // the edge lies below 2/λ_max: Hessian noise makes SGD unstable before GD
        assertThat(edge).isLessThan(2 / th.eigenvalues()[1]);
        for (double f : new double[] {0.97, 1.03}) {
            double eta = f * edge;
            List<Map2> maps = maps(TINY, 2, Sampling.WITH_REPLACEMENT, eta);
            double[] m = {0, 0}, mm = new double[4];
            double trace1 = 0;
            for (int t = 0; t < 4000; t++) {
                double[][] next = enumerateStep(maps, m, mm, 2);
                m = next[0];
                mm = next[1];
                if (t == 1999) trace1 = mm[0] + mm[3];
            }
            double growth = (mm[0] + mm[3]) / trace1;
            if (f < 1) assertThat(growth).as("below the edge the second moment settles").isCloseTo(1, within(1e-3));
            else assertThat(growth).as("above the edge it grows geometrically").isGreaterThan(10);
            assertThat(LinearRegressionTheory.of(TINY, 2, Sampling.WITH_REPLACEMENT, eta).stable()).isEqualTo(f < 1);
        }
    }

    @Test
    void theBrownianPicturesSolveTheirOwnEquations() {
        LinearRegressionTheory th = LinearRegressionTheory.of(Datasets.diabetes(), 8, Sampling.WITHOUT_REPLACEMENT, 0.05);
        int d = th.dim();
        double[] h = th.hessian(), s = th.gradientNoiseCovariance(), ou = th.ouStationaryCovariance(),
            dis = th.noHessianNoiseStationaryCovariance();
        double eta = 0.05, scale = 0;
        for (double v : ou) scale = Math.max(scale, Math.abs(v));
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++) {
                double hc = 0, ch = 0, aca = 0;
                for (int k = 0; k < d; k++) {
                    hc += h[a * d + k] * ou[k * d + b];
                    ch += ou[a * d + k] * h[k * d + b];
                }
                // (I − ηH) C (I − ηH) = C − η(HC + CH) + η² HCH
                double hch = 0;
                for (int k = 0; k < d; k++) for (int l = 0; l < d; l++) hch += h[a * d + k] * dis[k * d + l] * h[l * d + b];
                double hd = 0, dh = 0;
                for (int k = 0; k < d; k++) {
                    hd += h[a * d + k] * dis[k * d + b];
                    dh += dis[a * d + k] * h[k * d + b];
                }
                aca = dis[a * d + b] - eta * (hd + dh) + eta * eta * hch;
                assertThat(hc + ch).isCloseTo(eta * s[a * d + b], within(1e-9 * scale));
                assertThat(aca + eta * eta * s[a * d + b]).isCloseTo(dis[a * d + b], within(1e-9 * scale));
            }
    }

    @Test
    void exactExceedsNoHessianNoiseWhichDiffersFromOuByHalfEtaLambda() {
        // Hessian noise only adds variance: per mode the exact stationary variance is above the discrete
        // recursion without it; the two Brownian pictures differ by the factor 1 − ηλ/2
        LinearRegressionTheory th = LinearRegressionTheory.of(Datasets.diabetes(), 4, Sampling.WITH_REPLACEMENT, 0.01);
        double[] ex = th.stationaryCovariance(), nh = th.noHessianNoiseStationaryCovariance(), ou = th.ouStationaryCovariance();
        double[] lam = th.eigenvalues();
        for (int k = 0; k < th.dim(); k++) {
            double e = th.modeVariance(ex, k), n = th.modeVariance(nh, k), o = th.modeVariance(ou, k);
            assertThat(e).as("mode %d", k).isGreaterThan(n);
            // per mode (diagonal of the eigenbasis) the ratio is exactly (ησ²/2λ)/(η²σ²/(1−(1−ηλ)²)) = 1 − ηλ/2
            assertThat(o / n - 1).as("mode %d: OU vs discrete, ηλ = %s", k, 0.01 * lam[k])
                .isCloseTo(-0.01 * lam[k] / 2, within(1e-9));
        }
    }

    @Test
    void thetaStarSolvesTheNormalEquations() {
        LinearRegressionTheory th = LinearRegressionTheory.of(Datasets.diabetes(), 1, Sampling.WITH_REPLACEMENT, 0.01);
        Dataset data = th.data();
        double[] star = th.thetaStar();
        for (int j = 0; j < data.d(); j++) {
            double g = 0;
            for (int i = 0; i < data.n(); i++) {
                double r = -data.y(i);
                for (int k = 0; k < data.d(); k++) r += data.x(i, k) * star[k];
                g += data.x(i, j) * r;
            }
            assertThat(g / data.n()).isCloseTo(0, within(1e-12));
        }
        // z-scored data: the intercept is exactly the mean of the centred target, 0
        assertThat(star[data.d() - 1]).isCloseTo(0, within(1e-12));
    }

    @Test
    void collinearColumnsAreRejectedNamingTheDataset() {
        double[][] raw = {{1, 2}, {2, 4}, {3, 6}, {4, 8.0}};
        Dataset data = Datasets.regression("c", List.of("a", "b"), "y", raw, new double[] {1, 2, 3, 5}, Standardization.NONE);
        assertThatThrownBy(() -> LinearRegressionTheory.of(data, 2, Sampling.WITH_REPLACEMENT, 0.1))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("dataset");
    }
}
