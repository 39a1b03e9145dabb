package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The tail-fit grid is sized from α: window two decades deep from min(10⁻³, 20^{−α}), edge 10⁻³ below it. */
class PowerTailGridTest {
    @Test
    void aHeavyTailGetsAWideGridAndTheShallowWindow() {
        GridSizing.TailGrid g = GridSizing.forPowerTail(1.93, 1.0, 1 << 20);
        assertThat(g.survivalHigh()).isEqualTo(1e-3);
        assertThat(g.survivalLow()).isCloseTo(1e-5, within(1e-18));
        assertThat(g.grid().hi()).isCloseTo(2 * Math.pow(1e-8, -1 / 1.93), within(1e-6));
        assertThat(g.grid().cells()).isBetween(70_000, 90_000);
        assertThat(g.capped()).isFalse();
    }

    @Test
    void aLightTailIsFittedTwentyBulkWidthsOut() {
        GridSizing.TailGrid g = GridSizing.forPowerTail(6.0, 1.0, 1 << 20);
        assertThat(g.survivalHigh()).isCloseTo(Math.pow(20, -6), within(1e-20));
        // the window's top radius is 20 scales; Δx = 20/50
        assertThat(g.grid().dx()).isCloseTo(0.4, within(0.01));
    }

    @Test
    void anIndexNearOneNeedsMoreCellsThanAllowedAndSaysSo() {
        GridSizing.TailGrid g = GridSizing.forPowerTail(1.0, 1.0, 1 << 20);
        assertThat(g.capped()).isTrue();
        assertThat(g.grid().cells()).isLessThanOrEqualTo((1 << 20) | 1);
    }
}
