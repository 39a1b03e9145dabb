package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.hardware.Ceilings;

/** Stored ceilings are reused only when they are trustworthy and thorough enough. */
class ProfilingTest {
    static Ceilings.ThreadPair pair(String flag) {
        Ceilings.Measurement m = new Ceilings.Measurement(10, null, "GB/s", 1, "b.readSum", 1, 1, "x", 2, 0.3, flag);
        return new Ceilings.ThreadPair(m, m);
    }

    static Ceilings ceilings(String mode, String flag, boolean levels) {
        Ceilings.ThreadPair ok = pair("");
        return new Ceilings(mode, 2, "t", "1.37", "s", ok, pair(flag), new Ceilings.FmaPeak(null, ok),
            new Ceilings.FmaPeak(null, ok), levels ? List.of(new Ceilings.CacheLevel("L1", 1 << 15, false, ok)) : List.of());
    }

    @Test
    void flaggedQuickOrOldCeilingsAreMeasuredAgain() {
        assertThat(Profiling.reuseRefusal(ceilings("quick", "", true), true)).isNull();
        assertThat(Profiling.reuseRefusal(ceilings("full", "", true), false)).isNull();
        assertThat(Profiling.reuseRefusal(ceilings("quick", "", true), false)).contains("quick");
        assertThat(Profiling.reuseRefusal(ceilings("full", "forks 30 % apart", true), true)).contains("flagged")
            .contains("forks 30 % apart");
        assertThat(Profiling.reuseRefusal(ceilings("full", "", false), true)).contains("cache-level");
        assertThat(Profiling.reuseRefusal(null, true)).isNotNull();
    }

    @Test
    void deviceCeilingsOfAnOlderProbeAreMeasuredAgain() {
        Ceilings none = ceilings("quick", "", true);
        assertThat(Profiling.deviceCeilingsReusable(none)).isFalse();
        String current = "best of 5 launches; read: … " + org.sgdbench.kernel.aparapi.DeviceCeilingProbe.BOTH_PATTERNS
            + ": grid-strided 1.4 GB/s, blocked 30 GB/s";
        Ceilings.Device now = new Ceilings.Device("OpenCL CPU: pocl", 100, 50.0, 30, "t", current);
        Ceilings.Device old = new Ceilings.Device("OpenCL CPU: pocl", 100, 50.0, 1.4, "t",
            "read: one float array of 134 MB read once per launch by 8192 work-items (grid-strided)");
        assertThat(Profiling.deviceCeilingsReusable(none.withDevices(List.of(now)))).isTrue();
        assertThat(Profiling.deviceCeilingsReusable(none.withDevices(List.of(old)))).isFalse();
        assertThat(Profiling.deviceCeilingsReusable(none.withDevices(List.of(now, old)))).isFalse();
    }
}
