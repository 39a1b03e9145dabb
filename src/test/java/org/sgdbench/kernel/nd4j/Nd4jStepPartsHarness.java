package org.sgdbench.kernel.nd4j;

import java.nio.FloatBuffer;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.sgdbench.bench.SgdEnsembleBenchmark;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * Diagnostic harness (not a test, not part of the suite's runs): times the parts of one step of
 * {@link Nd4jSgdEnsemble} apart, at 1 and 2 threads, to find which part does not scale. Parts: the noise fill
 * (the SIMD filler on its own pool), the host-to-native copy, the ND4J ops with OpenMP op threads (the kernel's
 * one-thread formulation, and before walker blocks its only one), the same ops split into one walker block per
 * Java thread, each with single-threaded ops, and the kernel's whole step.
 * Prints median milliseconds per step over repeated calls of 16 steps. Measure only under the shared lock:
 * <pre>
 *   scripts/with-jdk mvn -B -q -o test-compile
 *   flock /tmp/sgdbench-measure.lock java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$CP \
 *     org.sgdbench.kernel.nd4j.Nd4jStepPartsHarness
 * </pre>
 */
public final class Nd4jStepPartsHarness {
    private static final int STEPS = 16, REPEATS = 15;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {65536, 1048576};
        Nd4jRuntime.probe();
        System.out.printf("maxThreads %d, elementwiseThreshold %d, OMP_WAIT_POLICY %s%n",
            Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().elementwiseThreshold(), Nd4jRuntime.ompWaitPolicy());
        for (Precision p : Precision.values())
            for (int n : sizes) run(p, n, 4);
    }

    private static void run(Precision p, int walkers, int modes) {
        QuadraticModes spec = SgdEnsembleBenchmark.model(walkers, modes, NoiseLaw.GAUSSIAN);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s N=%d M=%d ms/step:", p, walkers, modes));
        int size = walkers * modes;
        boolean f64 = p == Precision.F64;
        float[] hF = f64 ? null : new float[size], gF = f64 ? null : new float[size];
        double[] hD = f64 ? new double[size] : null, gD = f64 ? new double[size] : null;
        for (int threads = 1; threads <= 2; threads++) {
            try (NoiseFiller noise = Nd4jSgdEnsemble.fastestNoise(spec, p, 1, new KernelOptions(threads, "any"))) {
                int[] t = {0};
                double ms = median(() -> {
                    for (int s = 0; s < STEPS; s++) {
                        if (f64) noise.fill(t[0]++, hD, gD);
                        else noise.fill(t[0]++, hF, gF);
                    }
                });
                line.append(String.format(Locale.ROOT, " noise@%d %.3f", threads, ms));
            }
        }
        Block whole = new Block(p, spec, modes, walkers, 0, walkers);
        line.append(String.format(Locale.ROOT, " copy@1 %.3f", median(() -> {
            for (int s = 0; s < STEPS; s++) whole.copyIn(hF, gF, hD, gD);
        })));
        for (int threads = 1; threads <= 2; threads++) {
            Nd4jRuntime.applyThreads(threads);
            line.append(String.format(Locale.ROOT, " ops-omp@%d %.3f", threads, median(() -> {
                for (int s = 0; s < STEPS; s++) { whole.copyIn(hF, gF, hD, gD); whole.ops(); }
            })));
        }
        Nd4jRuntime.applyThreads(1);
        int half = walkers / 2;
        Block[] blocks = {new Block(p, spec, modes, walkers, 0, half), new Block(p, spec, modes, walkers, half, walkers)};
        // 2 Java threads, one block each, single-threaded ops, one hand-off per step (as the kernel does)
        try (ParallelBlocks two = new ParallelBlocks(2, half)) {
            line.append(String.format(Locale.ROOT, " ops-blocks@2 %.3f", median(() -> {
                for (int s = 0; s < STEPS; s++)
                    two.forEach(walkers, (from, to) -> {
                        Block b = blocks[from / half];
                        b.copyIn(hF, gF, hD, gD);
                        b.ops();
                    });
            })));
        }
        line.append(String.format(Locale.ROOT, " ops-half@1 %.3f", median(() -> {
            for (int s = 0; s < STEPS; s++) { blocks[0].copyIn(hF, gF, hD, gD); blocks[0].ops(); }
        })));
        for (int threads = 1; threads <= 2; threads++) {
            try (Nd4jSgdEnsemble k = new Nd4jSgdEnsemble(spec, p, 1, new KernelOptions(threads, "any"))) {
                k.reset();
                line.append(String.format(Locale.ROOT, " kernel@%d %.3f", threads, median(() -> k.advance(STEPS))));
            }
        }
        System.out.println(line);
        whole.close();
        for (Block b : blocks) b.close();
    }

    /** Median ms per step over REPEATS calls of STEPS steps, after 3 warm-up calls. */
    private static double median(Runnable call) {
        for (int i = 0; i < 3; i++) call.run();
        double[] ms = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6 / STEPS;
        }
        Arrays.sort(ms);
        return ms[REPEATS / 2];
    }

    /** Walkers [from, to) of every mode as [modes, to − from] arrays and the kernel's ops on them. */
    private static final class Block {
        final int modes, walkers, from, len;
        final INDArray x, zh, zg;
        final Object[] ops;
        final FloatBuffer zhF, zgF;
        final DoubleBuffer zhD, zgD;

        Block(Precision p, QuadraticModes spec, int modes, int walkers, int from, int to) {
            this.modes = modes;
            this.walkers = walkers;
            this.from = from;
            this.len = to - from;
            DataType type = Nd4jRuntime.dataType(p);
            x = Nd4j.create(type, modes, len).assign(1.0);
            zh = Nd4j.create(type, modes, len);
            zg = Nd4j.create(type, modes, len);
            List<Object> list = new ArrayList<>();
            for (int m = 0; m < modes; m++) {
                list.add(new ScalarMultiplication(zh.getRow(m), spec.mode(m).sigmaH()));
                list.add(new ScalarAdd(zh.getRow(m), spec.mode(m).lambda()));
            }
            list.add(new MulOp(zh, x, zh));
            for (int m = 0; m < modes; m++) list.add(new ScalarMultiplication(zg.getRow(m), spec.mode(m).sigmaG()));
            list.add(new AddOp(zh, zg, zh));
            list.add(new Axpy(zh, x, x, -spec.eta()));
            ops = list.toArray();
            boolean f64 = p == Precision.F64;
            zhF = f64 ? null : zh.data().asNioFloat();
            zgF = f64 ? null : zg.data().asNioFloat();
            zhD = f64 ? zh.data().asNioDouble() : null;
            zgD = f64 ? zg.data().asNioDouble() : null;
        }

        void copyIn(float[] hF, float[] gF, double[] hD, double[] gD) {
            for (int m = 0; m < modes; m++) {
                if (hF != null) {
                    zhF.put(m * len, hF, m * walkers + from, len);
                    zgF.put(m * len, gF, m * walkers + from, len);
                } else {
                    zhD.put(m * len, hD, m * walkers + from, len);
                    zgD.put(m * len, gD, m * walkers + from, len);
                }
            }
        }

        void ops() {
            for (Object op : ops) {
                if (op instanceof org.nd4j.linalg.api.ops.CustomOp c) Nd4j.exec(c);
                else Nd4j.exec((Op) op);
            }
        }

        void close() {
            for (INDArray a : new INDArray[] {x, zh, zg}) a.close();
        }
    }
}
