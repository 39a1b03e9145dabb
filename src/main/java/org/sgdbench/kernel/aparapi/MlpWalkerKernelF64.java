package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/**
 * The MLP ensemble as an Aparapi kernel, double precision, for CPU OpenCL devices: one work-item per walker, all
 * steps of a launch in a loop inside {@link #run}, walker-major layout (parameter i of walker w at w·P + i, its
 * scratch likewise), so that one work-item reads and writes contiguous memory, as the scalar reference does. The
 * minibatch indices of the launch's steps come from the host ({@code rng.MinibatchStreams}): idx[(w·S + s)·b + j],
 * S the launch's step capacity. Operation order is the scalar F64 reference's (see {@code kernel.MlpEnsembleKernel});
 * written for Aparapi's translator: flat final primitive arrays, primitive fields, no objects, no break.
 */
final class MlpWalkerKernelF64 extends Kernel {
    final double[] theta, grad, hs, dhs, ps, x;
    final int[] labels, idx;
    final int kpad, hidden, batch, maxSteps, offB1, offW2, offB2, parameters;
    final double eta, mu, fbatch;
    int steps;

    MlpWalkerKernelF64(int kpad, int hidden, int batch, int maxSteps, double[] x, int[] labels, double eta, double mu) {
        this.kpad = kpad;
        this.hidden = hidden;
        this.batch = batch;
        this.maxSteps = maxSteps;
        this.offB1 = hidden * 64;
        this.offW2 = offB1 + hidden;
        this.offB2 = offW2 + 10 * hidden;
        this.parameters = offB2 + 10;
        this.theta = new double[parameters * kpad];
        this.grad = new double[parameters * kpad];
        this.hs = new double[hidden * kpad];
        this.dhs = new double[hidden * kpad];
        this.ps = new double[10 * kpad];
        this.x = x;
        this.labels = labels;
        this.idx = new int[maxSteps * batch * kpad];
        this.eta = eta;
        this.mu = mu;
        this.fbatch = batch;
    }

    @Override
    public void run() {
        int w = getGlobalId();
        int P = parameters;
        int t0 = w * P;
        int h0 = w * hidden;
        int p0 = w * 10;
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < P; i++) grad[t0 + i] = 0.0;
            int i0 = (w * maxSteps + s) * batch;
            for (int jb = 0; jb < batch; jb++) {
                int sample = idx[i0 + jb];
                int xo = sample * 64;
                int y = labels[sample];
                for (int j = 0; j < hidden; j++) {
                    double a = theta[t0 + offB1 + j];
                    int row = t0 + j * 64;
                    for (int m = 0; m < 64; m++) a += theta[row + m] * x[xo + m];
                    double t = tanh(a);
                    hs[h0 + j] = t;
                    dhs[h0 + j] = 1.0 - t * t;
                }
                double zmax = 0.0;
                for (int k = 0; k < 10; k++) {
                    double z = theta[t0 + offB2 + k];
                    int row = t0 + offW2 + k * hidden;
                    for (int j = 0; j < hidden; j++) z += theta[row + j] * hs[h0 + j];
                    ps[p0 + k] = z;
                    zmax = k == 0 ? z : (z > zmax ? z : zmax);
                }
                double sum = 0.0;
                for (int k = 0; k < 10; k++) {
                    double ez = exp(ps[p0 + k] - zmax);
                    ps[p0 + k] = ez;
                    sum += ez;
                }
                for (int k = 0; k < 10; k++) {
                    double p = ps[p0 + k] / sum;
                    ps[p0 + k] = p - (k == y ? 1.0 : 0.0);
                }
                for (int j = 0; j < hidden; j++) {
                    double d = 0.0;
                    for (int k = 0; k < 10; k++) d += theta[t0 + offW2 + k * hidden + j] * ps[p0 + k];
                    double e = d * dhs[h0 + j];
                    int row = t0 + j * 64;
                    for (int m = 0; m < 64; m++) grad[row + m] += e * x[xo + m];
                    grad[t0 + offB1 + j] += e;
                }
                for (int k = 0; k < 10; k++) {
                    double rk = ps[p0 + k];
                    int row = t0 + offW2 + k * hidden;
                    for (int j = 0; j < hidden; j++) grad[row + j] += rk * hs[h0 + j];
                    grad[t0 + offB2 + k] += rk;
                }
            }
            for (int i = 0; i < P; i++) {
                double t = theta[t0 + i];
                theta[t0 + i] = t - eta * (grad[t0 + i] / fbatch + mu * t);
            }
        }
    }
}
