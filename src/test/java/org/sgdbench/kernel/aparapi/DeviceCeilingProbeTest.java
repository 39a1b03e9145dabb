package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The device-ceiling kernels run on the OpenCL device (PoCL's CPU device here and in CI) and give finite, positive
 * figures; the kernels compute what they claim (checked on the device's own output). No speed is asserted.
 */
class DeviceCeilingProbeTest {
    @Test
    void measuresFmaPeakAndReadBandwidthOnTheDevice() {
        assumeTrue(DeviceCeilingProbe.openClAvailable(), "no OpenCL device");
        DeviceCeilingProbe.Result r = DeviceCeilingProbe.measure("any", 1 << 16, 1);
        assertThat(r.device()).startsWith("OpenCL ");
        assertThat(r.f32Gflops()).isPositive().isFinite();
        assertThat(r.readGBs()).isPositive().isFinite();
        assertThat(r.readBytes()).isEqualTo(4L << 16);
        if (OpenCLInventory.supportsFp64((com.aparapi.device.OpenCLDevice) AparapiTarget.select("any").device()))
            assertThat(r.f64Gflops()).isPositive().isFinite();
        else
            assertThat(r.f64Gflops()).isNaN();
        assertThat(r.accounting()).contains("best of 1 launches");
    }

    @Test
    void readSumReadsEveryElementOnce() {
        assumeTrue(DeviceCeilingProbe.openClAvailable(), "no OpenCL device");
        AparapiTarget t = AparapiTarget.select("any");
        float[] data = new float[1000];
        java.util.Arrays.fill(data, 1f);
        CeilingKernels.ReadSum k = new CeilingKernels.ReadSum(data, 64);
        boolean launched = false;
        try {
            k.setExplicit(true);
            t.put(k, data);
            t.execute(k, t.range(64, 64), 1);
            launched = true;
            t.get(k, k.out);
        } finally {
            t.dispose(k, launched);
        }
        double sum = 0;
        for (float v : k.out) sum += v;
        assertThat(sum).isEqualTo(1000.0);
    }
}
