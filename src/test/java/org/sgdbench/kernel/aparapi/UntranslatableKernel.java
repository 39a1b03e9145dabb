package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/** A kernel Aparapi cannot translate to OpenCL (it allocates an object), to exercise the fallback guard. */
final class UntranslatableKernel extends Kernel {
    final float[] out = new float[4];

    @Override
    public void run() {
        int i = getGlobalId();
        out[i] = new StringBuilder().append(i).length();
    }
}
