package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.throughput.Ceiling;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.throughput.ThroughputTable;

class NativeReferenceTest {
    @TempDir
    Path run;

    private static final String FIGURES = """
        {"available": true, "compiler": "cc (Debian 12.2.0) 12.2.0", "flags": "-O3 -march=native", "rows": [
          {"kernel": "sgd-ensemble", "precision": "F32", "transform": "portable", "threads": 1, "params": {"walkers": "65536", "modes": "4", "stepsPerOp": "16", "noise": "GAUSSIAN"}, "unit": "walker-mode-steps/s", "median": 2.0e8, "min": 1.9e8, "max": 2.1e8, "reps": 5, "finite": true},
          {"kernel": "sgd-ensemble", "precision": "F32", "transform": "libm", "threads": 1, "params": {"walkers": "65536", "modes": "4", "stepsPerOp": "16", "noise": "GAUSSIAN"}, "unit": "walker-mode-steps/s", "median": 4.0e8, "min": 3.9e8, "max": 4.1e8, "reps": 5, "finite": true},
          {"kernel": "transfer-1d", "precision": "F64", "threads": 2, "params": {"cells": "16384"}, "nnz": 131000, "unit": "cell-steps/s", "median": 1.0e9, "min": 0.9e9, "max": 1.1e9, "reps": 5, "finite": true},
          {"kernel": "transfer-1d", "precision": "F32", "threads": 2, "params": {"cells": "16384"}, "nnz": 131000, "unit": "cell-steps/s", "median": 1.0e9, "min": 0.9e9, "max": 1.1e9, "reps": 5, "finite": false}
        ]}
        """;

    private static ThroughputRow javaRow(String kernel, String backend, String precision, int threads,
                                         Map<String, String> size, double score) {
        Map<String, String> p = new java.util.LinkedHashMap<>(size);
        p.put("backend", backend);
        p.put("precision", precision);
        p.put("threads", Integer.toString(threads));
        return new ThroughputRow(kernel, backend, precision, threads, backend, p, "u", score, 0, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, "", Outcome.OK, "");
    }

    private static final Map<String, String> SGD_SIZE = Map.of("walkers", "65536", "modes", "4", "stepsPerOp", "16",
        "noise", "GAUSSIAN");

    @Test
    void figuresBecomeRowsAndJavaRowsGetTheirPercentOfTheMatchingNativeRow() throws Exception {
        Files.writeString(run.resolve(NativeReference.FILE), FIGURES);
        List<ThroughputRow> rows = new ArrayList<>(NativeReference.rows(run, Ceiling.NONE));
        assertThat(rows).hasSize(4);
        assertThat(rows).allMatch(r -> r.backend().equals(NativeReference.BACKEND));
        assertThat(rows.get(0).score()).isEqualTo(2.0e8);
        assertThat(rows.get(0).device()).contains("-O3 -march=native").contains("portable transform").contains("1 thread");
        assertThat(rows.get(1).params()).containsEntry("transform", "libm");
        assertThat(rows.get(3).outcome()).isEqualTo(Outcome.DIVERGED);

        ThroughputRow simd = javaRow("sgd-ensemble", "simd", "F32", 1, SGD_SIZE, 1.5e8);
        ThroughputRow simd2 = javaRow("sgd-ensemble", "simd", "F32", 2, SGD_SIZE, 3.0e8);
        ThroughputRow f64 = javaRow("sgd-ensemble", "simd", "F64", 1, SGD_SIZE, 1.0e8);
        ThroughputRow spmv = javaRow("transfer-1d", "simd", "F64", 2, Map.of("cells", "16384"), 5.0e8);
        ThroughputRow spmv32 = javaRow("transfer-1d", "simd", "F32", 2, Map.of("cells", "16384"), 5.0e8);
        rows.addAll(List.of(simd, simd2, f64, spmv, spmv32));
        // the portable-transform row, never the libm one; same threads, precision and size only
        assertThat(NativeReference.percentOfNative(simd, rows)).isEqualTo(75.0);
        assertThat(NativeReference.percentOfNative(spmv, rows)).isEqualTo(50.0);
        assertThat(NativeReference.percentOfNative(simd2, rows)).isNaN();
        assertThat(NativeReference.percentOfNative(f64, rows)).isNaN();
        assertThat(NativeReference.percentOfNative(spmv32, rows)).isNaN(); // the native row diverged: no figure
        assertThat(NativeReference.percentOfNative(rows.get(0), rows)).isNaN();

        String md = ThroughputReport.markdown(ThroughputTable.withSpeedups(rows), "t");
        assertThat(md).contains("% of native").contains("| 75 % |").contains("native-c");
        assertThat(ThroughputReport.csv(rows).lines().findFirst().orElseThrow()).contains("native_pct");
    }

    @Test
    void unavailableNativeReferenceIsOneStatusRowPerKernel() throws Exception {
        Files.writeString(run.resolve(NativeReference.FILE),
            "{\"available\": false, \"reason\": \"no C compiler (cc) on PATH\", \"rows\": []}");
        List<ThroughputRow> rows = NativeReference.rows(run, Ceiling.NONE);
        assertThat(rows).hasSize(NativeReference.KERNELS.size());
        assertThat(rows).allMatch(r -> r.outcome() == Outcome.UNAVAILABLE && r.reason().contains("no C compiler"));
        assertThat(ThroughputReport.markdown(rows, "t")).contains("unavailable: no C compiler (cc) on PATH");
    }

    @Test
    void withoutACompilerTheScriptWritesUnavailableAndSucceeds() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("scripts/native-reference/run.sh", run.toString()).redirectErrorStream(true);
        pb.environment().put("CC", "no-such-c-compiler");
        pb.environment().put("SGDBENCH_NATIVE_BUILD", run.resolve("build").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        NativeReference n = NativeReference.read(run).orElseThrow();
        assertThat(n.available()).isFalse();
        assertThat(n.rows(Ceiling.NONE)).allMatch(r -> r.outcome() == Outcome.UNAVAILABLE
            && r.reason().equals("no C compiler (no-such-c-compiler) on PATH"));
    }

    @Test
    void aRunWithoutTheFileHasNoNativeRows() throws Exception {
        assertThat(NativeReference.rows(run, Ceiling.NONE)).isEmpty();
        assertThat(NativeReference.read(run)).isEmpty();
    }
}
