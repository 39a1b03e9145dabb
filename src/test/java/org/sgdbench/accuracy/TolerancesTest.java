package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each tolerance formula against a hand computation. */
class TolerancesTest {
    @Test
    void monteCarloIsZStandardErrors() {
        assertThat(Tolerances.monteCarlo(5, 0.01)).isCloseTo(0.05, within(1e-15));
    }

    @Test
    void cicBoundSumsTheGeometricSeriesIncludingTheStart() {
        // (Δx²/4)(1 + a + a²) for t = 2
        assertThat(Tolerances.cicVarianceBound(0.2, 0.5, 2)).isCloseTo(0.01 * 1.75, within(1e-15));
        assertThat(Tolerances.cicVarianceBound(0.2, 1.0, 2)).isCloseTo(0.01 * 3, within(1e-15));
    }

    @Test
    void couplingRadiusSumsAbsoluteMeanFactors() {
        assertThat(Tolerances.couplingRadius(0.1, -0.5, 2)).isCloseTo(0.1 * 1.75, within(1e-15));
        assertThat(Tolerances.couplingRadius(0.1, 1, 4)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void hillIsZTimesTheLawsRelativeSdOverRootKPlusTheReferencesError() {
        assertThat(Tolerances.hill(5, 0.9, 400, 0.03)).isCloseTo(5 * 0.9 / 20 + 0.03, within(1e-15));
    }

    @Test
    void lag1AddsTheRelativeVarianceBiases() {
        assertThat(Tolerances.cicLag1(-0.8, 0.01, 0.02, 0.001)).isCloseTo(0.8 * 0.032, within(1e-15));
    }

    @Test
    void powerTailTruncationExtrapolatesBeyondTheMeasuredLaw() {
        // α = 4: E[x²; |x| > R'] = S(R')R'²·α/(α−2) = 1e-6·100·2
        assertThat(Tolerances.powerTailTruncation(4, 1, 0.001, 1e-6, 10)).isCloseTo(0.001 + 2e-4, within(1e-15));
        assertThat(Tolerances.powerTailTruncation(2, 1, 0, 1e-6, 10)).isInfinite();
        assertThat(Tolerances.powerTailTruncation(Double.POSITIVE_INFINITY, 2, 0.001, 0, 10)).isCloseTo(5e-4, within(1e-15));
    }

    @Test
    void f32RoundingCountsTheStepsThatStillMatter() {
        double u = 0x1p-24;
        assertThat(Tolerances.f32Rounding(0.5, 60)).isCloseTo(16 * u * 2, within(1e-20));
        assertThat(Tolerances.f32Rounding(1.5, 30)).isCloseTo(16 * u * 30, within(1e-20));
        assertThat(Tolerances.f32Rounding(0.99, 10)).isCloseTo(16 * u * 10, within(1e-20));
    }

    @Test
    void totalVariationIsTheRelativeVarianceInflation() {
        // Pinsker gives δ/(2√2) for a pure variance change; the tolerance δ leaves 2√2 for the deposit's shape
        assertThat(Tolerances.totalVariationGaussian(0.01)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void lawBandIsTheLostMassPlusRounding() {
        assertThat(Tolerances.lawBand(-1e-6, 1e-7)).isCloseTo(1e-6 + 1e-9 + 1e-7, within(1e-18));
    }

    @Test
    void tailFitAddsTheEdgeBiasToTheDrift() {
        assertThat(Tolerances.tailFit(0.003)).isCloseTo(0.008, within(1e-15));
    }

    @Test
    void backwardEulerLag1IsTheSchemesDiscrepancy() {
        double k = Math.log(2) / 0.5;
        double expected = 1.05 * Math.abs(Math.pow(1 + k * 0.5 / 20, -20) - 0.5) + 1e-5;
        assertThat(Tolerances.backwardEulerLag1(k, 0.5, 20)).isCloseTo(expected, within(1e-15));
    }
}
