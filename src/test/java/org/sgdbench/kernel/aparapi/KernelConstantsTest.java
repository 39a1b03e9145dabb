package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;

/** The kernels' inlined constants are the reference's, bit for bit; the key schedule is Philox's. */
class KernelConstantsTest {
    @Test
    void polynomialCoefficientsEqualTheReference() {
        assertThat(KernelConstants.LOG_F).containsExactly(Gaussian.LOG_CF);
        assertThat(KernelConstants.SIN_F).containsExactly(Gaussian.SIN_CF);
        assertThat(KernelConstants.COS_F).containsExactly(Gaussian.COS_CF);
        assertThat(KernelConstants.LOG_D).containsExactly(Gaussian.LOG_C);
        assertThat(KernelConstants.SIN_D).containsExactly(Gaussian.SIN_C);
        assertThat(KernelConstants.COS_D).containsExactly(Gaussian.COS_C);
    }

    @Test
    void roundKeysFollowTheWeylSequence() {
        int[] rk = KernelConstants.roundKeys(0x12345678, 0x9ABCDEF0);
        assertThat(rk).hasSize(2 * Philox4x32.ROUNDS);
        assertThat(rk[0]).isEqualTo(0x12345678);
        assertThat(rk[1]).isEqualTo(0x9ABCDEF0);
        assertThat(rk[2 * 9]).isEqualTo(0x12345678 + 9 * Philox4x32.W0);
        assertThat(rk[2 * 9 + 1]).isEqualTo(0x9ABCDEF0 + 9 * Philox4x32.W1);
    }
}
