package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.BenchmarkRunner;
import org.sgdbench.kernel.Backend;
import org.sgdbench.problem.Precision;

/** The benchmark plan of a full and a quick run on a 2-core machine with every backend, and its time estimate. */
class RunPlanTest {
    private static final List<Backend> ALL = List.of(Backend.values());
    private static final List<Precision> BOTH = List.of(Precision.values());
    private static final List<String> ENSEMBLES = List.of("sgd-ensemble", "linear-regression", "mlp-sgd");

    private static List<Throughput.Job> full() {
        return Throughput.jobs(List.copyOf(BenchmarkCatalog.all()), ALL, BOTH, 2, false);
    }

    private static List<Throughput.Job> quick() {
        return Throughput.jobs(List.copyOf(BenchmarkCatalog.all()), ALL, BOTH, 2, true);
    }

    /** Every parameter set a list of jobs measures, one map per combination (a JMH trial). */
    private static List<Map<String, String>> combinations(List<Throughput.Job> jobs) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Throughput.Job j : jobs) {
            List<Map<String, String>> sets = List.of(Map.of("kernel", j.entry().kernelId()));
            for (Map.Entry<String, List<String>> p : j.params().entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> s : sets)
                    for (String v : p.getValue()) {
                        Map<String, String> m = new LinkedHashMap<>(s);
                        m.put(p.getKey(), v);
                        next.add(m);
                    }
                sets = next;
            }
            out.addAll(sets);
        }
        return out;
    }

    private static Set<String> values(List<Map<String, String>> sets, String kernel, String param) {
        return sets.stream().filter(s -> s.get("kernel").equals(kernel)).map(s -> s.get(param)).collect(Collectors.toSet());
    }

    @Test
    void theFullRunsBenchmarksTakeAboutThirtyFiveMinutesOnTwoCores() {
        List<Throughput.Job> jobs = full();
        long combos = Throughput.combinations(jobs);
        double minutes = Throughput.estimatedSeconds(jobs, BenchmarkRunner.Timing.full()) / 60;
        assertThat(combos).isEqualTo(combinations(jobs).size()).isBetween(95L, 120L);
        // 20 s per parameter set: 2 forks × (3 × 1 s warm-up + 5 × 1 s + 2 s start-up)
        assertThat(minutes).isEqualTo(combos * 20 / 60.0).isBetween(30.0, 40.0);
    }

    @Test
    void eachParameterSetIsMeasuredOnce() {
        List<Map<String, String>> sets = combinations(full());
        assertThat(new HashSet<>(sets)).hasSameSizeAs(sets);
    }

    @Test
    void everyKernelRunsOnEveryBackendInBothPrecisionsOrSaysWhyNot() {
        List<Throughput.Job> jobs = full();
        for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all())
            for (Backend b : ALL)
                for (Precision p : BOTH) {
                    boolean measured = jobs.stream().anyMatch(j -> j.entry() == e && j.backend() == b && j.precision() == p);
                    boolean implemented = e.implemented().whyNot(b, p).isEmpty();
                    assertThat(measured).as("%s %s %s", e.kernelId(), b, p).isEqualTo(implemented);
                }
        // the one kernel with a single implementation
        BenchmarkCatalog.Entry fp = entry("fokker-planck-1d");
        assertThat(fp.implemented().whyNot(Backend.SCALAR, Precision.F64)).isEmpty();
        assertThat(fp.implemented().whyNot(Backend.SIMD, Precision.F64)).get().asString().contains("scalar F64");
        BenchmarkCatalog.all().stream().filter(e -> e != fp).forEach(e ->
            ALL.forEach(b -> BOTH.forEach(p -> assertThat(e.implemented().whyNot(b, p)).isEmpty())));
    }

    @Test
    void theEnsembleKernelsHaveOneAndAllThreadsOnTheCpuBackendsAndTheOthersAllThreads() {
        List<Map<String, String>> sets = combinations(full());
        for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all()) {
            for (Backend b : ALL) {
                Set<String> threads = sets.stream().filter(s -> s.get("kernel").equals(e.kernelId())
                    && s.get("backend").equals(b.id()) && s.containsKey("threads")).map(s -> s.get("threads"))
                    .collect(Collectors.toSet());
                if (threads.isEmpty()) continue; // Fokker-Planck: no threads parameter
                boolean scaling = ENSEMBLES.contains(e.kernelId()) && b != Backend.APARAPI;
                assertThat(threads).as("%s %s", e.kernelId(), b).isEqualTo(scaling ? Set.of("1", "2") : Set.of("2"));
            }
        }
    }

    @Test
    void sizesSpanTheMemoryLevelsAndTheParametersThatChangeTheWinner() {
        List<Map<String, String>> sets = combinations(full());
        // the ensemble's state (walkers × 4 modes × 8 bytes in F64): one size within L2 + L3, one past 32 MiB
        Set<String> walkers = values(sets, "sgd-ensemble", "walkers");
        assertThat(walkers.stream().mapToLong(w -> Long.parseLong(w) * 4 * 8).min().orElseThrow()).isLessThanOrEqualTo(2L << 20);
        assertThat(walkers.stream().mapToLong(w -> Long.parseLong(w) * 4 * 8).max().orElseThrow()).isGreaterThanOrEqualTo(32L << 20);
        // the transfer step: ~100 bytes of CSR per cell, so 16384 cells sit in L2 and 2^21 in DRAM
        assertThat(values(sets, "transfer-1d", "cells")).containsExactlyInAnyOrder("16384", "2097152");
        assertThat(values(sets, "transfer-2d", "cells")).isNotEmpty();
        // the MLP at H = 32 with three batch sizes, every batch on every backend and precision
        assertThat(values(sets, "mlp-sgd", "hidden")).containsExactly("32");
        assertThat(values(sets, "mlp-sgd", "batch")).containsExactlyInAnyOrder("8", "32", "128");
        for (Backend b : ALL)
            for (Precision p : BOTH)
                assertThat(sets.stream().filter(s -> s.get("kernel").equals("mlp-sgd") && s.get("backend").equals(b.id())
                    && s.get("precision").equals(p.name())).map(s -> s.get("batch")).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("8", "32", "128");
        // the linear regression at one walker count and batch, with every sampling mode
        assertThat(values(sets, "linear-regression", "walkers")).hasSize(1);
        assertThat(values(sets, "linear-regression", "batch")).hasSize(1);
        assertThat(values(sets, "linear-regression", "sampling"))
            .containsExactlyInAnyOrder("with-replacement", "without-replacement", "reshuffling");
    }

    @Test
    void everyQuickSizeIsAlsoInTheFullRunSoThatAQuickRunComparesWithAFullOne() {
        Set<Map<String, String>> fullSets = new HashSet<>(combinations(full()));
        assertThat(fullSets).containsAll(combinations(quick()));
    }

    @Test
    void theQuickGridsAreOneSizePerKernel() {
        List<Map<String, String>> sets = combinations(quick());
        assertThat(values(sets, "sgd-ensemble", "walkers")).containsExactly("65536");
        assertThat(values(sets, "sgd-ensemble", "threads")).containsExactlyInAnyOrder("1", "2");
        assertThat(values(sets, "linear-regression", "sampling")).containsExactly("without-replacement");
        assertThat(values(sets, "linear-regression", "threads")).containsExactly("2");
        assertThat(values(sets, "mlp-sgd", "batch")).containsExactly("32");
        assertThat(values(sets, "transfer-1d", "cells")).containsExactlyInAnyOrder("16384", "2097152");
        assertThat(values(sets, "transfer-2d", "cells")).containsExactly("16384");
        assertThat(values(sets, "fokker-planck-1d", "cells")).containsExactly("1048576");
        assertThat(sets).hasSize(55);
    }

    @Test
    void theStartLineAddsTheAccuracyPassTheBenchmarksAndTheNativeReference() {
        List<Throughput.Job> jobs = full();
        BenchmarkRunner.Timing timing = BenchmarkRunner.Timing.full();
        double nativeSeconds = RunEstimate.nativeSeconds(new BenchmarkCatalog.Sizing(false, 2, true), 2, false);
        assertThat(nativeSeconds).isGreaterThan(RunEstimate.nativeSeconds(new BenchmarkCatalog.Sizing(true, 2, false), 2, true));

        // the quick built-in pass has a measured duration: everything adds up
        List<Throughput.Job> quickJobs = quick();
        BenchmarkRunner.Timing quickTiming = BenchmarkRunner.Timing.quick();
        RunEstimate e = RunEstimate.of(quickJobs, quickTiming, true, true, 40);
        assertThat(e.totalSeconds()).isEqualTo(RunEstimate.QUICK_ACCURACY_SECONDS
            + Throughput.estimatedSeconds(quickJobs, quickTiming) + 40);
        assertThat(e.line(quickTiming)).startsWith("estimated duration: ≈ " + Progress.duration(e.totalSeconds()))
            .contains(quickJobs.size() + " JMH jobs", Throughput.combinations(quickJobs) + " parameter sets × 1 fork × 4 s");

        // the full built-in pass: its figure when the reference machine has one, else said to be unknown
        RunEstimate f = RunEstimate.of(jobs, timing, true, false, nativeSeconds);
        assertThat(f.line(timing)).contains(jobs.size() + " JMH jobs",
            Throughput.combinations(jobs) + " parameter sets × 2 forks × 10 s");
        if (Double.isNaN(RunEstimate.FULL_ACCURACY_SECONDS)) assertThat(f.totalSeconds()).isNaN();
        else assertThat(f.totalSeconds()).isEqualTo(RunEstimate.FULL_ACCURACY_SECONDS
            + Throughput.estimatedSeconds(jobs, timing) + nativeSeconds);

        // a case file or a narrowed pass: the accuracy share is not known in advance, and the line says so
        RunEstimate narrowed = RunEstimate.of(jobs, timing, false, false, nativeSeconds);
        assertThat(narrowed.totalSeconds()).isNaN();
        assertThat(narrowed.line(timing)).startsWith("estimated duration: ≈ "
            + Progress.duration(Throughput.estimatedSeconds(jobs, timing) + nativeSeconds) + " plus the accuracy pass")
            .contains("estimated once its first case has run");

        RunEstimate benchOnly = RunEstimate.of(jobs, timing, null, false, 0);
        assertThat(benchOnly.totalSeconds()).isEqualTo(Throughput.estimatedSeconds(jobs, timing));
    }

    private static BenchmarkCatalog.Entry entry(String id) {
        return BenchmarkCatalog.all().stream().filter(e -> e.kernelId().equals(id)).findFirst().orElseThrow();
    }
}
