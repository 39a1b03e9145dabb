package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The id format, its slugs, and which fields move its hash. */
class ProfileIdsTest {
    private static HardwareProfile.Cpu cpu(String model, long l3Bytes) {
        return new HardwareProfile.Cpu("GenuineIntel", model, "6", "143", "8", "Sapphire Rapids", 56, 112, 1,
            2_000_000_000L, List.of(
                new HardwareProfile.Cache(3, "UNIFIED", l3Bytes, 64, 15),
                new HardwareProfile.Cache(1, "DATA", 48 * 1024, 64, 12)));
    }

    private static final long MEM = 256L << 30;
    private static final List<String> ISA = List.of("avx2", "avx512f", "fma");

    @Test
    void idHasVendorModelTopologyMemoryAndHash() {
        String id = ProfileIds.of(cpu("Intel(R) Xeon(R) Platinum 8480+ CPU @ 2.00GHz", 105L << 20), MEM, ISA);
        assertThat(id).matches("intel-xeon-platinum-8480-56c112t-256g-[0-9a-f]{8}");
        assertThat(id).matches(ProfileIds.VALID);
    }

    @Test
    void vendorsAndModelsAreSlugged() {
        assertThat(ProfileIds.vendorSlug("AuthenticAMD")).isEqualTo("amd");
        assertThat(ProfileIds.vendorSlug("ARM")).isEqualTo("arm");
        assertThat(ProfileIds.vendorSlug("")).isEqualTo("unknown");
        assertThat(ProfileIds.modelSlug("AMD EPYC 9654 96-Core Processor", "amd")).isEqualTo("epyc-9654");
        assertThat(ProfileIds.modelSlug("Intel(R) Xeon(R) Processor", "intel")).isEqualTo("xeon");
        assertThat(ProfileIds.modelSlug("Apple M2 Max", "apple")).isEqualTo("m2-max");
        assertThat(ProfileIds.modelSlug("x".repeat(100), "v")).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void sameHardwareGivesTheSameIdAndMemoryJitterBelowHalfAGiBDoesNotMoveIt() {
        HardwareProfile.Cpu c = cpu("Xeon", 105L << 20);
        assertThat(ProfileIds.of(c, MEM, ISA)).isEqualTo(ProfileIds.of(cpu("Xeon", 105L << 20), MEM, List.copyOf(ISA)));
        assertThat(ProfileIds.of(c, MEM - (200L << 20), ISA)).isEqualTo(ProfileIds.of(c, MEM, ISA));
    }

    @Test
    void differentHardwareGetsADifferentHash() {
        String base = ProfileIds.of(cpu("Xeon", 105L << 20), MEM, ISA);
        assertThat(ProfileIds.of(cpu("Xeon", 60L << 20), MEM, ISA)).isNotEqualTo(base);
        assertThat(ProfileIds.of(cpu("Xeon", 105L << 20), MEM, List.of("avx2", "fma"))).isNotEqualTo(base);
        assertThat(ProfileIds.of(cpu("Xeon", 105L << 20), MEM * 2, ISA)).isNotEqualTo(base);
    }
}
