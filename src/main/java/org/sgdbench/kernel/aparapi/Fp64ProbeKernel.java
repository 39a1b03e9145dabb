package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/** The smallest kernel that needs double precision; building it tells whether a device has cl_khr_fp64. */
final class Fp64ProbeKernel extends Kernel {
    final double[] values = new double[1];

    @Override
    public void run() {
        int i = getGlobalId();
        values[i] = values[i] * 0.5 + 1.0;
    }
}
