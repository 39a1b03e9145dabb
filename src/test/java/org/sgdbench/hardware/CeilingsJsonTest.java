package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.results.Json;
import org.sgdbench.results.ThroughputRow;

/** Ceilings with forks, flags, cache levels and devices, and rows with samples, survive their JSON files. */
class CeilingsJsonTest {
    @Test
    void ceilingsRoundTripWithEveryNewField() throws Exception {
        Ceilings.Measurement m = new Ceilings.Measurement(12.5, 0.5, "GB/s", 2, "b.readSum", 10, 1.25e9, "read", 3,
            0.21, "forks 21 % apart");
        Ceilings.ThreadPair p = new Ceilings.ThreadPair(m, m);
        Ceilings c = new Ceilings("full", 2, "t", "1.37", "s", p, p, new Ceilings.FmaPeak(p, p), new Ceilings.FmaPeak(null, p),
            List.of(new Ceilings.CacheLevel("L2", 1 << 20, false, p)),
            List.of(new Ceilings.Device("OpenCL GPU: X (Y)", 1000, null, 500, "t", "how")));
        Ceilings back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(c), Ceilings.class);
        assertThat(back).isEqualTo(c);
        assertThat(back.nativeCheck()).isNull();
        Ceilings checked = c.withNativeCheck(new Ceilings.NativeCheck("gcc 12, -O3", "t", 0.1,
            List.of(Ceilings.NativeRow.of("read, L2", 2, "GB/s", 450, 400, 500))));
        Ceilings checkedBack = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(checked), Ceilings.class);
        assertThat(checkedBack).isEqualTo(checked);
        assertThat(checkedBack.nativeCheck().rows().get(0).ratio()).isEqualTo(1.0);
        assertThat(checkedBack.withDevices(List.of()).nativeCheck()).isEqualTo(checked.nativeCheck());
        assertThat(back.flagged()).hasSize(12).allMatch(f -> f.contains("forks 21 % apart"));
        // a profile written before these fields existed still reads, with none of them
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(c);
        tree.remove(List.of("cacheRead", "devices"));
        Ceilings legacy = Json.MAPPER.treeToValue(tree, Ceilings.class);
        assertThat(legacy.cacheRead()).isEmpty();
        assertThat(legacy.devices()).isEmpty();
    }

    @Test
    void throughputRowsKeepTheirSamplesAndOldRowsReadWithoutThem() throws Exception {
        ThroughputRow r = new ThroughputRow("k", "scalar", "F64", 1, "d", java.util.Map.of("cells", "4"), "cell-steps",
            2, 0.1, 1, 1, 1, 50, "c", org.sgdbench.results.Outcome.OK, "", new double[] {1.9, 2.0, 2.1});
        ThroughputRow back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(r), ThroughputRow.class);
        assertThat(back.samples()).containsExactly(1.9, 2.0, 2.1);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(r);
        tree.remove("samples");
        assertThat(Json.MAPPER.treeToValue(tree, ThroughputRow.class).samples()).isEmpty();
    }
}
