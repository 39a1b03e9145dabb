package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;

/**
 * The MLP ensemble as an Aparapi kernel, single precision: one work-group per walker, work-item j owning hidden unit j
 * (its row of W1, b1_j and column j of W2) and, for j below 10, output unit j (b2_j). Per sample: work-items j &lt; H
 * compute the hidden unit, work-items k &lt; 10 the logits from the hidden activations in local memory, work-item 0
 * the softmax residuals, and each work-item then adds the gradient of the parameters it owns; three barriers per
 * sample. Every sum runs in the scalar reference's order (see {@code kernel.MlpEnsembleKernel}); walker-major layout
 * as {@link MlpWalkerKernelF32}.
 */
final class MlpGroupKernelF32 extends Kernel {
    final float[] theta, grad, x;
    @Local final float[] hl, zl, rl;
    final int[] labels, idx;
    final int kpad, hidden, batch, maxSteps, offB1, offW2, offB2, parameters;
    final float eta, mu, fbatch;
    int steps;

    MlpGroupKernelF32(int kpad, int group, int hidden, int batch, int maxSteps, float[] x, int[] labels, float eta,
                      float mu) {
        this.kpad = kpad;
        this.hidden = hidden;
        this.batch = batch;
        this.maxSteps = maxSteps;
        this.offB1 = hidden * 64;
        this.offW2 = offB1 + hidden;
        this.offB2 = offW2 + 10 * hidden;
        this.parameters = offB2 + 10;
        this.theta = new float[parameters * kpad];
        this.grad = new float[parameters * kpad];
        this.hl = new float[group];
        this.zl = new float[16];
        this.rl = new float[16];
        this.x = x;
        this.labels = labels;
        this.idx = new int[maxSteps * batch * kpad];
        this.eta = eta;
        this.mu = mu;
        this.fbatch = batch;
    }

    @Override
    public void run() {
        int w = getGroupId();
        int j = getLocalId();
        int t0 = w * parameters;
        int ownsHidden = j < hidden ? 1 : 0;
        int ownsOutput = j < 10 ? 1 : 0;
        int row1 = t0 + j * 64;
        for (int s = 0; s < steps; s++) {
            if (ownsHidden == 1) {
                for (int m = 0; m < 64; m++) grad[row1 + m] = 0f;
                grad[t0 + offB1 + j] = 0f;
                for (int k = 0; k < 10; k++) grad[t0 + offW2 + k * hidden + j] = 0f;
            }
            if (ownsOutput == 1) grad[t0 + offB2 + j] = 0f;
            int i0 = (w * maxSteps + s) * batch;
            for (int jb = 0; jb < batch; jb++) {
                int sample = idx[i0 + jb];
                int xo = sample * 64;
                float dh = 0f;
                if (ownsHidden == 1) {
                    float a = theta[t0 + offB1 + j];
                    for (int m = 0; m < 64; m++) a += theta[row1 + m] * x[xo + m];
                    float t = tanh(a);
                    hl[j] = t;
                    dh = 1f - t * t;
                }
                localBarrier();
                if (ownsOutput == 1) {
                    float z = theta[t0 + offB2 + j];
                    int row = t0 + offW2 + j * hidden;
                    for (int i = 0; i < hidden; i++) z += theta[row + i] * hl[i];
                    zl[j] = z;
                }
                localBarrier();
                if (j == 0) {
                    int y = labels[sample];
                    float zmax = zl[0];
                    for (int k = 1; k < 10; k++) zmax = zl[k] > zmax ? zl[k] : zmax;
                    float sum = 0f;
                    for (int k = 0; k < 10; k++) {
                        float ez = exp(zl[k] - zmax);
                        rl[k] = ez;
                        sum += ez;
                    }
                    for (int k = 0; k < 10; k++) {
                        float p = rl[k] / sum;
                        rl[k] = p - (k == y ? 1f : 0f);
                    }
                }
                localBarrier();
                if (ownsHidden == 1) {
                    float d = 0f;
                    for (int k = 0; k < 10; k++) d += theta[t0 + offW2 + k * hidden + j] * rl[k];
                    float e = d * dh;
                    for (int m = 0; m < 64; m++) grad[row1 + m] += e * x[xo + m];
                    grad[t0 + offB1 + j] += e;
                    float hj = hl[j];
                    for (int k = 0; k < 10; k++) grad[t0 + offW2 + k * hidden + j] += rl[k] * hj;
                }
                if (ownsOutput == 1) grad[t0 + offB2 + j] += rl[j];
            }
            if (ownsHidden == 1) {
                for (int m = 0; m < 64; m++) update(row1 + m);
                update(t0 + offB1 + j);
                for (int k = 0; k < 10; k++) update(t0 + offW2 + k * hidden + j);
            }
            if (ownsOutput == 1) update(t0 + offB2 + j);
        }
    }

    private void update(int i) {
        float t = theta[i];
        theta[i] = t - eta * (grad[i] / fbatch + mu * t);
    }
}
