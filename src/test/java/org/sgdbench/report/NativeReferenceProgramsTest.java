package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.bench.SgdEnsembleBenchmark;
import org.sgdbench.bench.TransferOperatorModels;
import org.sgdbench.bench.TransferStepBenchmark;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.kernel.scalar.ScalarSgdEnsembleF32;
import org.sgdbench.kernel.scalar.ScalarSgdEnsembleF64;
import org.sgdbench.kernel.scalar.ScalarTransferOperator;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.solver.transfer.MatrixMarket;

/**
 * The C programs of scripts/native-reference compute what the suite computes: the SGD ensemble with the portable
 * transform bit for bit, and the transfer step read from an exported Matrix Market file bit for bit (same row
 * order of the sums). Skipped when the machine has no C compiler (the native reference is optional).
 */
class NativeReferenceProgramsTest {
    private static final long SEED = 20260522L;

    @TempDir
    static Path build;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(onPath("cc"), "no C compiler (cc) on PATH");
        ProcessBuilder pb = new ProcessBuilder("scripts/native-reference/run.sh", "--build-only").redirectErrorStream(true);
        pb.environment().put("SGDBENCH_NATIVE_BUILD", build.toString());
        Result r = run(pb);
        assertThat(r.code).as(r.out).isZero();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (Files.isExecutable(Path.of(d, tool))) return true;
        return false;
    }

    private record Result(int code, String out) {}

    private static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static List<String> lines(String... cmd) throws Exception {
        Result r = run(new ProcessBuilder(cmd).redirectErrorStream(false));
        assertThat(r.code).as(String.join(" ", cmd)).isZero();
        return r.out.lines().toList();
    }

    private void ensembleBitIdentical(Precision p) throws Exception {
        int walkers = 77, modes = 3, steps = 5; // 77: a tail after the 32- and 16-lane chunks
        List<String> dump = lines(build.resolve("sgd_ensemble").toString(), "--dump", Integer.toString(steps),
            "--precision", p.name(), "--walkers", Integer.toString(walkers), "--modes", Integer.toString(modes),
            "--seed", Long.toString(SEED));
        assertThat(dump).hasSize(walkers * modes);
        QuadraticModes spec = SgdEnsembleBenchmark.model(walkers, modes, NoiseLaw.GAUSSIAN);
        KernelOptions one = new KernelOptions(1, "any");
        try (SgdEnsembleKernel k = p == Precision.F32 ? new ScalarSgdEnsembleF32(spec, SEED, one)
            : new ScalarSgdEnsembleF64(spec, SEED, one)) {
            k.reset();
            k.advance(steps);
            double[] x = new double[walkers], prev = new double[walkers];
            List<String> expected = new ArrayList<>();
            for (int m = 0; m < modes; m++) {
                k.readState(m, x, prev);
                for (int i = 0; i < walkers; i++)
                    expected.add(m + " " + i + " " + (p == Precision.F32
                        ? String.format("%08x", Float.floatToRawIntBits((float) x[i]))
                        : String.format("%016x", Double.doubleToRawLongBits(x[i]))));
            }
            assertThat(dump).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void sgdEnsembleF32IsBitIdenticalToTheScalarReference() throws Exception {
        ensembleBitIdentical(Precision.F32);
    }

    @Test
    void sgdEnsembleF64IsBitIdenticalToTheScalarReference() throws Exception {
        ensembleBitIdentical(Precision.F64);
    }

    @Test
    void transferStepFromTheExportedFileEqualsTheSuiteStep() throws Exception {
        CsrMatrix a = TransferOperatorModels.twoD(400).matrix();
        Path mtx = build.resolve("t2d.mtx"), vec = build.resolve("t2d-initial.mtx");
        MatrixMarket.writeMatrix(a, "test", mtx);
        double[] p0 = TransferStepBenchmark.smoothDensity(a.cols());
        MatrixMarket.writeVector(p0, "test", vec);
        for (Precision p : Precision.values()) {
            List<String> out = lines(build.resolve("transfer_step").toString(), "--mtx", mtx.toString(), "--vector",
                vec.toString(), "--precision", p.name(), "--dump");
            double[] suite = new double[a.rows()];
            try (TransferOperatorKernel k = new ScalarTransferOperator(a, p, new KernelOptions(1, "any"))) {
                k.load(p0);
                k.step(1);
                k.read(suite);
            }
            assertThat(out.stream().mapToDouble(Double::parseDouble).toArray()).as(p.name()).containsExactly(suite);
        }
    }
}
