package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineeringTest {
    @Test
    void threeSignificantDigitsWithAnSiPrefix() {
        assertThat(Engineering.format(1.15e9)).isEqualTo("1.15 G");
        assertThat(Engineering.format(35.6e6)).isEqualTo("35.6 M");
        assertThat(Engineering.format(612_345)).isEqualTo("612 k");
        assertThat(Engineering.format(4.2)).isEqualTo("4.20");
        assertThat(Engineering.format(0.0042)).isEqualTo("4.20 m");
        assertThat(Engineering.format(-2.5e-6)).isEqualTo("-2.50 µ");
        assertThat(Engineering.format(999_700)).isEqualTo("1.00 M"); // rounding carries into the next prefix
        assertThat(Engineering.format(0)).isEqualTo("0");
        assertThat(Engineering.format(Double.NaN)).isEqualTo("–");
        assertThat(Engineering.withUnit(1.15e9, "cell-steps/s")).isEqualTo("1.15 G cell-steps/s");
        assertThat(Engineering.withUnit(3.2, "GB/s")).isEqualTo("3.20 GB/s");
    }
}
