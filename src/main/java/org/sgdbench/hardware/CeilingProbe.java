package org.sgdbench.hardware;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;
import org.sgdbench.bench.ceiling.MemoryBandwidthBenchmark;
import org.sgdbench.bench.ceiling.PeakFmaBenchmark;
import org.sgdbench.problem.Check;

/**
 * Measures the machine {@link Ceilings} by running the {@code org.sgdbench.bench.ceiling} benchmarks through the
 * JMH Runner API: one fork per benchmark, once with one thread and once with {@code threads} threads (each JMH
 * thread with its own state, JMH sums their throughput). The Vector API benchmark is included only when the
 * {@code jdk.incubator.vector} module is resolved in this JVM; its class is then loaded reflectively, so this class
 * links against neither the incubator module nor the vector benchmark.
 */
public final class CeilingProbe {
    static final String VECTOR_BENCHMARK = "org.sgdbench.bench.ceiling.PeakFmaVectorBenchmark";
    /** Arrays of all threads together span this many times the machine's last-level cache (STREAM's rule). */
    static final int LLC_MULTIPLE = 4;
    /** Assumed last-level cache when the OS reports none. */
    static final long DEFAULT_LLC_BYTES = 64L << 20;
    /** At least 2 M elements per array and thread (16 MB), far above any per-core private cache. */
    static final int MIN_ELEMENTS = 2_000_000;
    /** The arrays of all threads may take at most this fraction of physical memory. */
    static final double MAX_MEMORY_FRACTION = 0.25;

    /** JMH iteration settings of one group of benchmarks. */
    record Settings(int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {
        String describe() {
            return String.format(Locale.ROOT, "%d×%d ms warmup + %d×%d ms measurement",
                warmupIterations, warmupMillis, measurementIterations, measurementMillis);
        }
    }

    /**
     * Settings per benchmark group. The Vector API benchmark gets the longest warmup: until C2 has compiled it the
     * vector operations run boxed, orders of magnitude slower (about 1 s on a loaded 2-core machine).
     */
    record Plan(String name, Settings bandwidth, Settings scalarFma, Settings vectorFma) {
        String describe() {
            return "JMH Mode.Throughput, 1 fork per benchmark and thread count; bandwidth " + bandwidth.describe()
                + "; scalar FMA " + scalarFma.describe() + "; vector FMA " + vectorFma.describe();
        }
    }

    static final Plan QUICK = new Plan("quick",
        new Settings(1, 300, 3, 300), new Settings(2, 200, 3, 200), new Settings(6, 200, 3, 200));
    static final Plan FULL = new Plan("full",
        new Settings(3, 1000, 5, 1000), new Settings(3, 1000, 5, 1000), new Settings(5, 1000, 5, 1000));

    private CeilingProbe() {}

    /** Measures all ceilings without printing JMH's progress. */
    public static Ceilings measure(boolean quick, int threads) { return measure(quick, threads, false); }

    /**
     * Measures memory bandwidth (triad, read-only) and peak FMA (vector and scalar, F64 and F32) with one thread
     * and with {@code threads} threads.
     *
     * @param quick   short JMH iterations (the whole measurement then takes well under a minute)
     * @param threads threads of the "all threads" measurements, 1 … 4096
     * @param verbose print JMH's progress to standard output
     * @throws CeilingProbeException when JMH fails
     */
    public static Ceilings measure(boolean quick, int threads, boolean verbose) {
        org.sgdbench.problem.Limits.threads(threads);
        Plan plan = quick ? QUICK : FULL;
        HardwareProfile.Cpu cpu = HardwareProbe.cpu();
        long llc = HardwareProbe.totalLastLevelCacheBytes(cpu);
        long memory = HardwareProbe.totalMemoryBytes();
        boolean vector = VectorApiProbe.moduleResolved();

        String triad = name(MemoryBandwidthBenchmark.class, "triad");
        String read = name(MemoryBandwidthBenchmark.class, "readSum");
        String scalarF64 = name(PeakFmaBenchmark.class, "fmaF64");
        String scalarF32 = name(PeakFmaBenchmark.class, "fmaF32");
        String vectorF64 = VECTOR_BENCHMARK + ".fmaF64";
        String vectorF32 = VECTOR_BENCHMARK + ".fmaF32";
        int elementsOne = elementsPerThread(llc, 1, memory);
        int elementsAll = elementsPerThread(llc, threads, memory);

        Map<String, RunResult> one = new HashMap<>();
        Map<String, RunResult> all = new HashMap<>();
        for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            Map<String, RunResult> into = t == 1 ? one : all;
            int elements = t == 1 ? elementsOne : elementsAll;
            into.putAll(byName(run(List.of(triad, read), t, elements, plan.bandwidth(), verbose)));
            into.putAll(byName(run(List.of(scalarF64, scalarF32), t, elements, plan.scalarFma(), verbose)));
            if (vector) into.putAll(byName(run(List.of(vectorF64, vectorF32), t, elements, plan.vectorFma(), verbose)));
        }
        if (threads == 1) all = one;

        Accounting acc = new Accounting(llc, elementsOne, elementsAll);
        return new Ceilings(plan.name(), threads, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            Version.getPlainVersion(), plan.describe(),
            pair(acc, "triad", one, all, triad),
            pair(acc, "readSum", one, all, read),
            new Ceilings.FmaPeak(vector ? pair(acc, "vectorF64", one, all, vectorF64) : null,
                pair(acc, "scalarF64", one, all, scalarF64)),
            new Ceilings.FmaPeak(vector ? pair(acc, "vectorF32", one, all, vectorF32) : null,
                pair(acc, "scalarF32", one, all, scalarF32)));
    }

    /**
     * Elements per array and thread: the three arrays of all threads together span {@link #LLC_MULTIPLE} times the
     * last-level cache, at least {@link #MIN_ELEMENTS} per thread, at most {@link #MAX_MEMORY_FRACTION} of memory.
     */
    static int elementsPerThread(long totalLlcBytes, int threads, long physicalMemoryBytes) {
        long llc = totalLlcBytes > 0 ? totalLlcBytes : DEFAULT_LLC_BYTES;
        long bytesPerElement = MemoryBandwidthBenchmark.TRIAD_BYTES_PER_ELEMENT; // three arrays of doubles
        long wanted = Math.max(MIN_ELEMENTS, ceilDiv(LLC_MULTIPLE * llc, bytesPerElement * threads));
        long cap = physicalMemoryBytes > 0
            ? (long) (physicalMemoryBytes * MAX_MEMORY_FRACTION) / (bytesPerElement * threads)
            : wanted;
        long elements = Math.min(Math.min(wanted, cap), Integer.MAX_VALUE - 16);
        return (int) Math.max(elements, 1024);
    }

    /** Heap for a fork: the arrays of all threads plus room for JMH. */
    static long forkHeapMiB(int elementsPerThread, int threads) {
        long arrays = (long) elementsPerThread * MemoryBandwidthBenchmark.TRIAD_BYTES_PER_ELEMENT * threads;
        return (arrays + (arrays >> 3)) / (1 << 20) + 256;
    }

    /** Fully qualified JMH benchmark name of {@code method} of {@code benchmarkClass}. */
    static String name(Class<?> benchmarkClass, String method) { return benchmarkClass.getName() + "." + method; }

    /** JVM flags of every fork: the suite's flags (Vector API only where the JDK has it) and the heap. */
    static List<String> forkJvmArgs(int elementsPerThread, int threads) {
        List<String> args = new ArrayList<>();
        if (VectorApiProbe.moduleInJdk()) args.addAll(List.of("--add-modules", VectorApiProbe.MODULE));
        args.add("--enable-native-access=ALL-UNNAMED");
        args.add("-Xmx" + forkHeapMiB(elementsPerThread, threads) + "m");
        return args;
    }

    /** Runs {@code benchmarks} (fully qualified method names) with {@code threads} JMH threads. */
    static Collection<RunResult> run(List<String> benchmarks, int threads, int elementsPerThread, Settings settings,
                                     boolean verbose) {
        ChainedOptionsBuilder options = new OptionsBuilder()
            .threads(threads)
            .forks(1)
            .warmupIterations(settings.warmupIterations())
            .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
            .measurementIterations(settings.measurementIterations())
            .measurementTime(TimeValue.milliseconds(settings.measurementMillis()))
            .param("elements", Integer.toString(elementsPerThread))
            .jvmArgsAppend(forkJvmArgs(elementsPerThread, threads).toArray(String[]::new))
            .shouldFailOnError(true)
            .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        for (String b : benchmarks) options.include("^" + Pattern.quote(b) + "$");
        try {
            Collection<RunResult> results = new Runner(options.build()).run();
            if (results.size() < benchmarks.size()) {
                throw new CeilingProbeException("JMH returned " + results.size() + " results for " + benchmarks.size()
                    + " benchmarks " + benchmarks + " (is META-INF/BenchmarkList on the class path?)");
            }
            return results;
        } catch (RunnerException e) {
            throw new CeilingProbeException("JMH failed measuring " + benchmarks + " with " + threads + " threads: "
                + e.getMessage(), e);
        }
    }

    private static Map<String, RunResult> byName(Collection<RunResult> results) {
        Map<String, RunResult> m = new HashMap<>();
        for (RunResult r : results) m.put(r.getParams().getBenchmark(), r);
        return m;
    }

    private static Ceilings.ThreadPair pair(Accounting acc, String kind, Map<String, RunResult> one,
                                            Map<String, RunResult> all, String benchmark) {
        return new Ceilings.ThreadPair(
            acc.measurement(kind, require(one, benchmark), false), acc.measurement(kind, require(all, benchmark), true));
    }

    private static RunResult require(Map<String, RunResult> results, String benchmark) {
        RunResult r = results.get(benchmark);
        if (r == null) throw new CeilingProbeException("JMH gave no result for " + benchmark + "; got " + results.keySet());
        return r;
    }

    /** Work per JMH operation of each benchmark, and how it was counted. */
    record Accounting(long totalLlcBytes, int elementsOne, int elementsAll) {
        Ceilings.Measurement measurement(String kind, RunResult r, boolean allThreads) {
            int threads = r.getParams().getThreads();
            int elements = allThreads ? elementsAll : elementsOne;
            double work;
            String unit;
            String how;
            switch (kind) {
                case "triad" -> {
                    work = MemoryBandwidthBenchmark.triadBytesPerOperation(elements);
                    unit = "GB/s";
                    how = arrays(elements, threads) + "; one op = one STREAM triad a[i] = b[i] + s*c[i], "
                        + MemoryBandwidthBenchmark.TRIAD_BYTES_PER_ELEMENT + " B per element (2 loads + 1 store); "
                        + "write-allocate traffic of a[] (8 B/element more, no streaming stores from the JIT) is not "
                        + "counted, as in STREAM, so the figure compares with STREAM results and with kernels' declared "
                        + "bytes; true bus traffic is up to 4/3 of it";
                }
                case "readSum" -> {
                    work = MemoryBandwidthBenchmark.readBytesPerOperation(elements);
                    unit = "GB/s";
                    how = arrays(elements, threads) + "; one op = one read-only sum over the three arrays, "
                        + MemoryBandwidthBenchmark.READ_BYTES_PER_ELEMENT + " B per element (3 loads, no stores)";
                }
                case "scalarF64", "scalarF32" -> {
                    work = PeakFmaBenchmark.flopsPerOperation();
                    unit = "GFLOP/s";
                    how = "Math.fma on " + (kind.endsWith("F64") ? "double" : "float") + " scalars, "
                        + PeakFmaBenchmark.CHAINS + " independent chains; one op = one FMA = "
                        + PeakFmaBenchmark.FLOPS_PER_FMA + " flops";
                }
                case "vectorF64", "vectorF32" -> {
                    boolean f64 = kind.endsWith("F64");
                    int lanes = vectorLanes(f64);
                    work = (double) lanes * PeakFmaBenchmark.FLOPS_PER_FMA;
                    unit = "GFLOP/s";
                    how = (f64 ? "DoubleVector" : "FloatVector") + ".SPECIES_PREFERRED (" + lanes + " lanes, "
                        + lanes * (f64 ? 64 : 32) + " bits), " + PeakFmaBenchmark.CHAINS
                        + " independent chains; one op = one vector FMA = " + PeakFmaBenchmark.FLOPS_PER_FMA
                        + " flops per lane";
                }
                default -> throw new IllegalArgumentException(kind);
            }
            Result<?> primary = r.getPrimaryResult();
            double opsPerSecond = primary.getScore();
            double error = primary.getScoreError();
            return new Ceilings.Measurement(
                opsPerSecond * work / 1e9, Double.isFinite(error) ? error * work / 1e9 : null, unit, threads,
                r.getParams().getBenchmark(), opsPerSecond, work, how);
        }

        private String arrays(int elements, int threads) {
            long perThread = MemoryBandwidthBenchmark.triadBytesPerOperation(elements);
            long total = perThread * threads;
            return String.format(Locale.ROOT,
                "3 double arrays of %d elements per thread (%.0f MB per thread, %.0f MB in all = %.1f× the %s "
                    + "last-level cache of %.0f MB)",
                elements, perThread / 1e6, total / 1e6,
                total / (double) (totalLlcBytes > 0 ? totalLlcBytes : DEFAULT_LLC_BYTES),
                totalLlcBytes > 0 ? "machine's" : "assumed", (totalLlcBytes > 0 ? totalLlcBytes : DEFAULT_LLC_BYTES) / 1e6);
        }
    }

    /** Lanes of the preferred species, read from the vector benchmark class (only called when the module is resolved). */
    static int vectorLanes(boolean f64) {
        try {
            Class<?> c = Class.forName(VECTOR_BENCHMARK);
            return (Integer) c.getMethod(f64 ? "lanesF64" : "lanesF32").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CeilingProbeException("cannot read the Vector API lane count: " + e, e);
        }
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
