package org.sgdbench.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

    /** One benchmark class. */
    public record Entry(String kernelId, Class<?> benchmarkClass, Function<Map<String, String>, DeclaredWork> work,
                        Function<Sizing, Map<String, List<String>>> params, Preflight preflight) {}

    private static final Map<String, Entry> BY_CLASS = new LinkedHashMap<>();

    static {
        add(new Entry("sgd-ensemble", SgdEnsembleBenchmark.class, SgdEnsembleBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            p.put("walkers", s.quick() ? List.of("65536") : List.of("64", "4096", "65536", "1048576"));
            p.put("modes", List.of("4"));
            // the SGD ensemble always gets the scaling view (1 thread and all threads): it is the headline kernel
            p.put("threads", threadValues(new Sizing(s.quick(), s.threads(), true)));
            return p;
        }, (provider, precision, options) -> {
            try (var k = provider.sgdEnsemble(SgdEnsembleBenchmark.model(64, 1, NoiseLaw.GAUSSIAN), precision, 1,
                options)) {
                k.reset();
                k.advance(1);
                return k.device();
            }
        }));
        add(new Entry("linear-regression", LinearRegressionSgdBenchmark.class, LinearRegressionSgdBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            p.put("walkers", s.quick() ? List.of("16384") : List.of("4096", "65536"));
            p.put("batch", s.quick() ? List.of("8") : List.of("1", "8", "32"));
            p.put("sampling", s.quick() ? List.of("without-replacement")
                : List.of("with-replacement", "without-replacement", "reshuffling"));
            p.put("threads", threadValues(s));
            return p;
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
            // 16384 cells: the CSR (~1.6 MB) lives in L2; 2^21 cells: ~200 MB, far beyond L2; full runs add 2^23
            p.put("cells", s.quick() ? List.of("16384", "2097152") : List.of("16384", "262144", "2097152", "8388608"));
            p.put("threads", threadValues(s));
            return p;
        }, (provider, precision, options) -> transferPreflight(provider, precision, options, TransferOperatorModels.oneD(1024))));
        add(new Entry("transfer-2d", TransferOperator2DBenchmark.class, TransferOperator2DBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            p.put("cells", s.quick() ? List.of("16384") : List.of("16384", "262144"));
            p.put("threads", threadValues(s));
            return p;
        }, (provider, precision, options) -> transferPreflight(provider, precision, options, TransferOperatorModels.twoD(1024))));
        add(new Entry("mlp-sgd", MlpSgdBenchmark.class, MlpSgdBenchmark::work, s -> {
            Map<String, List<String>> p = new LinkedHashMap<>();
            // H = 32, b = 32, K = 1024: the size the MLP's FMA-peak comparison is quoted at
            p.put("hidden", s.quick() ? List.of("32") : List.of("16", "32"));
            p.put("batch", s.quick() ? List.of("32") : List.of("8", "32", "128"));
            p.put("walkers", List.of("1024"));
            p.put("threads", threadValues(s));
            return p;
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
            p.put("cells", s.quick() ? List.of("1048576") : List.of("4096", "1048576", "16777216"));
            return p;
        }, (provider, precision, options) -> {
            if (provider.backend() != org.sgdbench.kernel.Backend.SCALAR || precision != Precision.F64)
                throw new org.sgdbench.kernel.KernelNotSupportedException(
                    "the Fokker-Planck step (a sequential Thomas solve) is implemented in scalar F64 only");
            return "Java scalar";
        }));
    }

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
