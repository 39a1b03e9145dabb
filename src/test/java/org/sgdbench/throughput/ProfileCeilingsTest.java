package org.sgdbench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.hardware.Ceilings;

/** Which measured ceiling judges which row: FMA peak or the bandwidth of the level the working set fits in. */
class ProfileCeilingsTest {
    static Ceilings.ThreadPair pair(double one, double all, String unit) {
        return new Ceilings.ThreadPair(new Ceilings.Measurement(one, null, unit, 1, "b", 1, 1, "x"),
            new Ceilings.Measurement(all, null, unit, 2, "b", 1, 1, "x"));
    }

    static final Ceilings C = new Ceilings("quick", 2, "2026-01-01T00:00:00Z", "1.37", "s", pair(10, 15, "GB/s"),
        pair(12, 20, "GB/s"), new Ceilings.FmaPeak(pair(60, 120, "GFLOP/s"), pair(8, 16, "GFLOP/s")),
        new Ceilings.FmaPeak(pair(120, 240, "GFLOP/s"), pair(8, 16, "GFLOP/s")), List.of(
            new Ceilings.CacheLevel("L1", 48 << 10, false, pair(200, 400, "GB/s")),
            new Ceilings.CacheLevel("L2", 2 << 20, false, pair(100, 200, "GB/s")),
            new Ceilings.CacheLevel("L3", 32 << 20, true, pair(50, 90, "GB/s"))));

    /** A memory-bound sweep whose one operation moves {@code bytes}. */
    static DeclaredWork sweep(double bytes) { return new DeclaredWork("cell-steps", 1000, 2, bytes / 1000, DeclaredWork.Bound.MEMORY); }

    @Test
    void memoryBoundRowsAreJudgedAgainstTheLevelTheirWorkingSetFitsIn() {
        Ceiling c = ProfileCeilings.of(C);
        assertThat(c.lookup(sweep(40e3), "scalar", "Java scalar", "F64", 1).value()).isEqualTo(200);
        assertThat(c.lookup(sweep(40e3), "scalar", "Java scalar", "F64", 1).name()).startsWith("L1 read bandwidth, 1 thread");
        assertThat(c.lookup(sweep(1.6e6), "simd", "AVX-512", "F64", 1).name()).startsWith("L2 read bandwidth");
        // 3 MB over 2 threads: 1.5 MB each fits each core's L2
        assertThat(c.lookup(sweep(3e6), "simd", "AVX-512", "F64", 2).value()).isEqualTo(200);
        // 20 MB: beyond L2, within the L3 (split: 10 MB each of a 16 MB share)
        assertThat(c.lookup(sweep(20e6), "simd", "AVX-512", "F64", 2).value()).isEqualTo(90);
        Ceiling.Value mem = c.lookup(sweep(200e6), "simd", "AVX-512", "F64", 2);
        assertThat(mem.value()).isEqualTo(20);
        assertThat(mem.name()).startsWith("memory read bandwidth, 2 threads");
    }

    @Test
    void computeBoundRowsGetTheBestFmaPeakOfTheirPrecisionAndThreads() {
        Ceiling c = ProfileCeilings.of(C);
        DeclaredWork compute = new DeclaredWork("walker-mode-steps", 1, 88, 2, DeclaredWork.Bound.COMPUTE);
        assertThat(c.lookup(compute, "scalar", "Java scalar", "F32", 1).value()).isEqualTo(120);
        assertThat(c.lookup(compute, "scalar", "Java scalar", "F64", 2).value()).isEqualTo(120);
        assertThat(c.lookup(compute, "scalar", "Java scalar", "F64", 2).name()).isEqualTo("F64 FMA peak, 2 threads");
    }

    @Test
    void gpuRowsGetNoCpuCeilingWhileAnOpenClCpuDeviceDoes() {
        Ceiling c = ProfileCeilings.of(C);
        assertThat(c.lookup(sweep(40e3), "aparapi", "OpenCL GPU: NVIDIA H200 (NVIDIA Corporation)", "F32", 2)).isNull();
        assertThat(c.lookup(sweep(40e3), "aparapi", "OpenCL CPU: pthread-znver4 (The pocl project)", "F32", 2)).isNotNull();
        assertThat(ProfileCeilings.of(null).lookup(sweep(1), "scalar", "x", "F64", 1)).isNull();
    }

    @Test
    void profilesWithoutCacheLevelsFallBackToMemoryBandwidth() {
        Ceilings old = new Ceilings("quick", 2, "t", "1.37", "s", pair(10, 15, "GB/s"), pair(12, 20, "GB/s"),
            new Ceilings.FmaPeak(null, pair(8, 16, "GFLOP/s")), new Ceilings.FmaPeak(null, pair(8, 16, "GFLOP/s")));
        assertThat(ProfileCeilings.of(old).lookup(sweep(40e3), "scalar", "x", "F64", 1).name()).isEqualTo("memory read bandwidth, 1 thread");
    }

    @Test
    void openClRowsAreJudgedAgainstTheirDevicesOwnCeilings() {
        String gpu = "OpenCL GPU: NVIDIA H200 (NVIDIA Corporation)", pocl = "OpenCL CPU: cpu-znver4 (The pocl project)";
        Ceiling c = ProfileCeilings.of(C.withDevices(List.of(
            new Ceilings.Device(gpu, 60_000, 30_000.0, 4_000, "t", "x"),
            new Ceilings.Device(pocl, 100, null, 14, "t", "x"))));
        DeclaredWork compute = new DeclaredWork("walker-mode-steps", 1, 88, 2, DeclaredWork.Bound.COMPUTE);
        assertThat(c.lookup(compute, "aparapi", gpu, "F32", 2).value()).isEqualTo(60_000);
        assertThat(c.lookup(compute, "aparapi", gpu, "F64", 2).value()).isEqualTo(30_000);
        assertThat(c.lookup(sweep(40e3), "aparapi", gpu, "F32", 2).value()).isEqualTo(4_000);
        assertThat(c.lookup(sweep(40e3), "aparapi", gpu, "F32", 2).name()).contains("OpenCL GPU device");
        // no double precision measured on that device: no ceiling rather than a wrong one
        assertThat(c.lookup(compute, "aparapi", pocl, "F64", 2)).isNull();
        assertThat(c.lookup(compute, "aparapi", pocl, "F32", 2).value()).isEqualTo(100);
        // an OpenCL CPU device: cache levels of the CPU, memory of the device
        assertThat(c.lookup(sweep(40e3), "aparapi", pocl, "F32", 2).value()).isEqualTo(400);
        assertThat(c.lookup(sweep(200e6), "aparapi", pocl, "F32", 2).value()).isEqualTo(14);
        // other backends keep the CPU's
        assertThat(c.lookup(sweep(200e6), "simd", "AVX-512", "F32", 2).value()).isEqualTo(20);
    }

    @Test
    void anAllThreadFigureBelowTheOneThreadOneIsNoiseNotACeiling() {
        Ceilings noisy = new Ceilings("quick", 2, "t", "1.37", "s", pair(10, 15, "GB/s"), pair(12, 20, "GB/s"),
            new Ceilings.FmaPeak(null, pair(8, 5, "GFLOP/s")), new Ceilings.FmaPeak(null, pair(8, 16, "GFLOP/s")));
        DeclaredWork compute = new DeclaredWork("walker-mode-steps", 1, 88, 2, DeclaredWork.Bound.COMPUTE);
        assertThat(ProfileCeilings.of(noisy).lookup(compute, "scalar", "x", "F64", 2).value()).isEqualTo(8);
    }
}
