package org.sgdbench.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.scalar.ScalarNoiseFiller;
import org.sgdbench.kernel.scalar.ScalarSgdEnsembleF32;
import org.sgdbench.kernel.scalar.ScalarSgdEnsembleF64;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.QuadraticModes;

/**
 * Separate noise laws for the Hessian and the gradient: the moments follow the σ's alone, the Kesten index and
 * regime follow the law of h, E z⁴ of each law enters the fourth moments, and NONE is σ = 0 on its axis.
 */
class MixedNoiseLawsTest {
    private static final NoiseLaws G_R = new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER);
    private static final NoiseLaws R_G = new NoiseLaws(NoiseLaw.RADEMACHER, NoiseLaw.GAUSSIAN);

    @Test
    void momentsDependOnTheSigmasOnly() {
        Mode mode = Mode.of(1, 2, 1);
        ModeTheory gg = ModeTheory.of(mode, NoiseLaw.GAUSSIAN, 0.1);
        for (NoiseLaws laws : List.of(G_R, R_G, NoiseLaws.both(NoiseLaw.RADEMACHER))) {
            ModeTheory t = ModeTheory.of(mode, laws, 0.1);
            assertThat(t.stationaryVariance()).as("%s", laws).isEqualTo(gg.stationaryVariance());
            assertThat(t.variance(37, 0.5, 0.2)).as("%s", laws).isEqualTo(gg.variance(37, 0.5, 0.2));
            assertThat(t.stationaryVariance()).isCloseTo(1.0 / 15, within(1e-15));
        }
    }

    @Test
    void tailIndexAndRegimeFollowTheLawOfTheHessian() {
        Mode heavy = Mode.of(1, 4.5, 1);
        for (NoiseLaw g : NoiseLaw.values()) {
            for (NoiseLaw h : List.of(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER)) {
                ModeTheory mixed = ModeTheory.of(heavy, new NoiseLaws(h, g), 0.1);
                ModeTheory same = ModeTheory.of(heavy, h, 0.1);
                assertThat(mixed.regime()).as("h %s g %s", h, g).isEqualTo(same.regime());
                assertThat(mixed.kestenTailIndex()).as("h %s g %s", h, g).isEqualTo(same.kestenTailIndex());
                assertThat(mixed.expectedLogMultiplier()).isEqualTo(same.expectedLogMultiplier());
            }
        }
        // a = 0.81 + 0.2025 > 1 with E log|1 − ηh| < 0 for both laws of h (Rademacher atoms 0.45 and 1.35)
        assertThat(ModeTheory.of(heavy, G_R, 0.1).regime()).isEqualTo(Regime.HEAVY_TAILED);
        assertThat(ModeTheory.of(heavy, R_G, 0.1).regime()).isEqualTo(Regime.HEAVY_TAILED);
        assertThat(ModeTheory.of(heavy, G_R, 0.1).kestenTailIndex()).isNotEqualTo(ModeTheory.of(heavy, R_G, 0.1).kestenTailIndex());
    }

    @Test
    void fourthMomentsTakeEachAxisItsOwnKurtosis() {
        Mode mode = Mode.of(1, 0.5, 1);
        double eta = 0.2;
        ModeTheory gr = ModeTheory.of(mode, G_R, eta), rg = ModeTheory.of(mode, R_G, eta);
        double m = 1 - eta, s = eta * 0.5, q = eta * eta;
        assertThat(gr.fourthMomentOfMultiplier()).isCloseTo(m * m * m * m + 6 * m * m * s * s + 3 * s * s * s * s, within(1e-15));
        assertThat(rg.fourthMomentOfMultiplier()).isCloseTo(m * m * m * m + 6 * m * m * s * s + s * s * s * s, within(1e-15));
        double v = gr.stationaryVariance();
        assertThat(gr.stationaryFourthMoment())
            .isCloseTo((6 * q * gr.a() * v + 1 * q * q) / (1 - gr.fourthMomentOfMultiplier()), within(1e-15));
        assertThat(rg.stationaryFourthMoment())
            .isCloseTo((6 * q * rg.a() * v + 3 * q * q) / (1 - rg.fourthMomentOfMultiplier()), within(1e-15));
    }

    @Test
    void noneIsSigmaZeroOnItsAxis() {
        Mode mode = Mode.of(1, 2, 1);
        ModeTheory noH = ModeTheory.of(mode, new NoiseLaws(NoiseLaw.NONE, NoiseLaw.GAUSSIAN), 0.1);
        assertThat(noH.mode()).isEqualTo(Mode.of(1, 0, 1));
        assertThat(noH.stationaryVariance()).isEqualTo(ModeTheory.of(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.1).stationaryVariance());
        assertThat(noH.kestenTailIndex()).isInfinite();
        ModeTheory noG = ModeTheory.of(mode, new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.NONE), 0.1);
        assertThat(noG.stationaryVariance()).isZero();
        QuadraticModes spec = new QuadraticModes(List.of(mode), new NoiseLaws(NoiseLaw.NONE, NoiseLaw.RADEMACHER), 0.1, 1, 1, 0, 0);
        assertThat(spec.mode(0)).isEqualTo(Mode.of(1, 0, 1));
    }

    /** The stream layout keeps a Gaussian axis's draw when the other axis is NONE: same walkers as σ = 0 there. */
    @Test
    void aNoneAxisBesideAGaussianOneKeepsTheOneLawGaussianStream() {
        List<Mode> modes = List.of(Mode.of(1, 0.7, 1), Mode.of(0.5, 0, 0.3));
        List<Mode> noHessian = List.of(Mode.of(1, 0, 1), Mode.of(0.5, 0, 0.3));
        QuadraticModes none = new QuadraticModes(modes, new NoiseLaws(NoiseLaw.NONE, NoiseLaw.GAUSSIAN), 0.3, 9, 33, 0.4, 1);
        QuadraticModes gauss = new QuadraticModes(noHessian, NoiseLaw.GAUSSIAN, 0.3, 9, 33, 0.4, 1);
        double[] a = new double[33], b = new double[33], p = new double[33];
        try (var k1 = new ScalarSgdEnsembleF64(none, 5, KernelOptions.singleThread());
             var k2 = new ScalarSgdEnsembleF64(gauss, 5, KernelOptions.singleThread());
             var f1 = new ScalarSgdEnsembleF32(none, 5, KernelOptions.singleThread());
             var f2 = new ScalarSgdEnsembleF32(gauss, 5, KernelOptions.singleThread())) {
            for (var k : List.of(k1, k2, f1, f2)) {
                k.reset();
                k.advance(9);
            }
            for (int m = 0; m < 2; m++) {
                k1.readState(m, a, p);
                k2.readState(m, b, p);
                assertThat(a).isEqualTo(b);
                f1.readState(m, a, p);
                f2.readState(m, b, p);
                assertThat(a).isEqualTo(b);
            }
        }
    }

    /**
     * The Rademacher draw of a mixed pair is a bit no uniform reads, so it is independent of the Gaussian draw: a
     * sign taken from a bit that u₁ reads would move E[z_h² | sign] (r² = −2 ln u₁) far from 1.
     */
    @Test
    void theRademacherDrawOfAMixedPairIsIndependentOfTheGaussianOne() {
        int n = 1 << 17;
        for (NoiseLaws laws : List.of(G_R, R_G)) {
            QuadraticModes spec = new QuadraticModes(List.of(Mode.of(1, 1, 1)), laws, 0.1, 1, n, 0, 0);
            try (var filler = new ScalarNoiseFiller(spec, 99, 1)) {
                double[] zh = new double[n], zg = new double[n];
                float[] fh = new float[n], fg = new float[n];
                filler.fill(3, zh, zg);
                filler.fill(3, fh, fg);
                for (int f = 0; f < 2; f++) {
                    double[] gauss = new double[n], sign = new double[n];
                    for (int i = 0; i < n; i++) {
                        double h = f == 0 ? zh[i] : fh[i], g = f == 0 ? zg[i] : fg[i];
                        gauss[i] = laws.hessian() == NoiseLaw.GAUSSIAN ? h : g;
                        sign[i] = laws.hessian() == NoiseLaw.GAUSSIAN ? g : h;
                        assertThat(Math.abs(sign[i])).isEqualTo(1);
                    }
                    double meanSign = 0, m2Plus = 0, m2Minus = 0, cross = 0;
                    int plus = 0;
                    for (int i = 0; i < n; i++) {
                        meanSign += sign[i];
                        cross += gauss[i] * sign[i];
                        if (sign[i] > 0) { m2Plus += gauss[i] * gauss[i]; plus++; }
                        else m2Minus += gauss[i] * gauss[i];
                    }
                    String what = laws + (f == 0 ? " F64" : " F32");
                    double se = 1 / Math.sqrt(n);
                    assertThat(meanSign / n).as(what).isCloseTo(0, within(5 * se));
                    assertThat(cross / n).as(what).isCloseTo(0, within(5 * se));
                    // Var(z²) = 2 for a standard normal: the conditional second moments agree within 5 SE
                    double sePlus = Math.sqrt(2.0 / plus), seMinus = Math.sqrt(2.0 / (n - plus));
                    assertThat(m2Plus / plus).as(what).isCloseTo(1, within(5 * sePlus));
                    assertThat(m2Minus / (n - plus)).as(what).isCloseTo(1, within(5 * seMinus));
                }
            }
        }
    }

    @Test
    void lawsAreParsedByNameAndRejectedWithTheAllowedValues() {
        assertThat(NoiseLaw.parse("hessianNoise", "Gaussian")).isEqualTo(NoiseLaw.GAUSSIAN);
        assertThat(NoiseLaw.parse("hessianNoise", "none")).isEqualTo(NoiseLaw.NONE);
        assertThatThrownBy(() -> NoiseLaw.parse("gradientNoise", "cauchy")).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("gradientNoise").hasMessageContaining("gaussian, rademacher, none");
        assertThat(G_R.label()).isEqualTo("gaussian-h/rademacher-g");
        assertThat(NoiseLaws.both(NoiseLaw.GAUSSIAN).mixed()).isFalse();
        assertThat(NoiseLaws.both(NoiseLaw.NONE).mixed()).isTrue();
        assertThat(NoiseLaws.all()).hasSize(9);
    }
}
