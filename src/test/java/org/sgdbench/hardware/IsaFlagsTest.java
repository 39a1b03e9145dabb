package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reduction of CPU feature flags to the SIMD-relevant ones, for x86, ARM and macOS spellings. */
class IsaFlagsTest {
    @Test
    void linuxX86FlagsLineIsReducedToSimdFlags() {
        String line = "flags\t\t: fpu vme sse sse2 ht pni ssse3 fma cx16 sse4_1 sse4_2 avx f16c smep bmi2 avx2 "
            + "avx512f avx512dq avx512_bf16 avx_vnni amx_tile sse4a fma4 md_clear";
        assertThat(IsaFlags.simdRelevant(List.of(line))).containsExactly(
            "amx_tile", "avx", "avx2", "avx512_bf16", "avx512dq", "avx512f", "avx_vnni", "f16c", "fma", "fma4",
            "sse", "sse2", "sse3", "sse4_1", "sse4_2", "sse4a", "ssse3");
    }

    @Test
    void linuxArmFeaturesAreReduced() {
        String line = "Features\t: fp asimd evtstrm aes pmull sha1 asimdhp cpuid asimdrdm asimddp sve sve2 i8mm bf16 sme2 fphp";
        assertThat(IsaFlags.simdRelevant(List.of(line))).containsExactly(
            "asimd", "asimddp", "asimdhp", "asimdrdm", "bf16", "fphp", "i8mm", "sme2", "sve", "sve2");
    }

    @Test
    void macSysctlNamesAreReducedAndAbsentFeaturesSkipped() {
        List<String> lines = List.of("hw.optional.avx2_0: 1", "hw.optional.avx512f: 0", "hw.optional.neon: 1",
            "hw.optional.arm.FEAT_BF16: 1");
        assertThat(IsaFlags.simdRelevant(lines)).containsExactly("avx2", "bf16", "neon");
    }

    @Test
    void procCpuinfoFallbackReadsFlagsLines(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: X avx\nflags\t\t: fpu sse2 avx2\n\n");
        assertThat(IsaFlags.simdRelevant(IsaFlags.procCpuinfoFeatureLines(cpuinfo))).containsExactly("avx2", "sse2");
        assertThat(IsaFlags.procCpuinfoFeatureLines(dir.resolve("missing"))).isEmpty();
    }
}
