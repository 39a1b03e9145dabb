package org.sgdbench.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;

/** Every benchmark class of the suite: its kernel id, its declared work, its sizes and a preflight check. */
public final class BenchmarkCatalog {
    /**
     * Creates (and closes) the kernel once outside JMH with {@code threads} threads and returns the device it ran on
     * (its label records the threads it really used, e.g. ND4J's op threads); throws KernelNotSupportedException
     * when the backend lacks it.
     */
    @FunctionalInterface
    public interface Preflight {
        /** @param options the run's kernel options (threads, Aparapi device), as the forks will get them */
        String check(BackendProvider provider, Precision precision, KernelOptions options);
    }

    /** What a run asks of a benchmark. */
    public record Sizing(boolean quick, int threads, boolean scaling) {}

    /**
     * Says why a benchmark class has no implementation for a backend and precision (empty when it has one). Such a
     * combination is reported as not supported without a JMH job, and counts nothing in the run's time estimate.
     */
    @FunctionalInterface
    public interface Implemented {
        Optional<String> whyNot(Backend backend, Precision precision);

        Implemented EVERYWHERE = (b, p) -> Optional.empty();
    }

    /**
     * One benchmark class. {@code grids} gives, for a run's sizing, one or more parameter grids: each grid is a full
     * cross product of its values and becomes one JMH job per backend and precision; a plan that is not a cross
     * product (the 1-thread row at one size only, say) is written as several grids of the same class.
     */
    public record Entry(String kernelId, Class<?> benchmarkClass, Function<Map<String, String>, DeclaredWork> work,
                        Function<Sizing, List<Map<String, List<String>>>> grids, Preflight preflight,
                        Implemented implemented) {
        Entry(String kernelId, Class<?> benchmarkClass, Function<Map<String, String>, DeclaredWork> work,
              Function<Sizing, List<Map<String, List<String>>>> grids, Preflight preflight) {
            this(kernelId, benchmarkClass, work, grids, preflight, Implemented.EVERYWHERE);
        }

        /** Every value each parameter takes in any of the grids (first-seen order): what a listing or the native step shows. */
        public Map<String, List<String>> params(Sizing s) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (Map<String, List<String>> g : grids.apply(s))
                g.forEach((k, v) -> {
                    List<String> values = all.computeIfAbsent(k, x -> new ArrayList<>());
                    for (String x : v) if (!values.contains(x)) values.add(x);
                });
            return all;
        }
    }

    private static final Map<String, Entry> BY_CLASS = new LinkedHashMap<>();

    /*
     * The grids. A quick run measures one size per kernel. A full run (2 forks × (3 + 5) one-second iterations, about
     * 20 s per parameter set) is sized to about 35 minutes of benchmarks on 2 cores: every kernel on every backend in
     * F32 and F64, one size per memory level that matters, 1 thread and all threads on the ensemble kernels (the
     * scaling view) at one size each, and the parameters that change which backend wins (the MLP's batch, the
     * regression's sampling mode). Each full grid holds its quick size, so a quick run compares with a full one.
     */
    static {
        add(new Entry("sgd-ensemble", SgdEnsembleBenchmark.class, SgdEnsembleBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            // 2^16 walkers × 4 modes: 1 MiB (F32) / 2 MiB (F64) of state, within L2 + L3; 2^20: 16 / 32 MiB, past
            // L2 and at or past L3 (DRAM on most CPUs)
            p.put("walkers", s.quick() ? List.of("65536") : List.of("65536", "1048576"));
            p.put("modes", List.of("4"));
            // the SGD ensemble always gets the scaling view (1 thread and all threads): it is the headline kernel
            p.put("threads", threadValues(new Sizing(s.quick(), s.threads(), true)));
            return List.of(p);
        }, (provider, precision, options) -> {
            try (var k = provider.sgdEnsemble(SgdEnsembleBenchmark.model(64, 1, NoiseLaw.GAUSSIAN), precision, 1,
                options)) {
                k.reset();
                k.advance(1);
                return k.device();
            }
        }));
        add(new Entry("linear-regression", LinearRegressionSgdBenchmark.class, LinearRegressionSgdBenchmark::work, s -> {
            if (s.quick()) return List.of(regressionGrid(List.of("without-replacement"), threadValues(s)));
            // the three sampling modes cost differently (b random indices; b distinct ones; a permutation per walker
            // and epoch); the scaling view on the one i.i.d. mode the accuracy pass judges most
            return List.of(regressionGrid(List.of("without-replacement"), threadValues(s)),
                regressionGrid(List.of("with-replacement", "reshuffling"), allThreads(s)));
        }, (provider, precision, options) -> {
            var data = org.sgdbench.problem.Datasets.diabetes();
            try (var k = provider.linearRegression(LinearRegressionSgdBenchmark.model(data, 2,
                org.sgdbench.problem.Sampling.WITH_REPLACEMENT, 8), precision, 1, options)) {
                k.reset();
                k.advance(1);
                return k.device();
            }
        }));
        add(new Entry("transfer-1d", TransferOperatorBenchmark.class, TransferOperatorBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            // 16384 cells: the CSR (~1.6 MB) lives in L2; 2^21 cells: ~200 MB, in DRAM on any CPU
            p.put("cells", List.of("16384", "2097152"));
            p.put("threads", allThreads(s));
            return List.of(p);
        }, (provider, precision, options) -> transferPreflight(provider, precision, options, TransferOperatorModels.oneD(1024))));
        add(new Entry("transfer-2d", TransferOperator2DBenchmark.class, TransferOperator2DBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            // one size: the 1D operator already spans cache and DRAM; this one adds the 2D stencil's access pattern
            p.put("cells", List.of("16384"));
            p.put("threads", allThreads(s));
            return List.of(p);
        }, (provider, precision, options) -> transferPreflight(provider, precision, options, TransferOperatorModels.twoD(1024))));
        add(new Entry("mlp-sgd", MlpSgdBenchmark.class, MlpSgdBenchmark::work, s -> {
            // H = 32, b = 32, K = 1024: the size the MLP's FMA-peak comparison is quoted at; a full run adds b = 8 and
            // 128 (which backend wins at which batch size) and the 1-thread row at b = 32
            if (s.quick()) return List.of(mlpGrid(List.of("32"), threadValues(s)));
            return List.of(mlpGrid(List.of("32"), threadValues(s)), mlpGrid(List.of("8", "128"), allThreads(s)));
        }, (provider, precision, options) -> {
            org.sgdbench.problem.MlpData train = org.sgdbench.problem.MlpData.digitsSplit(MlpSgdBenchmark.TRAIN,
                MlpSgdBenchmark.SEED)[0];
            double[] theta0 = org.sgdbench.mlp.MlpMinimum.initialWeights(new org.sgdbench.mlp.MlpModel(64, 4, 10), 1);
            try (var k = provider.mlpEnsemble(MlpSgdBenchmark.spec(4, 8, 3), train, theta0, precision,
                options)) {
                k.advance(1);
                return k.device();
            }
        }));
        add(new Entry("fokker-planck-1d", FokkerPlanckBenchmark.class, FokkerPlanckBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            // 4096 cells: the tridiagonal system in L1/L2; 2^20: tens of MB, in DRAM
            p.put("cells", s.quick() ? List.of("1048576") : List.of("4096", "1048576"));
            return List.of(p);
        }, (provider, precision, options) -> {
            fokkerPlanckOnly(provider.backend(), precision).ifPresent(why -> {
                throw new org.sgdbench.kernel.KernelNotSupportedException(why);
            });
            return "Java scalar";
        }, BenchmarkCatalog::fokkerPlanckOnly));
    }

    private static Optional<String> fokkerPlanckOnly(Backend backend, Precision precision) {
        return backend == Backend.SCALAR && precision == Precision.F64 ? Optional.empty()
            : Optional.of("the Fokker-Planck step (a sequential Thomas solve) is implemented in scalar F64 only");
    }

    private static Map<String, List<String>> regressionGrid(List<String> sampling, List<String> threads) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("walkers", List.of("16384"));
        p.put("batch", List.of("8"));
        p.put("sampling", sampling);
        p.put("threads", threads);
        return p;
    }

    private static Map<String, List<String>> mlpGrid(List<String> batches, List<String> threads) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("hidden", List.of("32"));
        p.put("batch", batches);
        p.put("walkers", List.of("1024"));
        p.put("threads", threads);
        return p;
    }

    /** The run's thread count alone (no scaling view). */
    private static List<String> allThreads(Sizing s) { return List.of(Integer.toString(s.threads())); }

    private BenchmarkCatalog() {}

    private static String transferPreflight(BackendProvider provider, Precision precision, KernelOptions options,
                                            org.sgdbench.solver.transfer.TransferOperator op) {
        try (var k = provider.transferOperator(op.matrix(), precision, options)) {
            TransferStepBenchmark.checkOneStep(k, op.matrix());
            return k.device();
        }
    }

    /** Thread counts to measure: the run's count, and 1 as well when a scaling view is asked for. */
    public static List<String> threadValues(Sizing s) {
        return s.scaling() && s.threads() > 1 ? List.of("1", Integer.toString(s.threads())) : List.of(Integer.toString(s.threads()));
    }

    private static void add(Entry e) { BY_CLASS.put(e.benchmarkClass().getName(), e); }

    /** Finds the entry for a JMH benchmark name such as {@code org.sgdbench.bench.SgdEnsembleBenchmark.advance}. */
    public static Optional<Entry> forBenchmark(String jmhName) {
        int dot = jmhName.lastIndexOf('.');
        return Optional.ofNullable(BY_CLASS.get(dot > 0 ? jmhName.substring(0, dot) : jmhName));
    }


    public static java.util.Collection<Entry> all() { return BY_CLASS.values(); }
}
