package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

class AparapiProviderTest {
    private final AparapiProvider provider = new AparapiProvider();

    @Test
    void probeAgreesWithTheOpenCLInventory() {
        Availability a = provider.probe();
        OpenCLInventory inv = OpenCLInventory.get();
        assertThat(provider.backend()).isEqualTo(Backend.APARAPI);
        if (inv.available()) {
            assertThat(a.available()).isTrue();
            assertThat(a.reason()).contains("OpenCL devices: ").contains(inv.summary());
        } else if (!"jtp".equals(System.getProperty(AparapiProvider.DEVICE_PROPERTY))) {
            assertThat(a.available()).isFalse();
            assertThat(a.reason()).startsWith("no OpenCL platform (").contains(inv.reason());
        }
    }

    @Test
    void environmentListsEveryPlatformAndDevice() {
        Map<String, String> env = provider.environment();
        OpenCLInventory inv = OpenCLInventory.get();
        assertThat(env).containsEntry("aparapi.version", "3.0.0")
            .containsEntry("opencl.available", Boolean.toString(inv.available()))
            .containsEntry("opencl.platforms", Integer.toString(inv.platforms().size()));
        for (int i = 0; i < inv.platforms().size(); i++) {
            String pk = "opencl.platform." + i + ".";
            assertThat(env).containsKeys(pk + "name", pk + "vendor", pk + "version");
            for (int j = 0; j < inv.platforms().get(i).getOpenCLDevices().size(); j++) {
                String dk = pk + "device." + j + ".";
                assertThat(env).containsKeys(dk + "name", dk + "vendor", dk + "type", dk + "computeUnits",
                    dk + "maxWorkGroupSize", dk + "globalMemBytes", dk + "fp64");
                assertThat(Long.parseLong(env.get(dk + "globalMemBytes"))).isPositive();
                assertThat(env.get(dk + "fp64")).matches("yes|no \\(.*\\)|unknown \\(.*\\)");
            }
        }
    }

    @Test
    void environmentRecordsThePoclSettingsInEffect() {
        Map<String, String> pocl = AparapiTarget.poclSettings(System.getenv());
        assertThat(provider.environment()).containsEntry("pocl.settings",
            pocl.isEmpty() ? "none set" : AparapiTarget.settingsSuffix(pocl).trim());
    }

    @Test
    void poclSettingsKeepOnlyPoclVariablesThatAreSet() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HOME", "/root");
        env.put("POCL_DEBUG", "all"); // diagnostics only: not a setting
        assertThat(AparapiTarget.poclSettings(env)).isEmpty();
        assertThat(AparapiTarget.settingsSuffix(AparapiTarget.poclSettings(env))).isEmpty();
        env.put("POCL_MAX_PTHREAD_COUNT", "2");
        env.put("POCL_WORK_GROUP_METHOD", "cbs");
        assertThat(AparapiTarget.poclSettings(env)).containsExactly(
            Map.entry("POCL_WORK_GROUP_METHOD", "cbs"), Map.entry("POCL_MAX_PTHREAD_COUNT", "2"));
        assertThat(AparapiTarget.settingsSuffix(AparapiTarget.poclSettings(env)))
            .isEqualTo(" [POCL_WORK_GROUP_METHOD=cbs, POCL_MAX_PTHREAD_COUNT=2]");
    }

    @Test
    void anUnknownDeviceSelectorNamesTheChoices() {
        assertThatThrownBy(() -> AparapiTarget.select("tpu"))
            .isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("device")
            .hasMessageContaining(List.of("gpu", "cpu", "any", "jtp").toString());
    }

    @Test
    void theThreadPoolRunsOnlyWhenAskedForAndSaysSo() {
        QuadraticModes s = new QuadraticModes(List.of(Mode.of(1, 0, 1)), NoiseLaw.GAUSSIAN, 0.1, 5, 9, 0, 1);
        try (SgdEnsembleKernel k = provider.sgdEnsemble(s, Precision.F32, 1, new KernelOptions(3, "jtp"))) {
            assertThat(k.device()).isEqualTo("Java thread pool (JTP)");
            assertThat(k.threads()).isEqualTo(3);
            k.reset();
            k.advance(2);
            assertThat(k.stepsDone()).isEqualTo(2);
        }
    }
}
