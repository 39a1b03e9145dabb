package org.sgdbench.kernel.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorContract;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;

/** The ELL layout of the ND4J transfer operator: padding, empty rows and both gathers. */
class Nd4jTransferOperatorEllTest {
    @BeforeEach
    void requireNd4j() { Nd4jAvailable.assume(); }

    /** Rows of lengths 3, 0, 1, 2, 0: padding of every length and two empty rows. */
    private static CsrMatrix ragged() {
        int[] rowPtr = {0, 3, 3, 4, 6, 6};
        int[] col = {0, 2, 4, 3, 1, 4};
        double[] val = {0.5, -1.25, 2.0, 3.0, -0.75, 1.5};
        return new CsrMatrix(5, 5, rowPtr, col, val);
    }

    @ParameterizedTest
    @EnumSource(Nd4jTransferOperator.Gather.class)
    void paddedRowsAndEmptyRowsGiveTheCsrProduct(Nd4jTransferOperator.Gather gather) {
        CsrMatrix a = ragged();
        double[] p = {1.0, -2.0, 0.25, 4.0, 8.0}, ref = p.clone(), tmp = new double[5];
        try (Nd4jTransferOperator k = new Nd4jTransferOperator(a, Precision.F64, KernelOptions.singleThread(), gather)) {
            assertThat(k.width()).isEqualTo(3);
            assertThat(k.gather()).isEqualTo(gather);
            k.load(p);
            double[] out = new double[5];
            for (int s = 0; s < 3; s++) {
                a.multiply(ref, tmp);
                System.arraycopy(tmp, 0, ref, 0, 5);
                k.step(1);
                k.read(out);
                // Small integers and dyadic values: every product and sum is exact in double.
                assertThat(out).containsExactly(ref);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void gathersAgreeOnARandomBandedMatrix(Precision precision) {
        CsrMatrix a = TransferOperatorContract.randomStochastic(1025, 7);
        double[] p = new double[1025];
        for (int i = 0; i < p.length; i++) p[i] = (i % 17) / 17.0;
        double[] viaPull = new double[1025], viaGatherNd = new double[1025];
        try (var pull = new Nd4jTransferOperator(a, precision, KernelOptions.singleThread(), Nd4jTransferOperator.Gather.PULL_ROWS);
             var nd = new Nd4jTransferOperator(a, precision, KernelOptions.singleThread(), Nd4jTransferOperator.Gather.GATHER_ND)) {
            pull.load(p);
            nd.load(p);
            pull.step(6);
            nd.step(6);
            pull.read(viaPull);
            nd.read(viaGatherNd);
        }
        // Same products, same row sums: the gathers differ only in how they copy.
        assertThat(viaPull).containsExactly(viaGatherNd);
    }

    @Test
    void cpuBackendUsesTheNativePullRows() {
        try (TransferOperatorKernel k = new Nd4jProvider().transferOperator(ragged(), Precision.F32, KernelOptions.singleThread())) {
            assertThat(((Nd4jTransferOperator) k).gather()).isEqualTo(Nd4jTransferOperator.Gather.PULL_ROWS);
            assertThat(k.device()).contains("pullRows").contains("ELL width 3");
        }
    }

    @Test
    void gatherUsesTheOpThreadsOnlyWhenIdleOpenMpWorkersSleep() {
        assertThat(Nd4jTransferOperator.gatherThreads("PASSIVE", 2)).isEqualTo(2);
        assertThat(Nd4jTransferOperator.gatherThreads("passive", 4)).isEqualTo(4);
        assertThat(Nd4jTransferOperator.gatherThreads("ACTIVE", 2)).isEqualTo(1);
        assertThat(Nd4jTransferOperator.gatherThreads("unset (spin then sleep)", 2)).isEqualTo(1);
    }

    @Test
    void gatherOnTwoOpenMpThreadsGivesTheSameDensities() {
        CsrMatrix a = org.sgdbench.bench.TransferOperatorModels.oneD(4099).matrix();
        double[] p = org.sgdbench.bench.TransferStepBenchmark.smoothDensity(a.cols());
        for (Precision precision : Precision.values()) {
            double[] one = new double[a.rows()], two = new double[a.rows()];
            try (Nd4jTransferOperator k1 = new Nd4jTransferOperator(a, precision, KernelOptions.singleThread());
                 Nd4jTransferOperator k2 = new Nd4jTransferOperator(a, precision, new KernelOptions(2, "any"))) {
                k1.overrideGatherThreads(1);
                k2.overrideGatherThreads(2);
                k1.load(p);
                k2.load(p);
                k1.step(5);
                k2.step(5);
                k1.read(one);
                k2.read(two);
            }
            assertThat(two).as(precision.name()).containsExactly(one);
        }
    }

    @Test
    void stepLeavesTheCallingThreadsOpenMpCountAsItWas() {
        var ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(3);
        try (TransferOperatorKernel k = new Nd4jTransferOperator(ragged(), Precision.F64, KernelOptions.singleThread())) {
            k.load(new double[] {1, 2, 3, 4, 5});
            k.step(2);
            assertThat(ops.ompGetMaxThreads()).isEqualTo(3);
        } finally {
            ops.setOmpNumThreads(before);
        }
    }

    @Test
    void bytesPerStepCountsThePaddedSlots() {
        CsrMatrix a = ragged(); // 5 rows x width 3 = 15 slots
        try (var pull = new Nd4jTransferOperator(a, Precision.F32, KernelOptions.singleThread(), Nd4jTransferOperator.Gather.PULL_ROWS);
             var nd = new Nd4jTransferOperator(a, Precision.F64, KernelOptions.singleThread(), Nd4jTransferOperator.Gather.GATHER_ND)) {
            assertThat(pull.bytesPerStep()).isEqualTo(15L * (16 + 5 * 4) + 5L * (8 + 4) + 5L * 4);
            assertThat(nd.bytesPerStep()).isEqualTo(15L * (8 + 5 * 8) + 10L * 8);
        }
    }
}
