package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The two exact routes for Gaussian multipliers Y ~ N(m, s²) against closed forms, each other and brute force. */
class NormalAbsMomentsTest {
    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void expectedLogOfACentredNormalIsTheClosedForm() {
        // E log|Z| = −(γ + log 2)/2, so E log|sZ| = log s − (γ + log 2)/2.
        for (double s : new double[] {1e-3, 0.3, 1, 7.5})
            assertThat(NormalAbsMoments.expectedLog(0, s))
                .isCloseTo(Math.log(s) - 0.5 * (EULER_GAMMA + Math.log(2)), within(1e-14));
    }

    @ParameterizedTest(name = "c = {0}")
    @CsvSource({"20", "30", "44", "60"})
    void seriesAndQuadratureAgreeWhereBothApply(double c) {
        double m = 0.9, s = m / c;
        assertThat(NormalAbsMoments.expectedLogSeries(m, s))
            .isCloseTo(NormalAbsMoments.expectedLogQuadrature(m, s), within(1e-13));
        for (double alpha : new double[] {0.3, 1, 2.5, 7.3, 40})
            assertThat(NormalAbsMoments.logAbsMomentSeries(alpha, m, s))
                .as("alpha %s", alpha)
                .isCloseTo(NormalAbsMoments.logAbsMomentQuadrature(alpha, m, s), within(1e-11 * Math.max(1, alpha)));
    }

    @ParameterizedTest(name = "m = {0}, s = {1}")
    @CsvSource({"0.5, 0.7", "-0.3, 0.12", "1.0, 0.4", "0.9, 0.009"})
    void expectedLogMatchesABruteForceGrid(double m, double s) {
        // Midpoint rule on cells whose edges sit on the singularity z0 = −m/s, step 1e-5 over ±12 sd:
        // the log singularity costs ≈ 0.31·h·φ(z0) per side, well below the tolerance.
        double z0 = -m / s, h = 1e-5, sum = 0;
        long lo = (long) Math.floor((-12 - z0) / h), hi = (long) Math.ceil((12 - z0) / h);
        for (long k = lo; k < hi; k++) {
            double z = z0 + (k + 0.5) * h;
            sum += Math.log(Math.abs(m + s * z)) * Math.exp(-0.5 * z * z);
        }
        sum *= h / Math.sqrt(2 * Math.PI);
        assertThat(NormalAbsMoments.expectedLog(m, s)).isCloseTo(sum, within(3e-6));
    }

    @Test
    void smallNoiseLimitIsLogOfTheMean() {
        // E log|m + sZ| = log|m| − s²/(2m²) − 3s⁴/(4m⁴) − …
        double m = -0.9, s = 1e-3, r = s / m;
        assertThat(NormalAbsMoments.expectedLog(m, s))
            .isCloseTo(Math.log(0.9) - r * r / 2 - 0.75 * r * r * r * r, within(1e-15));
    }

    @ParameterizedTest(name = "m = {0}, s = {1}")
    @CsvSource({"0.0, 1.3", "0.5, 0.7", "-1.2, 0.2", "0.9, 0.01", "0.9999, 0.0082"})
    void absoluteMomentsMatchTheNormalPolynomials(double m, double s) {
        double m2 = m * m, s2 = s * s;
        assertThat(NormalAbsMoments.logAbsMoment(2, m, s)).isCloseTo(Math.log(m2 + s2), within(1e-13));
        assertThat(NormalAbsMoments.logAbsMoment(4, m, s))
            .isCloseTo(Math.log(m2 * m2 + 6 * m2 * s2 + 3 * s2 * s2), within(1e-13));
        assertThat(NormalAbsMoments.logAbsMoment(6, m, s))
            .isCloseTo(Math.log(m2 * m2 * m2 + 15 * m2 * m2 * s2 + 45 * m2 * s2 * s2 + 15 * s2 * s2 * s2), within(1e-13));
    }

    @Test
    void firstAbsoluteMomentOfACentredNormal() {
        assertThat(NormalAbsMoments.logAbsMoment(1, 0, 2)).isCloseTo(Math.log(2 * Math.sqrt(2 / Math.PI)), within(1e-14));
    }
}
