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
        assertThat(r.accounting()).contains("best of 1 launches").contains(DeviceCeilingProbe.BOTH_PATTERNS);
    }

    @Test
    void blockedReadSumReadsEveryElementOnceWhateverTheChunkRemainder() {
        assumeTrue(DeviceCeilingProbe.openClAvailable(), "no OpenCL device");
        AparapiTarget t = AparapiTarget.select("any");
        for (int n : new int[] {1000, 1027, 64 * 17}) {
            float[] data = new float[n];
            for (int i = 0; i < n; i++) data[i] = 1f + (i & 1); // 1, 2, 1, 2, …
            CeilingKernels.BlockedReadSum k = new CeilingKernels.BlockedReadSum(data, 64);
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
            assertThat(sum).as("n = " + n).isEqualTo(n + n / 2);
        }
    }

    @Test
    void theReadArrayExceedsTheHostCachesOnACpuDeviceAndFitsTheDeviceAndHeap() {
        long llc = 32L << 20, gib = 1L << 30;
        // a CPU device: 4x the host's last-level cache (128 MB = 32 M floats) even when less is asked
        assertThat(DeviceCeilingProbe.readElements(1 << 20, true, llc, 8 * gib, 24 * gib, 6 * gib)).isEqualTo(32 << 20);
        // more asked than that: what is asked
        assertThat(DeviceCeilingProbe.readElements(64 << 20, true, llc, 8 * gib, 24 * gib, 6 * gib)).isEqualTo(64 << 20);
        // a GPU: its caches are not the host's, the minimum rules
        assertThat(DeviceCeilingProbe.readElements(1 << 20, false, llc, 8 * gib, 24 * gib, 6 * gib)).isEqualTo(1 << 20);
        // capped by the device's largest allocation, a quarter of its memory, a quarter of the heap
        assertThat(DeviceCeilingProbe.readElements(64 << 20, false, llc, 64L << 20, 24 * gib, 6 * gib)).isEqualTo(16 << 20);
        assertThat(DeviceCeilingProbe.readElements(64 << 20, false, llc, 8 * gib, 256L << 20, 6 * gib)).isEqualTo(16 << 20);
        assertThat(DeviceCeilingProbe.readElements(64 << 20, false, llc, 8 * gib, 24 * gib, 256L << 20)).isEqualTo(16 << 20);
        // unknown limits are ignored; never more than 2^30 floats, never less than 1024
        assertThat(DeviceCeilingProbe.readElements(Integer.MAX_VALUE, false, -1, 0, 0, 0)).isEqualTo(1 << 30);
        assertThat(DeviceCeilingProbe.readElements(10, false, -1, 0, 0, 0)).isEqualTo(1024);
        assertThat(DeviceCeilingProbe.readElements(5000, false, -1, 0, 0, 0) % 1024).isZero();
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
