package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/**
 * The MLP ensemble as an Aparapi kernel, single precision: one work-item per walker, all steps of a launch in a loop
 * inside {@link #run}. Parameter-major layout (parameter i of walker w at i·K' + w, K' the padded walker count), so
 * neighbouring work-items touch neighbouring addresses (coalesced on GPUs, vector lanes on PoCL). The gradient and
 * the hidden activations live in global scratch arrays of the same layout (P and H are too large for private
 * memory at H = 32). The minibatch indices of the launch's steps come from the host ({@code rng.MinibatchStreams}):
 * idx[(s·b + j)·K' + w]. Operation order is the scalar F32 reference's (see {@code kernel.MlpEnsembleKernel});
 * written for Aparapi's translator: flat final primitive arrays, primitive fields, no objects, no break.
 */
final class MlpLaneKernelF32 extends Kernel {
    final float[] theta, grad, hs, dhs, ps, x;
    final int[] labels, idx;
    final int kpad, hidden, batch, offB1, offW2, offB2, parameters;
    final float eta, mu, fbatch;
    int steps;

    MlpLaneKernelF32(int kpad, int hidden, int batch, int maxSteps, float[] x, int[] labels, float eta, float mu) {
        this.kpad = kpad;
        this.hidden = hidden;
        this.batch = batch;
        this.offB1 = hidden * 64;
        this.offW2 = offB1 + hidden;
        this.offB2 = offW2 + 10 * hidden;
        this.parameters = offB2 + 10;
        this.theta = new float[parameters * kpad];
        this.grad = new float[parameters * kpad];
        this.hs = new float[hidden * kpad];
        this.dhs = new float[hidden * kpad];
        this.ps = new float[10 * kpad];
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
        int K = kpad;
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < parameters; i++) {
                grad[i * K + w] = 0f;
                localBarrier();
            }
            for (int jb = 0; jb < batch; jb++) {
                int sample = idx[(s * batch + jb) * K + w];
                int xo = sample * 64;
                int y = labels[sample];
                for (int j = 0; j < hidden; j++) {
                    float a = theta[(offB1 + j) * K + w];
                    int row = j * 64;
                    for (int m = 0; m < 64; m++) {
                        a += theta[(row + m) * K + w] * x[xo + m];
                        localBarrier();
                    }
                    float t = tanh(a);
                    hs[j * K + w] = t;
                    dhs[j * K + w] = 1f - t * t;
                }
                float zmax = 0f;
                for (int k = 0; k < 10; k++) {
                    float z = theta[(offB2 + k) * K + w];
                    int row = offW2 + k * hidden;
                    for (int j = 0; j < hidden; j++) {
                        z += theta[(row + j) * K + w] * hs[j * K + w];
                        localBarrier();
                    }
                    ps[k * K + w] = z;
                    zmax = k == 0 ? z : (z > zmax ? z : zmax);
                }
                float sum = 0f;
                for (int k = 0; k < 10; k++) {
                    float ez = exp(ps[k * K + w] - zmax);
                    ps[k * K + w] = ez;
                    sum += ez;
                }
                for (int k = 0; k < 10; k++) {
                    float p = ps[k * K + w] / sum;
                    ps[k * K + w] = p - (k == y ? 1f : 0f);
                }
                for (int j = 0; j < hidden; j++) {
                    float d = 0f;
                    for (int k = 0; k < 10; k++) {
                        d += theta[(offW2 + k * hidden + j) * K + w] * ps[k * K + w];
                        localBarrier();
                    }
                    float e = d * dhs[j * K + w];
                    int row = j * 64;
                    for (int m = 0; m < 64; m++) {
                        grad[(row + m) * K + w] += e * x[xo + m];
                        localBarrier();
                    }
                    grad[(offB1 + j) * K + w] += e;
                }
                for (int k = 0; k < 10; k++) {
                    float rk = ps[k * K + w];
                    int row = offW2 + k * hidden;
                    for (int j = 0; j < hidden; j++) {
                        grad[(row + j) * K + w] += rk * hs[j * K + w];
                        localBarrier();
                    }
                    grad[(offB2 + k) * K + w] += rk;
                }
            }
            for (int i = 0; i < parameters; i++) {
                float t = theta[i * K + w];
                theta[i * K + w] = t - eta * (grad[i * K + w] / fbatch + mu * t);
                localBarrier();
            }
        }
    }
}
