package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C loops of scripts/native-ceilings.c build with the repository's script and answer one ceiling at a time
 * (speeds are not asserted, only that a figure comes back and bad requests fail with a message). Skipped without
 * gcc (the native check is optional).
 */
class NativeCeilingsTest {
    @TempDir
    static Path build;

    static NativeCeilings natives;

    @BeforeAll
    static void buildLoops() {
        boolean gcc = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            gcc |= Files.isExecutable(Path.of(d, System.getenv().getOrDefault("CC", "gcc")));
        assumeTrue(gcc, "no gcc on PATH");
        natives = NativeCeilings.build(Path.of("."), build);
    }

    @Test
    void everyKindGivesAPositiveFigure() {
        for (String kind : new String[] {"fma-f64", "fma-f32"})
            assertThat(natives.measure(kind, 1, 0)).as(kind).isPositive().isFinite();
        // small arrays (in L1/L2): the per-level read and a triad, quick to run
        assertThat(natives.measure("read", 1, 1000)).isPositive().isFinite();
        assertThat(natives.measure("triad", 2, 1000)).isPositive().isFinite();
        assertThat(natives.compiler()).contains("-O3 -march=native");
    }

    @Test
    void badRequestsFailWithTheirReason() {
        assertThatThrownBy(() -> natives.measure("fma-f16", 1, 0)).isInstanceOf(CeilingProbeException.class)
            .hasMessageContaining("fma-f16").hasMessageContaining("usage");
        assertThatThrownBy(() -> natives.measure("read", 1, 10)).isInstanceOf(CeilingProbeException.class)
            .hasMessageContaining("ELEMENTS must be at least 64");
        assertThatThrownBy(() -> natives.measure("read", 0, 1000)).isInstanceOf(CeilingProbeException.class)
            .hasMessageContaining("THREADS must be 1 ... 256");
    }

    @Test
    void aMissingScriptIsNamed(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> NativeCeilings.build(elsewhere, elsewhere.resolve("b")))
            .isInstanceOf(CeilingProbeException.class).hasMessageContaining("scripts/native-ceilings.sh");
    }
}
