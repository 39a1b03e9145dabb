package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void rendersMarkdownAndQuotesCsv() {
        Table t = new Table(List.of("a", "b")).add(List.of("x|y", "1,5")).add(List.of("q\"r", "2"));
        assertThat(t.markdown()).contains("| a | b |").contains("|---|---|").contains("x\\|y");
        assertThat(t.csv()).isEqualTo("a,b\r\nx|y,\"1,5\"\r\n\"q\"\"r\",2\r\n");
        assertThatThrownBy(() -> t.add(List.of("only one"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsNumbers() {
        assertThat(Table.num(Double.NaN)).isEqualTo("–");
        assertThat(Table.num(1234.5678)).isEqualTo("1235");
        assertThat(Table.num(1.5e9)).isEqualTo("1.500e+09");
        assertThat(Table.num(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }
}
