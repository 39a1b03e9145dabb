package org.sgdbench.kernel;

import org.sgdbench.problem.Check;

/**
 * Execution options shared by all backends.
 *
 * @param threads CPU threads a kernel may use (1 … 4096)
 * @param device  device selector for backends that have several (Aparapi: gpu, cpu, any, jtp); "any" otherwise
 */
public record KernelOptions(int threads, String device) {
    public KernelOptions {
        org.sgdbench.problem.Limits.threads(threads);
        Check.notNull("device", device);
    }

    public static KernelOptions defaults() {
        return new KernelOptions(Runtime.getRuntime().availableProcessors(), "any");
    }

    public static KernelOptions singleThread() { return new KernelOptions(1, "any"); }

    public KernelOptions withThreads(int n) { return new KernelOptions(n, device); }
}
