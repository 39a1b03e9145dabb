package org.sgdbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** "Unavailable" is only for a missing library or an unsupported platform; any other provider exception is a failure. */
class BackendLoadTest {
    record Probing(RuntimeException thrown, Error error) implements BackendProvider {
        public Backend backend() { return Backend.SIMD; }

        public Availability probe() {
            if (thrown != null) throw thrown;
            if (error != null) throw error;
            return Availability.yes("fine");
        }

        public SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void anUnsupportedPlatformOrAMissingLibraryIsUnavailable() {
        Object a = Backend.check(new Probing(new UnsupportedOperationException("no AVX"), null));
        assertThat(a).isEqualTo(Availability.no("UnsupportedOperationException: no AVX"));
        Object b = Backend.check(new Probing(null, new UnsatisfiedLinkError("libnd4j.so")));
        assertThat(((Availability) b).available()).isFalse();
        assertThat(((Availability) b).failed()).isFalse();
        assertThat(((Availability) b).reason()).contains("libnd4j.so");
    }

    @Test
    void anyOtherExceptionIsAFailureWithItsMessage() {
        Object a = Backend.check(new Probing(new IllegalStateException("bug in the probe"), null));
        assertThat(((Availability) a).available()).isFalse();
        assertThat(((Availability) a).failed()).isTrue();
        assertThat(((Availability) a).reason()).isEqualTo("provider failed: IllegalStateException: bug in the probe");
    }

    @Test
    void aWorkingProviderIsItself() {
        Probing p = new Probing(null, null);
        assertThat(Backend.check(p)).isSameAs(p);
        assertThat(Backend.SCALAR.availability().available()).isTrue();
    }
}
