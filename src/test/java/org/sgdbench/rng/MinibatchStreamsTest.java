package org.sgdbench.rng;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.Sampling;

class MinibatchStreamsTest {
    private static final int K0 = 12345, K1 = 678;

    @Test
    void lemireRejectsExactlyTheBiasedLowWords() {
        // m = 3: (2^32 − 3) mod 3 = 1, so only products whose low word is 0 are rejected
        assertThat(MinibatchStreams.threshold(3)).isEqualTo(1);
        assertThat(MinibatchStreams.lemire(0, 3, 1)).isEqualTo(-1);
        assertThat(MinibatchStreams.lemire(1, 3, 1)).isEqualTo(0);
        assertThat(MinibatchStreams.lemire(-1, 3, 1)).isEqualTo(2); // (2^32−1)·3 >>> 32 = 2
        // a power of two never rejects: threshold 0
        assertThat(MinibatchStreams.threshold(256)).isZero();
        assertThat(MinibatchStreams.lemire(0xFF000000, 256, 0)).isEqualTo(255);
    }

    @Test
    void uniformIndicesAreInRangeAndRoughlyUniform() {
        int[] w = new int[4];
        int m = 7, draws = 70_000;
        int[] count = new int[m];
        for (int t = 0; t < draws; t++) {
            int v = MinibatchStreams.uniform(K0, K1, t % 100, t / 100, 0, StreamLayout.MINIBATCH, m, w);
            assertThat(v).isBetween(0, m - 1);
            count[v]++;
        }
        double chi2 = 0, e = (double) draws / m;
        for (int c : count) chi2 += (c - e) * (c - e) / e;
        assertThat(chi2).as("chi-square with 6 degrees of freedom, %s", Arrays.toString(count)).isLessThan(30);
    }

    @Test
    void floydSubsetsAreDistinctAndEveryIndexIsReachable() {
        int[] w = new int[4], out = new int[5];
        int n = 9;
        int[] seen = new int[n];
        for (int t = 0; t < 2000; t++) {
            MinibatchStreams.withoutReplacement(K0, K1, 3, t, n, 5, out, 0, w);
            Set<Integer> s = new HashSet<>();
            for (int v : out) {
                assertThat(v).isBetween(0, n - 1);
                s.add(v);
                seen[v]++;
            }
            assertThat(s).hasSize(5);
        }
        // each index is in a uniform 5-subset of 9 with probability 5/9
        for (int c : seen) assertThat(c / 2000.0).isCloseTo(5.0 / 9, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void floydOfTheWholeSetIsAPermutation() {
        int[] w = new int[4], out = new int[6];
        MinibatchStreams.withoutReplacement(K0, K1, 0, 0, 6, 6, out, 0, w);
        assertThat(out).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void reshufflingVisitsEverySampleOncePerEpochAndEpochsDiffer() {
        int n = 10, b = 3, perEpoch = n / b;
        int[] w = new int[4], perm = new int[n], out = new int[b];
        int[][] epochs = new int[3][perEpoch * b];
        for (int t = 0; t < 3 * perEpoch; t++) {
            MinibatchStreams.reshuffled(K0, K1, 5, t, n, b, perm, 0, out, 0, w);
            System.arraycopy(out, 0, epochs[t / perEpoch], (t % perEpoch) * b, b);
        }
        for (int[] e : epochs) assertThat(Arrays.stream(e).distinct().count()).isEqualTo(perEpoch * b);
        assertThat(epochs[0]).isNotEqualTo(epochs[1]);
    }

    @Test
    void reshufflingEqualsAFullFisherYatesOfTheEpoch() {
        int n = 11, b = 4;
        int[] w = new int[4], perm = new int[n], out = new int[b];
        int[] full = new int[n];
        for (int i = 0; i < n; i++) full[i] = i;
        for (int i = 0; i < n - 1; i++) {
            int s = i + MinibatchStreams.uniform(K0, K1, 2, 1, i, StreamLayout.PERMUTATION, n - i, w);
            int tmp = full[i]; full[i] = full[s]; full[s] = tmp;
        }
        int perEpoch = n / b; // epoch 1 = steps perEpoch … 2·perEpoch−1
        for (int k = 0; k < perEpoch; k++) {
            MinibatchStreams.reshuffled(K0, K1, 2, perEpoch + k, n, b, perm, 0, out, 0, w);
            assertThat(out).containsExactly(Arrays.copyOfRange(full, k * b, k * b + b));
        }
    }

    @Test
    void drawsDependOnlyOnTheirCounter() {
        int[] w = new int[4], a = new int[8], c = new int[16];
        MinibatchStreams.batch(Sampling.WITH_REPLACEMENT, K0, K1, 9, 4, 442, 8, null, 0, a, 0, w);
        MinibatchStreams.batch(Sampling.WITH_REPLACEMENT, K0, K1, 9, 4, 442, 8, null, 0, c, 8, w);
        assertThat(Arrays.copyOfRange(c, 8, 16)).containsExactly(a);
    }
}
