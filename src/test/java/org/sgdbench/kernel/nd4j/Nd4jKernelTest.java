package org.sgdbench.kernel.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.sgdbench.kernel.AbstractSgdEnsemble;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.kernel.scalar.ScalarNoiseFiller;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** ND4J-specific behaviour beyond the contracts: noise generator choice, threads, divergence, CSR edge cases. */
class Nd4jKernelTest {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    private static QuadraticModes spec(int walkers, NoiseLaw law, double eta, Mode... modes) {
        return new QuadraticModes(List.of(modes), law, eta, 10, walkers, 0.0, 1.0);
    }

    @Test
    void usesTheSimdNoiseGeneratorWhenTheSimdBackendIsAvailableAndSaysSo() {
        QuadraticModes s = spec(64, NoiseLaw.GAUSSIAN, 0.1, Mode.of(1, 0, 1));
        // the test JVM runs with the Vector API module (see the pom): the SIMD generator must be the one picked
        assertThat(Backend.SIMD.availability().available()).as(Backend.SIMD.availability().reason()).isTrue();
        String expected;
        try (NoiseFiller f = Backend.SIMD.require().noiseFiller(s, Precision.F32, 1, KernelOptions.singleThread())
            .orElseThrow()) {
            expected = f.name();
        }
        assertThat(expected).startsWith("SIMD ");
        try (SgdEnsembleKernel k = new Nd4jProvider().sgdEnsemble(s, Precision.F32, 1, KernelOptions.singleThread())) {
            assertThat(k.device()).contains("op threads (OpenMP wait ").endsWith("noise: " + expected + " on 1 Java thread");
        }
        assertThat(new Nd4jProvider().environment()).containsEntry("nd4j.noise", expected)
            .containsEntry("nd4j.noise.choice", "SIMD backend available: its vector generator");
    }

    @Test
    void theNoiseGeneratorChangesNothingButSpeed() {
        // The same ensemble with the scalar generator given explicitly: bit-identical states at any thread count.
        QuadraticModes s = spec(2 * AbstractSgdEnsemble.BLOCK + 7, NoiseLaw.GAUSSIAN, 0.1, Mode.of(1, 0.5, 1),
            Mode.of(0.3, 0, 2));
        int n = s.walkers();
        for (Precision p : Precision.values()) {
            try (SgdEnsembleKernel fast = new Nd4jSgdEnsemble(s, p, 9, new KernelOptions(2, "any"));
                 SgdEnsembleKernel scalar = new Nd4jSgdEnsemble(s, p, 9, KernelOptions.singleThread(),
                     new ScalarNoiseFiller(s, 9, 1))) {
                assertThat(scalar.device()).endsWith("noise: scalar Philox4x32-10 on 1 Java thread");
                assertThat(fast.device()).endsWith(" on 2 Java threads");
                fast.reset();
                scalar.reset();
                fast.advance(6);
                scalar.advance(6);
                double[] xa = new double[n], pa = new double[n], xb = new double[n], pb = new double[n];
                for (int m = 0; m < 2; m++) {
                    fast.readState(m, xa, pa);
                    scalar.readState(m, xb, pb);
                    assertThat(xa).as("%s mode %d x", p, m).containsExactly(xb);
                    assertThat(pa).as("%s mode %d prev", p, m).containsExactly(pb);
                }
            }
        }
    }

    @Test
    void perModeRowOpsAndBroadcastOpsGiveBitIdenticalTrajectories() {
        // A walker's noise depends on its index only, not on N: walkers 0 … N−2 of an ensemble of N − 1 walkers
        // (broadcast ops) and of N walkers (one scalar op per mode row) must follow the same trajectories.
        int n = Nd4jSgdEnsemble.PER_MODE_OPS_MIN_WALKERS;
        Mode[] modes = {Mode.of(1, 0.5, 1), Mode.of(0.3, 0.1, 2), Mode.of(1.7, 0, 0.5)};
        for (Precision p : Precision.values()) {
            try (SgdEnsembleKernel broadcast = new Nd4jSgdEnsemble(spec(n - 1, NoiseLaw.GAUSSIAN, 0.1, modes), p, 4,
                     KernelOptions.singleThread());
                 SgdEnsembleKernel rows = new Nd4jSgdEnsemble(spec(n, NoiseLaw.GAUSSIAN, 0.1, modes), p, 4,
                     KernelOptions.singleThread())) {
                broadcast.reset();
                rows.reset();
                broadcast.advance(8);
                rows.advance(8);
                double[] xa = new double[n - 1], pa = new double[n - 1], xb = new double[n], pb = new double[n];
                for (int m = 0; m < modes.length; m++) {
                    broadcast.readState(m, xa, pa);
                    rows.readState(m, xb, pb);
                    assertThat(java.util.Arrays.copyOf(xb, n - 1)).as("%s mode %d x", p, m).containsExactly(xa);
                    assertThat(java.util.Arrays.copyOf(pb, n - 1)).as("%s mode %d prev", p, m).containsExactly(pa);
                    assertThat(xa).as("the step moved the walkers").isNotEqualTo(pa);
                }
            }
        }
    }

    @Test
    void walkerBlocksOnSeveralThreadsGiveTheOneThreadTrajectoriesBitForBit() {
        // Three blocks (the last one shorter) on three Java threads against one block with OpenMP op threads.
        int n = 3 * Nd4jSgdEnsemble.MIN_BLOCK_WALKERS + 5;
        assertThat(Nd4jSgdEnsemble.blockCount(n, 3)).isEqualTo(3);
        assertThat(Nd4jSgdEnsemble.blockCount(n, 8)).isEqualTo(3);
        assertThat(Nd4jSgdEnsemble.blockCount(n, 1)).isEqualTo(1);
        assertThat(Nd4jSgdEnsemble.blockCount(Nd4jSgdEnsemble.MIN_BLOCK_WALKERS - 1, 4)).isEqualTo(1);
        QuadraticModes s = spec(n, NoiseLaw.GAUSSIAN, 0.1, Mode.of(1, 0.5, 1), Mode.of(0.3, 0, 2));
        for (Precision p : Precision.values()) {
            try (SgdEnsembleKernel blocks = new Nd4jSgdEnsemble(s, p, 3, new KernelOptions(3, "any"));
                 SgdEnsembleKernel one = new Nd4jSgdEnsemble(s, p, 3, KernelOptions.singleThread())) {
                assertThat(blocks.device()).contains("3 walker blocks on 3 Java threads, single-threaded ops");
                assertThat(one.device()).contains("1 op threads");
                blocks.reset();
                one.reset();
                blocks.advance(5);
                one.advance(5);
                blocks.advance(2); // prev is kept on the last step of each call
                one.advance(2);
                assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
                double[] xa = new double[n], pa = new double[n], xb = new double[n], pb = new double[n];
                for (int m = 0; m < 2; m++) {
                    blocks.readState(m, xa, pa);
                    one.readState(m, xb, pb);
                    assertThat(xa).as("%s mode %d x", p, m).containsExactly(xb);
                    assertThat(pa).as("%s mode %d prev", p, m).containsExactly(pb);
                    assertThat(xa).as("the step moved the walkers").isNotEqualTo(pa);
                }
                blocks.reset(); // reset reloads every block
                blocks.readState(1, xa, pa);
                one.reset();
                one.readState(1, xb, pb);
                assertThat(xa).containsExactly(xb);
            }
        }
    }

    @Test
    void nd4jOffersNoNoiseFillerOfItsOwn() {
        QuadraticModes s = spec(4, NoiseLaw.GAUSSIAN, 0.1, Mode.of(1, 0, 1));
        assertThat(new Nd4jProvider().noiseFiller(s, Precision.F32, 1, KernelOptions.singleThread())).isEmpty();
    }

    @Test
    void advanceAppliesTheKernelsThreadCountToNd4j() {
        QuadraticModes s = spec(64, NoiseLaw.GAUSSIAN, 0.1, Mode.of(1, 0, 1));
        try (SgdEnsembleKernel k = new Nd4jSgdEnsemble(s, Precision.F32, 1, new KernelOptions(3, "any"))) {
            k.reset();
            k.advance(1);
            int expected = Math.min(3, Nd4j.getEnvironment().maxThreads());
            assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(expected);
            assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(3);
            assertThat(k.threads()).isEqualTo(3);
            assertThat(k.device()).contains(expected + " op threads");
        }
        try (SgdEnsembleKernel k = new Nd4jSgdEnsemble(s, Precision.F32, 1, KernelOptions.singleThread())) {
            k.reset();
            k.advance(1);
            assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
            assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
        }
    }

    @Test
    void aSingleModeMatchesTheReferenceAtDegenerateShapes() {
        // [1, N] arrays with a [1] parameter vector: the broadcast must still go along the mode dimension.
        for (int n : new int[] {1, 5}) {
            QuadraticModes s = spec(n, NoiseLaw.GAUSSIAN, 0.2, Mode.of(1.5, 0.4, 0.7));
            for (Precision p : Precision.values()) {
                try (SgdEnsembleKernel ref = new org.sgdbench.kernel.scalar.ScalarProvider().sgdEnsemble(s, p, 5, KernelOptions.singleThread());
                     SgdEnsembleKernel k = new Nd4jSgdEnsemble(s, p, 5, KernelOptions.singleThread())) {
                    ref.reset();
                    k.reset();
                    ref.advance(20);
                    k.advance(20);
                    double[] xr = new double[n], pr = new double[n], xk = new double[n], pk = new double[n];
                    ref.readState(0, xr, pr);
                    k.readState(0, xk, pk);
                    double tol = p == Precision.F64 ? Nd4jSgdEnsemble.TOLERANCE_F64 : Nd4jSgdEnsemble.TOLERANCE_F32;
                    for (int i = 0; i < n; i++) {
                        assertThat(Math.abs(xk[i] - xr[i]) / (1 + Math.abs(xr[i]))).isLessThanOrEqualTo(tol);
                        assertThat(xk[i]).isNotEqualTo(pk[i]);
                    }
                }
            }
        }
    }

    @Test
    void anUnstableModeDivergesToNonFiniteValuesWithoutAnError() {
        // ηλ = 50 > 2: |1 − ηλ| = 49 per step overflows F32 after ~25 steps and F64 after ~200.
        QuadraticModes s = spec(16, NoiseLaw.GAUSSIAN, 1.0, Mode.of(50, 0, 1));
        for (Precision p : Precision.values()) {
            try (SgdEnsembleKernel k = new Nd4jSgdEnsemble(s, p, 3, KernelOptions.singleThread())) {
                k.reset();
                k.advance(400);
                double[] x = new double[16], prev = new double[16];
                k.readState(0, x, prev);
                for (double v : x) assertThat(Double.isFinite(v)).as("%s walker value %s", p, v).isFalse();
            }
        }
    }

    @Test
    void closedEnsembleRefusesToTouchFreedMemory() {
        SgdEnsembleKernel k = new Nd4jSgdEnsemble(spec(8, NoiseLaw.GAUSSIAN, 0.1, Mode.of(1, 0, 1)), Precision.F64, 1,
            KernelOptions.singleThread());
        k.reset();
        k.close();
        assertThatThrownBy(() -> k.readState(0, new double[8], new double[8])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> k.advance(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyRowsIncludingTrailingOnesGetZeroMass() {
        // 5×5, rows 1, 3 and 4 empty: the padded ELL rows must still produce 5 rows and zero the empty ones.
        int[] rowPtr = {0, 2, 2, 4, 4, 4};
        int[] col = {0, 4, 1, 2};
        double[] val = {0.5, 0.25, 1.0, 2.0};
        CsrMatrix a = new CsrMatrix(5, 5, rowPtr, col, val);
        double[] p = {1, 2, 3, 4, 5}, expected = new double[5], out = new double[5];
        a.multiply(p, expected);
        for (Precision precision : Precision.values()) {
            try (TransferOperatorKernel k = new Nd4jTransferOperator(a, precision, KernelOptions.singleThread())) {
                k.load(p);
                k.step(1);
                k.read(out);
                assertThat(out).containsExactly(expected);
                // ELL width 2, so 10 slots, gathered by pullRows (see Nd4jTransferOperator.bytesPerStep).
                assertThat(k.bytesPerStep()).isEqualTo(10L * (16 + 5L * precision.bytes()) + 5L * (8 + precision.bytes())
                    + 5L * precision.bytes());
            }
        }
    }

    @Test
    void anOperatorWithoutEntriesMapsEverythingToZero() {
        CsrMatrix a = new CsrMatrix(3, 3, new int[] {0, 0, 0, 0}, new int[0], new double[0]);
        try (TransferOperatorKernel k = new Nd4jTransferOperator(a, Precision.F32, KernelOptions.singleThread())) {
            double[] out = {9, 9, 9};
            k.load(new double[] {1, 2, 3});
            k.step(2);
            k.read(out);
            assertThat(out).containsExactly(0, 0, 0);
        }
    }

    @Test
    void nonSquareOperatorsAreRejected() {
        CsrMatrix a = new CsrMatrix(2, 3, new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, 1});
        assertThatThrownBy(() -> new Nd4jTransferOperator(a, Precision.F64, KernelOptions.singleThread()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
    }

    @Test
    void environmentRecordsBackendBlasAndThreads() {
        var env = new Nd4jProvider().environment();
        assertThat(env).containsKeys("nd4j.version", "nd4j.backend", "nd4j.blas.vendor", "nd4j.maxThreads",
            "nd4j.blas.threads", "javacpp.platform");
        assertThat(env.get("nd4j.version")).isEqualTo("1.0.0-M2.1");
        assertThat(env.get("nd4j.backend")).contains("CpuBackend");
    }
}
