package org.sgdbench.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Every benchmark class of the suite, its short kernel id and its declared work. */
public final class BenchmarkCatalog {
    /** One benchmark class. */
    public record Entry(String kernelId, Class<?> benchmarkClass, Function<Map<String, String>, DeclaredWork> work) {}

    private static final Map<String, Entry> BY_CLASS = new LinkedHashMap<>();

    static {
        add(new Entry("sgd-ensemble", SgdEnsembleBenchmark.class, SgdEnsembleBenchmark::work));
    }

    private BenchmarkCatalog() {}

    private static void add(Entry e) { BY_CLASS.put(e.benchmarkClass().getName(), e); }

    /** Finds the entry for a JMH benchmark name such as {@code org.sgdbench.bench.SgdEnsembleBenchmark.advance}. */
    public static Optional<Entry> forBenchmark(String jmhName) {
        int dot = jmhName.lastIndexOf('.');
        return Optional.ofNullable(BY_CLASS.get(dot > 0 ? jmhName.substring(0, dot) : jmhName));
    }

    public static Optional<Entry> forKernel(String kernelId) {
        return BY_CLASS.values().stream().filter(e -> e.kernelId().equals(kernelId)).findFirst();
    }

    public static java.util.Collection<Entry> all() { return BY_CLASS.values(); }
}
