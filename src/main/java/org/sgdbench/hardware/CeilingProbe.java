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
import org.openjdk.jmh.results.BenchmarkResult;
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

    /** JMH fork and iteration settings of one group of benchmarks. */
    record Settings(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {
        /** One fork. */
        Settings(int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {
            this(1, warmupIterations, warmupMillis, measurementIterations, measurementMillis);
        }

        String describe() {
            return String.format(Locale.ROOT, "%d forks × (%d×%d ms warmup + %d×%d ms measurement)",
                forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis);
        }
    }

    /** Forks farther apart than this (relative to the best) are measured once more, then flagged if still apart. */
    static final double MAX_FORK_SPREAD = 0.10;

    /**
     * Settings per benchmark group. The Vector API benchmark gets the longest warmup: until C2 has compiled it the
     * vector operations run boxed, orders of magnitude slower (about 1 s on a loaded 2-core machine).
     */
    record Plan(String name, Settings bandwidth, Settings cache, Settings scalarFma, Settings vectorFma) {
        String describe() {
            return "JMH Mode.Throughput per benchmark and thread count, best fork kept (a ceiling is a maximum), "
                + "forks more than " + Math.round(100 * MAX_FORK_SPREAD) + " % apart measured again, then flagged; "
                + "memory bandwidth " + bandwidth.describe() + "; cache levels " + cache.describe()
                + "; scalar FMA " + scalarFma.describe() + "; vector FMA " + vectorFma.describe();
        }
    }

    // cache levels use the Vector API benchmark: the same long warmup as the vector FMA (a fork measured before C2
    // compiled it runs boxed, ~1000x slower: seen as a 100 % fork spread on a loaded 2-core machine)
    static final Plan QUICK = new Plan("quick",
        new Settings(2, 1, 300, 3, 300), new Settings(2, 6, 200, 3, 200), new Settings(2, 2, 200, 3, 200),
        new Settings(2, 6, 200, 3, 200));
    static final Plan FULL = new Plan("full",
        new Settings(3, 3, 1000, 5, 1000), new Settings(3, 5, 1000, 5, 1000), new Settings(3, 3, 1000, 5, 1000),
        new Settings(3, 5, 1000, 5, 1000));
    static final String VECTOR_READ_BENCHMARK = "org.sgdbench.bench.ceiling.ReadBandwidthVectorBenchmark.readSum";

    private CeilingProbe() {}

    /** Measures all ceilings without printing JMH's progress. */
    public static Ceilings measure(boolean quick, int threads) { return measure(quick, threads, false); }

    /** {@link #measure(boolean, int, boolean, NativeBracket)} without a native check. */
    public static Ceilings measure(boolean quick, int threads, boolean verbose) {
        return measure(quick, threads, verbose, null);
    }

    /** C measurements of a ceiling that came out above both of its bracketing C figures (see {@link Bracketing#check}). */
    static final int RECHECKS = 5;

    /** Relative distance from native C within which a ceiling is taken as the machine's limit. */
    public static final double NATIVE_TOLERANCE = 0.10;

    /**
     * The same loops in native code, measured one ceiling at a time around the suite's own measurement of it (see
     * {@link NativeCeilings}).
     */
    public interface NativeBracket {
        /**
         * GFLOP/s ({@code fma-f64}, {@code fma-f32}) or GB/s ({@code triad}, {@code read}) of the native loop.
         *
         * @param elements doubles per array and thread (ignored by the FMA kinds)
         */
        double measure(String kind, int threads, int elements);

        /** Compiler and flags, for the record. */
        String compiler();
    }

    /**
     * Measures memory bandwidth (triad, read-only), the read bandwidth of each cache level and peak FMA (vector and
     * scalar, F64 and F32) with one thread and with {@code threads} threads.
     *
     * @param quick   short JMH iterations and 2 forks (about two minutes on 2 cores); otherwise 3 longer forks
     * @param threads threads of the "all threads" measurements, 1 … 4096
     * @param verbose print JMH's progress to standard output
     * @param bracket when not null, each ceiling's native loop is measured just before and just after the suite's
     *                measurement of it, and the comparison is recorded in {@link Ceilings#nativeCheck()}
     * @throws CeilingProbeException when JMH (or the native loop) fails
     */
    public static Ceilings measure(boolean quick, int threads, boolean verbose, NativeBracket bracket) {
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
        Accounting acc = new Accounting(llc, elementsOne, elementsAll);
        int[] threadCounts = threads == 1 ? new int[] {1} : new int[] {1, threads};
        Bracketing natives = new Bracketing(bracket);

        Map<String, Ceilings.Measurement[]> m = new HashMap<>(); // kind → {one thread, all threads}
        for (int ti = 0; ti < threadCounts.length; ti++) {
            int t = threadCounts[ti];
            int elements = t == 1 ? elementsOne : elementsAll;
            List<String> memoryGroup = new ArrayList<>(List.of(triad, read));
            if (vector) memoryGroup.add(VECTOR_READ_BENCHMARK);
            List<NativeFigure> memoryNatives = List.of(new NativeFigure("triad", "triad", "GB/s", t, elements),
                new NativeFigure("read, memory", "read", "GB/s", t, elements));
            natives.before(memoryNatives);
            Map<String, List<Fork>> mem = runBest(memoryGroup, t, elements, plan.bandwidth(), verbose);
            natives.after(memoryNatives);
            put(m, "triad", ti, acc.measurement("triad", triad, t, elements, mem.get(triad)));
            put(m, "readSum", ti, best(acc.measurement("readSum", read, t, elements, mem.get(read)),
                vector ? acc.measurement("readSum", VECTOR_READ_BENCHMARK, t, elements, mem.get(VECTOR_READ_BENCHMARK)) : null));
            natives.suite("triad", t, m.get("triad")[ti].value());
            natives.suite("read, memory", t, m.get("readSum")[ti].value());
            List<NativeFigure> fmaNatives = List.of(new NativeFigure("F64 FMA", "fma-f64", "GFLOP/s", t, 0),
                new NativeFigure("F32 FMA", "fma-f32", "GFLOP/s", t, 0));
            natives.before(fmaNatives);
            Map<String, List<Fork>> scalar = runBest(List.of(scalarF64, scalarF32), t, elements, plan.scalarFma(), verbose);
            put(m, "scalarF64", ti, acc.measurement("scalarF64", scalarF64, t, elements, scalar.get(scalarF64)));
            put(m, "scalarF32", ti, acc.measurement("scalarF32", scalarF32, t, elements, scalar.get(scalarF32)));
            if (vector) {
                Map<String, List<Fork>> vec = runBest(List.of(vectorF64, vectorF32), t, elements, plan.vectorFma(), verbose);
                put(m, "vectorF64", ti, acc.measurement("vectorF64", vectorF64, t, elements, vec.get(vectorF64)));
                put(m, "vectorF32", ti, acc.measurement("vectorF32", vectorF32, t, elements, vec.get(vectorF32)));
            }
            natives.after(fmaNatives);
            natives.suite("F64 FMA", t, best(m.get("scalarF64")[ti], vector ? m.get("vectorF64")[ti] : null).value());
            natives.suite("F32 FMA", t, best(m.get("scalarF32")[ti], vector ? m.get("vectorF32")[ti] : null).value());
            for (CacheSize c : cacheSizes(cpu, llc)) {
                int e = cacheElements(c, t);
                String bench = vector ? VECTOR_READ_BENCHMARK : read;
                List<NativeFigure> cacheNative = List.of(new NativeFigure("read, L" + c.level(), "read", "GB/s", t, e));
                natives.before(cacheNative);
                Map<String, List<Fork>> r = runBest(List.of(bench), t, e, plan.cache(), verbose);
                natives.after(cacheNative);
                put(m, "cache" + c.level(), ti, acc.measurement("cacheRead", bench, t, e, r.get(bench)));
                natives.suite("read, L" + c.level(), t, m.get("cache" + c.level())[ti].value());
            }
        }
        if (threads == 1) for (Ceilings.Measurement[] pair : m.values()) pair[1] = pair[0];

        List<Ceilings.CacheLevel> levels = new ArrayList<>();
        for (CacheSize c : cacheSizes(cpu, llc))
            levels.add(new Ceilings.CacheLevel("L" + c.level(), c.bytes(), c.shared(), pair(m, "cache" + c.level())));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new Ceilings(plan.name(), threads, now,
            Version.getPlainVersion(), plan.describe(), pair(m, "triad"), pair(m, "readSum"),
            new Ceilings.FmaPeak(vector ? pair(m, "vectorF64") : null, pair(m, "scalarF64")),
            new Ceilings.FmaPeak(vector ? pair(m, "vectorF32") : null, pair(m, "scalarF32")), levels, null,
            natives.check(now));
    }

    /** One native figure to take around a suite measurement: the row it belongs to and the C loop that gives it. */
    record NativeFigure(String ceiling, String kind, String unit, int threads, int elements) {}

    /**
     * Collects the native figures taken before and after each suite measurement and the suite's figure between them;
     * does nothing without a {@link NativeBracket}.
     */
    static final class Bracketing {
        private final NativeBracket bracket;
        private final Map<String, double[]> figures = new java.util.LinkedHashMap<>(); // row → {before, after, suite}
        private final Map<String, NativeFigure> rows = new HashMap<>();
        private final long pauseMillis;

        Bracketing(NativeBracket bracket) { this(bracket, 1000); }

        Bracketing(NativeBracket bracket, long pauseMillis) {
            this.bracket = bracket;
            this.pauseMillis = pauseMillis;
        }

        private static String key(String ceiling, int threads) { return ceiling + "@" + threads; }

        private double[] slot(String ceiling, int threads) {
            return figures.computeIfAbsent(key(ceiling, threads), k -> new double[] {Double.NaN, Double.NaN, Double.NaN});
        }

        void before(List<NativeFigure> list) { take(list, 0); }

        void after(List<NativeFigure> list) { take(list, 1); }

        private void take(List<NativeFigure> list, int which) {
            if (bracket == null) return;
            // after the suite's measurement, in reverse order: each suite figure then sits symmetrically between its
            // two native figures in time
            List<NativeFigure> ordered = which == 0 ? list : list.reversed();
            for (NativeFigure f : ordered) {
                rows.put(key(f.ceiling(), f.threads()), f);
                slot(f.ceiling(), f.threads())[which] = bracket.measure(f.kind(), f.threads(), f.elements());
            }
        }

        void suite(String ceiling, int threads, double value) {
            if (bracket != null) slot(ceiling, threads)[2] = value;
        }

        /**
         * The comparison, or null without a bracket. A suite figure more than the tolerance above both of its C
         * figures is checked again: the C loop is measured {@link #RECHECKS} more times, a second apart, and its best
         * kept (a ceiling is a maximum; native code reaching the suite's figure in the same sitting confirms it).
         */
        Ceilings.NativeCheck check(String measuredAt) {
            if (bracket == null) return null;
            List<Ceilings.NativeRow> out = new ArrayList<>();
            figures.forEach((k, v) -> {
                NativeFigure f = rows.get(k);
                Ceilings.NativeRow row = Ceilings.NativeRow.of(f.ceiling(), f.threads(), f.unit(), v[2], v[0], v[1]);
                if (row.ratio() > 1 + NATIVE_TOLERANCE) {
                    double best = 0;
                    for (int i = 0; i < RECHECKS; i++) {
                        if (i > 0) pause();
                        best = Math.max(best, bracket.measure(f.kind(), f.threads(), f.elements()));
                    }
                    row = Ceilings.NativeRow.of(f.ceiling(), f.threads(), f.unit(), v[2], v[0], v[1], best);
                }
                out.add(row);
            });
            return new Ceilings.NativeCheck(bracket.compiler(), measuredAt, NATIVE_TOLERANCE, out);
        }

        private void pause() {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CeilingProbeException("interrupted", e);
            }
        }
    }

    /** A cache level to measure: capacity of one instance, and whether the cores share it. */
    record CacheSize(int level, long bytes, boolean shared) {}

    /** L1 (data) and L2 per core; the last level (L3) shared: its total over the machine's instances. */
    static List<CacheSize> cacheSizes(HardwareProfile.Cpu cpu, long totalLlcBytes) {
        List<CacheSize> out = new ArrayList<>();
        for (int level = 1; level <= 3; level++) {
            int l = level;
            long size = cpu.caches().stream().filter(c -> c.level() == l && !"INSTRUCTION".equals(c.type())
                && !"TRACE".equals(c.type())).mapToLong(HardwareProfile.Cache::sizeBytes).max().orElse(0);
            if (size <= 0) continue;
            boolean shared = level == 3;
            out.add(new CacheSize(level, shared && totalLlcBytes > 0 ? totalLlcBytes : size, shared));
        }
        return out;
    }

    /**
     * Elements per array and thread for a cache level: the three arrays of a thread fill half of its cache (the
     * other half for the stack, JMH and whatever else lives there); a shared cache is split between the threads.
     */
    static int cacheElements(CacheSize c, int threads) {
        long perThread = c.shared() ? c.bytes() / threads : c.bytes();
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE - 16, perThread / 2 / MemoryBandwidthBenchmark.READ_BYTES_PER_ELEMENT));
    }

    /** The score of one JMH fork: its mean over measurement iterations (ops/s) and JMH's error of that mean. */
    record Fork(double score, double error) {}

    /**
     * Runs a group and keeps every fork apart; a benchmark whose forks differ by more than {@link #MAX_FORK_SPREAD}
     * gets a second round of forks (all kept: the best of both rounds wins).
     */
    static Map<String, List<Fork>> runBest(List<String> benchmarks, int threads, int elements, Settings settings,
                                           boolean verbose) {
        Map<String, List<Fork>> forks = forksByName(run(benchmarks, threads, elements, settings, verbose));
        List<String> again = benchmarks.stream().filter(b -> spread(forks.get(b)) > MAX_FORK_SPREAD).toList();
        if (!again.isEmpty())
            forksByName(run(again, threads, elements, settings, verbose)).forEach((b, f) -> forks.get(b).addAll(f));
        return forks;
    }

    static double spread(List<Fork> forks) {
        if (forks == null || forks.size() < 2) return 0;
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (Fork f : forks) {
            max = Math.max(max, f.score());
            min = Math.min(min, f.score());
        }
        return max > 0 ? (max - min) / max : 0;
    }

    private static Map<String, List<Fork>> forksByName(Collection<RunResult> results) {
        Map<String, List<Fork>> m = new HashMap<>();
        for (RunResult r : results) {
            List<Fork> f = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults())
                f.add(new Fork(b.getPrimaryResult().getScore(), b.getPrimaryResult().getScoreError()));
            m.put(r.getParams().getBenchmark(), f);
        }
        return m;
    }

    private static void put(Map<String, Ceilings.Measurement[]> m, String kind, int threadIndex, Ceilings.Measurement v) {
        m.computeIfAbsent(kind, k -> new Ceilings.Measurement[2])[threadIndex] = v;
    }

    private static Ceilings.ThreadPair pair(Map<String, Ceilings.Measurement[]> m, String kind) {
        Ceilings.Measurement[] p = m.get(kind);
        if (p == null || p[0] == null || p[1] == null) throw new CeilingProbeException("no measurement of " + kind);
        return new Ceilings.ThreadPair(p[0], p[1]);
    }

    private static Ceilings.Measurement best(Ceilings.Measurement a, Ceilings.Measurement b) {
        return b == null || a.value() >= b.value() ? a : b;
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

    /**
     * JVM flags of every fork: the suite's flags (Vector API only where the JDK has it), 64-byte object alignment,
     * transparent huge pages and the heap.
     */
    static List<String> forkJvmArgs(int elementsPerThread, int threads) {
        List<String> args = new ArrayList<>();
        if (VectorApiProbe.moduleInJdk()) args.addAll(List.of("--add-modules", VectorApiProbe.MODULE));
        args.add("--enable-native-access=ALL-UNNAMED");
        // 64-byte aligned objects, so that the vector read benchmark's loads do not split cache lines (a constant:
        // javac inlines it, this class still does not link against the vector benchmark)
        args.add(org.sgdbench.bench.ceiling.ReadBandwidthVectorBenchmark.OBJECT_ALIGNMENT_FLAG);
        // the heap on transparent huge pages where the OS offers them (madvise mode; elsewhere the JVM says so in the
        // fork's log and goes on with small pages): fewer TLB misses, 5-8 % more read bandwidth from L3 on a Zen 5
        // core, in Java and in C alike (scripts/native-ceilings.c advises its large arrays the same way)
        args.add(TRANSPARENT_HUGE_PAGES_FLAG);
        args.add("-Xmx" + forkHeapMiB(elementsPerThread, threads) + "m");
        return args;
    }

    /** The JVM flag that puts the ceiling forks' heap on transparent huge pages. */
    static final String TRANSPARENT_HUGE_PAGES_FLAG = "-XX:+UseTransparentHugePages";

    /** Runs {@code benchmarks} (fully qualified method names) with {@code threads} JMH threads. */
    static Collection<RunResult> run(List<String> benchmarks, int threads, int elementsPerThread, Settings settings,
                                     boolean verbose) {
        ChainedOptionsBuilder options = new OptionsBuilder()
            .threads(threads)
            .forks(Math.max(1, settings.forks()))
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

    /** Work per JMH operation of each benchmark, and how it was counted. */
    record Accounting(long totalLlcBytes, int elementsOne, int elementsAll) {
        Ceilings.Measurement measurement(String kind, String benchmark, int threads, int elements, List<Fork> forks) {
            if (forks == null || forks.isEmpty()) throw new CeilingProbeException("JMH gave no result for " + benchmark);
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
                        + MemoryBandwidthBenchmark.READ_BYTES_PER_ELEMENT + " B per element (3 loads, no stores)"
                        + (benchmark.equals(VECTOR_READ_BENCHMARK) ? ", Vector API loads" : ", scalar loads");
                }
                case "cacheRead" -> {
                    work = MemoryBandwidthBenchmark.readBytesPerOperation(elements);
                    unit = "GB/s";
                    how = String.format(Locale.ROOT, "3 double arrays of %d elements per thread (%.1f KB per thread), "
                        + "one op = one read-only sum over them, %d B per element, %s loads", elements,
                        MemoryBandwidthBenchmark.readBytesPerOperation(elements) / 1e3,
                        MemoryBandwidthBenchmark.READ_BYTES_PER_ELEMENT,
                        benchmark.equals(VECTOR_READ_BENCHMARK) ? "Vector API" : "scalar");
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
            Fork best = forks.stream().max(java.util.Comparator.comparingDouble(Fork::score)).orElseThrow();
            double spread = spread(forks);
            String flag = spread > MAX_FORK_SPREAD
                ? String.format(Locale.ROOT, "forks %.0f %% apart even after a repeat (a busy machine?): measure again "
                    + "with `sgdbench profile --remeasure` on a quiet machine", 100 * spread) : "";
            double opsPerSecond = best.score();
            double error = best.error();
            return new Ceilings.Measurement(
                opsPerSecond * work / 1e9, Double.isFinite(error) ? error * work / 1e9 : null, unit, threads,
                benchmark, opsPerSecond, work, how + String.format(Locale.ROOT, "; best of %d forks", forks.size()),
                forks.size(), forks.size() > 1 ? spread : null, flag);
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
