package org.sgdbench.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GridTest {
    @Test
    void aGridOfZeroCellsIsRejectedNamingCells() {
        assertThatThrownBy(() -> new Grid1D(0, 1, 0))
            .isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("cells")
            .hasMessageContaining("[2, " + Grid.MAX_CELLS + "]")
            .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("cells"));
        assertThatThrownBy(() -> new Grid1D(0, 1, 1)).hasMessageContaining("cells");
        assertThatThrownBy(() -> new Grid1D(0, 1, Grid.MAX_CELLS + 1)).hasMessageContaining("cells");
    }

    @Test
    void boundsMustBeFiniteAndOrdered() {
        assertThatThrownBy(() -> new Grid1D(Double.NaN, 1, 10)).satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("lo"));
        assertThatThrownBy(() -> new Grid1D(0, Double.POSITIVE_INFINITY, 10)).satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("hi"));
        assertThatThrownBy(() -> new Grid1D(1, 1, 10)).satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("hi"));
        assertThatThrownBy(() -> new Grid1D(2, 1, 10)).hasMessageContaining("(lo = 2.0");
        assertThatThrownBy(() -> new Grid1D(-Double.MAX_VALUE, Double.MAX_VALUE, 10)).hasMessageContaining("hi - lo");
        assertThatThrownBy(() -> new Grid1D(1e10, 1e10 + 1e-3, 1000)).satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("cells"));
    }

    @Test
    void geometryOfCells() {
        Grid1D g = new Grid1D(-1, 1, 4);
        assertThat(g.dx()).isEqualTo(0.5);
        assertThat(g.centres()).containsExactly(-0.75, -0.25, 0.25, 0.75);
        assertThat(g.edge(0)).isEqualTo(-1);
        assertThat(g.edge(4)).isEqualTo(1);
        assertThat(Grid1D.centred(3, 2, 8)).isEqualTo(new Grid1D(1, 5, 8));
        assertThatThrownBy(() -> Grid1D.centred(0, 0, 8)).hasMessageContaining("halfWidth");
    }

    @Test
    void grid2DIndexesXFastestAndBoundsTheTotal() {
        Grid2D g = new Grid2D(new Grid1D(0, 3, 3), new Grid1D(0, 2, 2));
        assertThat(g.cells()).isEqualTo(6);
        assertThat(g.index(2, 1)).isEqualTo(5);
        assertThat(g.coordinate(5, 0)).isEqualTo(2.5);
        assertThat(g.coordinate(5, 1)).isEqualTo(1.5);
        assertThatThrownBy(() -> new Grid2D(new Grid1D(0, 1, 1 << 14), new Grid1D(0, 1, 1 << 13)))
            .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("cells"));
        assertThatThrownBy(() -> new Grid2D(null, new Grid1D(0, 1, 2))).hasMessageContaining("x");
    }
}
