package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/**
 * The device-ceiling kernels of {@link DeviceCeilingProbe}: peak FMA (8 independent chains per work-item, the
 * work-items many times the compute units so that every lane of every unit is busy) and read bandwidth in two
 * access patterns, because no one pattern is fastest everywhere: grid-strided (consecutive work-items read
 * consecutive elements: coalesced on a GPU) and blocked (each work-item reads one contiguous chunk: a CPU device runs
 * a work-item's loop on one core, where a contiguous stream is what its prefetchers follow).
 */
final class CeilingKernels {
    /** Independent FMA chains per work-item. */
    static final int CHAINS = 8;

    private CeilingKernels() {}

    /** CHAINS × iterations FMAs per work-item in single precision; the chains' sum is written so nothing is dead. */
    static final class FmaF32 extends Kernel {
        final float[] out;
        final int iterations;
        final float m = 1.0f - 0x1p-12f, a = 0x1p-20f;

        FmaF32(int workItems, int iterations) {
            this.out = new float[workItems];
            this.iterations = iterations;
        }

        @Override
        public void run() {
            int g = getGlobalId();
            float c0 = g * 1e-6f, c1 = c0 + 0.125f, c2 = c0 + 0.25f, c3 = c0 + 0.375f;
            float c4 = c0 + 0.5f, c5 = c0 + 0.625f, c6 = c0 + 0.75f, c7 = c0 + 0.875f;
            for (int i = 0; i < iterations; i++) {
                c0 = fma(c0, m, a); c1 = fma(c1, m, a); c2 = fma(c2, m, a); c3 = fma(c3, m, a);
                c4 = fma(c4, m, a); c5 = fma(c5, m, a); c6 = fma(c6, m, a); c7 = fma(c7, m, a);
            }
            out[g] = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7));
        }
    }

    /** The same in double precision (devices with cl_khr_fp64 only). */
    static final class FmaF64 extends Kernel {
        final double[] out;
        final int iterations;
        final double m = 1.0 - 0x1p-20, a = 0x1p-30;

        FmaF64(int workItems, int iterations) {
            this.out = new double[workItems];
            this.iterations = iterations;
        }

        @Override
        public void run() {
            int g = getGlobalId();
            double c0 = g * 1e-6, c1 = c0 + 0.125, c2 = c0 + 0.25, c3 = c0 + 0.375;
            double c4 = c0 + 0.5, c5 = c0 + 0.625, c6 = c0 + 0.75, c7 = c0 + 0.875;
            for (int i = 0; i < iterations; i++) {
                c0 = fma(c0, m, a); c1 = fma(c1, m, a); c2 = fma(c2, m, a); c3 = fma(c3, m, a);
                c4 = fma(c4, m, a); c5 = fma(c5, m, a); c6 = fma(c6, m, a); c7 = fma(c7, m, a);
            }
            out[g] = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7));
        }
    }

    /**
     * Work-item g sums data[g·chunk … min((g+1)·chunk, n)), four accumulators so the add latency does not bound the
     * loads; every element read once when chunk·G ≥ n (G work-items).
     */
    static final class BlockedReadSum extends Kernel {
        final float[] data;
        final float[] out;
        final int chunk;

        BlockedReadSum(float[] data, int workItems) {
            this.data = data;
            this.out = new float[workItems];
            this.chunk = (int) ((data.length + (long) workItems - 1) / workItems);
        }

        @Override
        public void run() {
            int g = getGlobalId();
            int start = g * chunk;
            int end = min(start + chunk, data.length);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = start;
            for (; i + 3 < end; i += 4) {
                s0 += data[i];
                s1 += data[i + 1];
                s2 += data[i + 2];
                s3 += data[i + 3];
            }
            for (; i < end; i++) s0 += data[i];
            out[g] = (s0 + s1) + (s2 + s3);
        }
    }

    /** Work-item g sums data[g], data[g + G], data[g + 2G], … (G work-items): every element read once. */
    static final class ReadSum extends Kernel {
        final float[] data;
        final float[] out;
        final int workItems;

        ReadSum(float[] data, int workItems) {
            this.data = data;
            this.out = new float[workItems];
            this.workItems = workItems;
        }

        @Override
        public void run() {
            int g = getGlobalId();
            float s = 0;
            for (int i = g; i < data.length; i += workItems) s += data[i];
            out[g] = s;
        }
    }
}
