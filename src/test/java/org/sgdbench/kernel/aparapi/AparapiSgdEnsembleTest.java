package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.EnsembleTrajectory;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** OpenCL-specific behaviour of the Aparapi ensemble; skipped with the reason where there is no OpenCL device. */
class AparapiSgdEnsembleTest {
    private static AparapiTarget target;

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    private static QuadraticModes spec(int walkers) {
        return new QuadraticModes(List.of(Mode.of(1.0, 0.3, 1.0), Mode.of(0.5, 0.0, 2.0)), NoiseLaw.GAUSSIAN, 0.2, 10,
            walkers, -0.25, 0.5);
    }

    private static AparapiSgdEnsemble create(QuadraticModes s, Precision p, AparapiSgdEnsemble.Residency r, int wg) {
        AparapiTestDevice.assumePrecision(target, p);
        return new AparapiSgdEnsemble(s, p, 99, KernelOptions.singleThread(), r, wg, target);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void roundTripAndDeviceResidentGiveTheSameStates(Precision p) {
        QuadraticModes s = spec(517);
        try (AparapiSgdEnsemble resident = create(s, p, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 0);
             AparapiSgdEnsemble roundTrip = create(s, p, AparapiSgdEnsemble.Residency.ROUND_TRIP, 0)) {
            assertThat(roundTrip.residency()).isEqualTo(AparapiSgdEnsemble.Residency.ROUND_TRIP);
            for (int steps : new int[] {1, 6, 33}) {
                resident.advance(steps);
                roundTrip.advance(steps);
                assertThat(EnsembleTrajectory.measure(roundTrip)).isEqualTo(EnsembleTrajectory.measure(resident));
            }
            assertThat(resident.stepsDone()).isEqualTo(40);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void resultsDoNotDependOnTheWorkGroupSize(Precision p) {
        QuadraticModes s = spec(1000);
        try (AparapiSgdEnsemble a = create(s, p, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 1);
             AparapiSgdEnsemble b = create(s, p, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 64)) {
            assertThat(a.workGroupSize()).isEqualTo(1);
            assertThat(b.workGroupSize()).isEqualTo(64);
            a.advance(7);
            b.advance(7);
            assertThat(EnsembleTrajectory.measure(a)).isEqualTo(EnsembleTrajectory.measure(b));
        }
    }

    /** A group size that divides neither the walkers nor the padding granule: the padded work-items stay inert. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void anOddWorkGroupSizeGivesTheSameStates(Precision p) {
        QuadraticModes s = spec(1000);
        try (AparapiSgdEnsemble a = create(s, p, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 1);
             AparapiSgdEnsemble b = create(s, p, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 96)) {
            assertThat(b.workGroupSize()).isEqualTo(96);
            a.advance(5);
            b.advance(5);
            assertThat(EnsembleTrajectory.measure(a)).isEqualTo(EnsembleTrajectory.measure(b));
        }
    }

    @Test
    void stepsBeyondOneLaunchContinueTheSameTrajectory() {
        QuadraticModes s = spec(33);
        int steps = AparapiSgdEnsemble.MAX_STEPS_PER_LAUNCH + 5;
        try (AparapiSgdEnsemble chunked = create(s, Precision.F32, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 0);
             AparapiSgdEnsemble stepped = create(s, Precision.F32, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 0)) {
            chunked.advance(steps);
            stepped.advance(AparapiSgdEnsemble.MAX_STEPS_PER_LAUNCH - 3);
            stepped.advance(8);
            assertThat(EnsembleTrajectory.measure(chunked)).isEqualTo(EnsembleTrajectory.measure(stepped));
        }
    }

    @Test
    void recordsTheDeviceThatRanItAndItsBuildTime() {
        try (AparapiSgdEnsemble k = create(spec(10), Precision.F32, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 0)) {
            assertThat(k.device()).startsWith("OpenCL ").isEqualTo(target.description());
            assertThat(k.buildNanos()).isPositive();
            assertThat(k.threads()).isEqualTo(target.computeUnits()).isPositive();
        }
    }

    @Test
    void aClosedKernelRefusesWork() {
        AparapiSgdEnsemble k = create(spec(10), Precision.F32, AparapiSgdEnsemble.Residency.DEVICE_RESIDENT, 0);
        k.close();
        k.close();
        assertThatThrownBy(() -> k.advance(1)).isInstanceOf(IllegalStateException.class);
    }
}
