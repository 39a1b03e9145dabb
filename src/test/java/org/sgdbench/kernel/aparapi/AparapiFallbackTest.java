package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aparapi.Range;
import org.junit.jupiter.api.Test;

/**
 * Aparapi's silent fallback to the Java thread pool must surface as an error carrying Aparapi's reason: both
 * when translation fails in the explicit build and when a launch is attempted without one.
 */
class AparapiFallbackTest {
    @Test
    void aKernelThatCannotBeTranslatedFailsToBuildWithAparapisReason() {
        AparapiTarget target = AparapiTestDevice.openCL();
        UntranslatableKernel k = new UntranslatableKernel();
        assertThatThrownBy(() -> target.compile(k))
            .isInstanceOf(AparapiKernelException.class)
            .hasMessageContaining(target.description())
            .satisfies(e -> assertThat(((AparapiKernelException) e).reason()).isNotBlank());
    }

    @Test
    void aFailedLaunchOnTheChosenDeviceIsAnErrorWithAparapisReason() {
        AparapiTarget target = AparapiTestDevice.openCL();
        UntranslatableKernel k = new UntranslatableKernel();
        assertThatThrownBy(() -> target.execute(k, target.range(4, 1), 1))
            .isInstanceOf(AparapiKernelException.class)
            .hasMessageContaining("Device failed for UntranslatableKernel")
            .hasMessageContaining("no fallback");
    }

    @Test
    void aLaunchThatAparapiSilentlyRerunsOnTheThreadPoolIsAnError() {
        AparapiTarget target = AparapiTestDevice.openCL();
        UntranslatableKernel k = new UntranslatableKernel();
        // a range without a device: Aparapi takes the bound device, fails there and re-runs on its thread pool
        assertThatThrownBy(() -> target.execute(k, Range.create(4, 1), 1))
            .isInstanceOf(AparapiKernelException.class)
            .hasMessageContaining("Device failed for UntranslatableKernel")
            .hasMessageContaining("discarded");
        assertThat(k.out[3]).as("Aparapi did run it on the thread pool; the guard made that an error").isEqualTo(1.0f);
    }
}
