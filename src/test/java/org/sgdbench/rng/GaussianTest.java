package org.sgdbench.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The portable transcendentals against java.lang.Math, and the normals' first moments. */
class GaussianTest {
    @Test
    void logMatchesMathWithinAFewUlpOverTheUniformRange() {
        for (int k = 1; k < 200_000; k++) {
            double u = (k + 0.5) / 200_000.0 * Math.pow(2, -(k % 40));
            double ref = Math.log(u);
            assertThat(Gaussian.log(u)).isCloseTo(ref, within(4 * Math.ulp(ref)));
            float uf = (float) u;
            if (uf > 0) assertThat((double) Gaussian.log(uf)).isCloseTo(Math.log(uf), within(4.0 * Math.ulp((float) Math.log(uf)) + 1e-7));
        }
    }

    @Test
    void sinCosOfTwoPiUMatchMath() {
        double[] z = new double[2];
        float[] zf = new float[2];
        for (int k = 0; k < 100_000; k++) {
            double u = (k + 0.5) / 100_000.0;
            double u1 = Math.exp(-0.5); // r = 1
            Gaussian.pair(u1, u, z);
            double r = Math.sqrt(-2 * Math.log(u1));
            assertThat(z[0]).isCloseTo(r * Math.cos(2 * Math.PI * u), within(1e-15));
            assertThat(z[1]).isCloseTo(r * Math.sin(2 * Math.PI * u), within(1e-15));
            Gaussian.pair((float) u1, (float) u, zf);
            assertThat((double) zf[0]).isCloseTo(r * Math.cos(2 * Math.PI * (float) u), within(2e-6));
            assertThat((double) zf[1]).isCloseTo(r * Math.sin(2 * Math.PI * (float) u), within(2e-6));
        }
    }

    @Test
    void philoxNormalsHaveUnitVarianceAndGaussianKurtosis() {
        int[] w = new int[4];
        double[] z = new double[2];
        int n = 400_000;
        double s1 = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < n; i++) {
            Philox4x32.block(i, 7, 3, StreamLayout.SGD_NOISE, 12345, 678, w);
            Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
            for (double v : z) {
                s1 += v;
                s2 += v * v;
                s4 += v * v * v * v;
            }
        }
        int m = 2 * n;
        // standard errors: mean 1/sqrt(m) ~ 0.0011, E z² sqrt(2/m) ~ 0.0016, E z⁴ sqrt(96/m) ~ 0.011
        assertThat(s1 / m).isCloseTo(0, within(0.006));
        assertThat(s2 / m).isCloseTo(1, within(0.008));
        assertThat(s4 / m).isCloseTo(3, within(0.06));
    }
}
