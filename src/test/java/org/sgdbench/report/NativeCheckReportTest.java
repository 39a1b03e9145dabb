package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.hardware.Ceilings;

/** The native check's table marks each ceiling within, above or below native C, and its verdict counts them. */
class NativeCheckReportTest {
    @Test
    void marksEachCeilingAndCountsThoseOutside() {
        Ceilings.NativeCheck check = new Ceilings.NativeCheck("gcc 12, -O3 -march=native -fopenmp", "t", 0.10, List.of(
            Ceilings.NativeRow.of("F32 FMA", 1, "GFLOP/s", 270, 265, 275),
            Ceilings.NativeRow.of("read, L2", 2, "GB/s", 500, 440, 450),
            Ceilings.NativeRow.of("triad", 1, "GB/s", 38, 45, 46)));
        String md = NativeCheckReport.markdown(check);
        assertThat(md).contains("| F32 FMA | 1 | 265 GFLOP/s | 270 GFLOP/s | 275 GFLOP/s | – | 1.00 | 4 % | within |");
        assertThat(md).contains("| read, L2 | 2 |").contains("| 1.12 |").contains("**above C**");
        assertThat(md).contains("| triad | 1 |").contains("| 0.84 |").contains("**below C**");
        assertThat(md).contains("2 of 3 ceilings more than 10 % from native C");
        // a recheck that reached the suite's figure: within, and shown
        Ceilings.NativeCheck rechecked = new Ceilings.NativeCheck("cc", "t", 0.10, List.of(
            Ceilings.NativeRow.of("triad", 2, "GB/s", 107, 52.3, 51.3, 110.0)));
        assertThat(NativeCheckReport.markdown(rechecked)).contains("| 110 GB/s | 0.97 |").contains("| within |");
        Ceilings.NativeCheck good = new Ceilings.NativeCheck("cc", "t", 0.10, List.of(check.rows().get(0)));
        assertThat(NativeCheckReport.markdown(good)).contains("All 1 ceilings within 10 % of native C");
    }
}
