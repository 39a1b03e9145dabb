package org.sgdbench.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.BackendUnavailableException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** Probing and the width override (the tests run with --add-modules jdk.incubator.vector, see the pom). */
class SimdProviderTest {
    private static final QuadraticModes SPEC =
        new QuadraticModes(java.util.List.of(Mode.of(1, 0, 1)), NoiseLaw.GAUSSIAN, 0.1, 1, 4, 0, 1);

    @Test
    void isAvailableThroughTheBackendEnumAndStatesThePreferredSpecies() {
        Availability a = Backend.SIMD.availability();
        assertThat(a.available()).as(a.reason()).isTrue();
        assertThat(a.reason()).startsWith("FloatVector.SPECIES_PREFERRED = " + SimdLanes.PREFERRED_BITS + " bits");
        assertThat(Backend.SIMD.require()).isInstanceOf(SimdProvider.class);
    }

    @Test
    void environmentRecordsWidthLanesAndOverride() {
        Map<String, String> env = new SimdProvider().environment();
        assertThat(env).containsEntry("simd.preferredBits", Integer.toString(SimdLanes.PREFERRED_BITS))
            .containsEntry("simd.bits", Integer.toString(SimdLanes.BITS))
            .containsEntry("simd.f32Lanes", Integer.toString(SimdLanes.BITS / 32))
            .containsEntry("simd.i32Lanes", Integer.toString(SimdLanes.BITS / 32))
            .containsEntry("simd.f64Lanes", Integer.toString(SimdLanes.BITS / 64))
            .containsKey("simd.bitsOverride");
    }

    @Test
    void aForcedWidthIsRecordedInProbeEnvironmentAndDevice() {
        BackendProvider p = SimdWidths.provider(128);
        assertThat(p.probe().available()).isTrue();
        assertThat(p.probe().reason()).contains("forced to 128 bits by -Dsgdbench.simd.bits=128");
        assertThat(p.environment()).containsEntry("simd.bits", "128").containsEntry("simd.bitsOverride", "128")
            .containsEntry("simd.f32Lanes", "4");
        try (var k = p.sgdEnsemble(SPEC, Precision.F32, 1, KernelOptions.singleThread())) {
            assertThat(k.device()).isEqualTo("SIMD 128-bit (4×f32)");
        }
    }

    @Test
    void anInvalidWidthMakesTheBackendUnavailableWithTheReason() {
        BackendProvider p = SimdWidths.provider("300");
        assertThat(p.probe().available()).isFalse();
        assertThat(p.probe().reason()).contains("sgdbench.simd.bits=300").contains("128, 256, 512");
        assertThat(p.environment()).containsEntry("simd.available", "false");
        assertThatThrownBy(() -> p.sgdEnsemble(SPEC, Precision.F32, 1, KernelOptions.singleThread()))
            .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("128, 256, 512");
        assertThatThrownBy(() -> p.noiseFiller(SPEC, Precision.F32, 1, KernelOptions.singleThread()))
            .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("128, 256, 512");
    }

    @Test
    void aWidthBeyondTheHardwareIsRefusedRatherThanRunInTheJavaFallback() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SimdLanes.PREFERRED_BITS < 512, "512-bit hardware");
        Availability a = SimdWidths.provider(512).probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("exceeds the hardware's preferred vector size");
    }
}
