package org.sgdbench.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Splits an index range [0, n) into fixed-size blocks and runs them on a ForkJoinPool of the requested
 * parallelism (inline when threads = 1). Block boundaries depend only on n and the block size, never on the
 * thread count, and every kernel derives its random numbers from the walker index alone: results are
 * bit-identical at any thread count.
 */
public final class ParallelBlocks implements AutoCloseable {
    /** What one block does with its range [from, to). */
    @FunctionalInterface
    public interface Body {
        void run(int from, int to);
    }

    private final int threads;
    private final int blockSize;
    private final ForkJoinPool pool;

    public ParallelBlocks(int threads, int blockSize) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
        this.threads = threads;
        this.blockSize = blockSize;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    public int threads() { return threads; }

    public void forEach(int n, Body body) {
        int blocks = (n + blockSize - 1) / blockSize;
        if (pool == null || blocks <= 1) {
            for (int b = 0; b < blocks; b++) body.run(b * blockSize, Math.min(n, (b + 1) * blockSize));
            return;
        }
        pool.submit(() -> IntStream.range(0, blocks).parallel()
                .forEach(b -> body.run(b * blockSize, Math.min(n, (b + 1) * blockSize))))
            .join();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
