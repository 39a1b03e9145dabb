package org.sgdbench.hardware;

import org.sgdbench.problem.Check;
import org.sgdbench.problem.Precision;

/**
 * Measured ceilings of a machine, the denominators of "% of machine ceiling" in throughput tables. All were timed
 * by JMH (see {@link CeilingProbe}); each {@link Measurement} says which benchmark produced it and how its work
 * was counted.
 *
 * @param mode           "quick" or "full" (JMH warmup/measurement lengths, see {@link #jmhSettings})
 * @param allThreads     threads of the "all threads" measurements
 * @param measuredAt     ISO-8601 instant
 * @param jmhVersion     JMH that timed them
 * @param jmhSettings    forks, warmup and measurement iterations of every measurement
 * @param triadBandwidth STREAM-triad memory bandwidth, GB/s (10^9 bytes per second)
 * @param readBandwidth  read-only streaming bandwidth, GB/s (what a read-dominated SpMV can hope for)
 * @param f64            peak FMA throughput in double precision, GFLOP/s
 * @param f32            peak FMA throughput in single precision, GFLOP/s
 * @param cacheRead      read-only bandwidth of arrays that fit in each cache level (L1, L2, L3), GB/s; empty when not
 *                       measured (profiles written before cache levels were measured)
 * @param devices        ceilings of OpenCL devices measured through Aparapi on the device itself; empty when none
 * @param nativeCheck    these ceilings against the same loops in native C measured around each of them
 *                       ({@code sgdbench profile --native-check}); null when not checked
 */
public record Ceilings(
    String mode,
    int allThreads,
    String measuredAt,
    String jmhVersion,
    String jmhSettings,
    ThreadPair triadBandwidth,
    ThreadPair readBandwidth,
    FmaPeak f64,
    FmaPeak f32,
    java.util.List<CacheLevel> cacheRead,
    java.util.List<Device> devices,
    NativeCheck nativeCheck) {

    /** Ceilings not checked against native C. */
    public Ceilings(String mode, int allThreads, String measuredAt, String jmhVersion, String jmhSettings,
                    ThreadPair triadBandwidth, ThreadPair readBandwidth, FmaPeak f64, FmaPeak f32,
                    java.util.List<CacheLevel> cacheRead, java.util.List<Device> devices) {
        this(mode, allThreads, measuredAt, jmhVersion, jmhSettings, triadBandwidth, readBandwidth, f64, f32, cacheRead,
            devices, null);
    }

    /** A profile without cache-level or device ceilings. */
    public Ceilings(String mode, int allThreads, String measuredAt, String jmhVersion, String jmhSettings,
                    ThreadPair triadBandwidth, ThreadPair readBandwidth, FmaPeak f64, FmaPeak f32) {
        this(mode, allThreads, measuredAt, jmhVersion, jmhSettings, triadBandwidth, readBandwidth, f64, f32, null, null);
    }

    /** A profile without device ceilings. */
    public Ceilings(String mode, int allThreads, String measuredAt, String jmhVersion, String jmhSettings,
                    ThreadPair triadBandwidth, ThreadPair readBandwidth, FmaPeak f64, FmaPeak f32,
                    java.util.List<CacheLevel> cacheRead) {
        this(mode, allThreads, measuredAt, jmhVersion, jmhSettings, triadBandwidth, readBandwidth, f64, f32, cacheRead, null);
    }

    /** The same ceilings with these device ceilings. */
    public Ceilings withDevices(java.util.List<Device> measured) {
        return new Ceilings(mode, allThreads, measuredAt, jmhVersion, jmhSettings, triadBandwidth, readBandwidth, f64,
            f32, cacheRead, measured, nativeCheck);
    }

    /**
     * The profile's ceilings against the same loops in native C ({@code scripts/native-ceilings.c}), each C figure
     * measured just before and just after the suite's own measurement of that ceiling, with the same array sizes and
     * thread count: both then see the same clock and the same neighbours.
     *
     * @param compiler   compiler and flags of the C loops
     * @param measuredAt ISO-8601 instant
     * @param tolerance  the relative distance from native C within which a ceiling counts as at the machine's limit
     * @param rows       one per ceiling and thread count
     */
    public record NativeCheck(String compiler, String measuredAt, double tolerance, java.util.List<NativeRow> rows) {
        public NativeCheck {
            rows = rows == null ? java.util.List.of() : java.util.List.copyOf(rows);
        }

        /** The rows farther from native C than {@link #tolerance}. */
        public java.util.List<NativeRow> outside() {
            return rows.stream().filter(r -> Math.abs(r.ratio() - 1) > tolerance).toList();
        }
    }

    /**
     * One ceiling against native C.
     *
     * @param ceiling       "F32 FMA", "F64 FMA", "triad", "read, memory", "read, L1" …
     * @param threads       threads of both measurements
     * @param unit          "GFLOP/s" or "GB/s"
     * @param suite         the profile's figure (what throughput rows are judged against)
     * @param nativeBefore  the C loop just before the suite's measurement
     * @param nativeAfter   the C loop just after it
     * @param nativeRecheck when the suite came out more than the tolerance above both C figures: the best of the C
     *                      loop measured again several times at the end of the sitting (a cloud machine can switch
     *                      between states for seconds or minutes: the two-thread memory bandwidth of the reference
     *                      VM was 53 GB/s and 120 GB/s in C two minutes apart); null otherwise
     * @param ratio         suite ÷ {@link #nativeFigure()}
     */
    public record NativeRow(String ceiling, int threads, String unit, double suite, double nativeBefore,
                            double nativeAfter, Double nativeRecheck, double ratio) {
        /** A row with its ratio computed, not rechecked. */
        public static NativeRow of(String ceiling, int threads, String unit, double suite, double nativeBefore,
                                   double nativeAfter) {
            return of(ceiling, threads, unit, suite, nativeBefore, nativeAfter, null);
        }

        /** A row with its ratio computed. */
        public static NativeRow of(String ceiling, int threads, String unit, double suite, double nativeBefore,
                                   double nativeAfter, Double nativeRecheck) {
            double mean = (nativeBefore + nativeAfter) / 2;
            double reference = nativeRecheck == null ? mean : Math.max(mean, nativeRecheck);
            return new NativeRow(ceiling, threads, unit, suite, nativeBefore, nativeAfter, nativeRecheck,
                suite / reference);
        }

        /**
         * The native figure the suite is compared with: the mean of the C figures before and after, or the recheck's
         * best when that is higher (native code did reach more in the same sitting).
         */
        public double nativeFigure() { return suite / ratio; }

        /** How far apart the two C figures are, relative to the larger: the sitting's own drift at this ceiling. */
        public double nativeDrift() {
            double hi = Math.max(nativeBefore, nativeAfter);
            return hi > 0 ? Math.abs(nativeBefore - nativeAfter) / hi : 0;
        }
    }

    /** The same ceilings with this native check. */
    public Ceilings withNativeCheck(NativeCheck check) {
        return new Ceilings(mode, allThreads, measuredAt, jmhVersion, jmhSettings, triadBandwidth, readBandwidth, f64,
            f32, cacheRead, devices, check);
    }

    /**
     * Ceilings of one OpenCL device, measured on it through Aparapi.
     *
     * @param device     the device description Aparapi rows record (e.g. "OpenCL GPU: … (vendor)")
     * @param f32Gflops  peak F32 FMA GFLOP/s
     * @param f64Gflops  peak F64 FMA GFLOP/s, null without double precision
     * @param readGBs    global-memory read bandwidth, GB/s
     * @param measuredAt ISO-8601 instant
     * @param accounting how they were measured
     */
    public record Device(String device, double f32Gflops, Double f64Gflops, double readGBs, String measuredAt,
                         String accounting) {}

    public Ceilings {
        cacheRead = cacheRead == null ? java.util.List.of() : java.util.List.copyOf(cacheRead);
        devices = devices == null ? java.util.List.of() : java.util.List.copyOf(devices);
        Check.atLeast("allThreads", allThreads, 1);
        Check.notNull("triadBandwidth", triadBandwidth);
        Check.notNull("readBandwidth", readBandwidth);
        Check.notNull("f64", f64);
        Check.notNull("f32", f32);
    }

    /** The best FMA throughput of {@code precision} (vector or scalar), GFLOP/s. */
    public double peakGflops(Precision precision, boolean allThreadsUsed) {
        return (precision == Precision.F64 ? f64 : f32).best(allThreadsUsed).value();
    }

    /** Memory bandwidth in GB/s: read-only streaming or STREAM triad. */
    public double bandwidthGBs(boolean readOnly, boolean allThreadsUsed) {
        return (readOnly ? readBandwidth : triadBandwidth).pick(allThreadsUsed).value();
    }

    /** Every measurement whose forks disagreed too much to be trusted (see {@link Measurement#flag}). */
    public java.util.List<String> flagged() {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.List<ThreadPair> pairs = new java.util.ArrayList<>(java.util.List.of(triadBandwidth, readBandwidth,
            f64.scalar(), f32.scalar()));
        if (f64.vector() != null) pairs.add(f64.vector());
        if (f32.vector() != null) pairs.add(f32.vector());
        for (CacheLevel c : cacheRead) pairs.add(c.read());
        for (ThreadPair p : pairs)
            for (Measurement m : java.util.List.of(p.oneThread(), p.allThreads()))
                if (m.flag() != null && !m.flag().isEmpty()) out.add(m.benchmark() + " (" + m.threads() + " threads): " + m.flag());
        return out;
    }

    /**
     * Read bandwidth of one cache level.
     *
     * @param level         "L1", "L2" or "L3"
     * @param capacityBytes one instance of the cache
     * @param shared        true when the instance is shared by the cores (the L3): the threads then split it
     * @param read          read-only bandwidth with arrays filling half the level (per thread: half the level for a
     *                      private cache, half its share of a shared one)
     */
    public record CacheLevel(String level, long capacityBytes, boolean shared, ThreadPair read) {
        public CacheLevel {
            Check.notNull("level", level);
            Check.notNull("read", read);
        }
    }

    /** One quantity measured with one thread and with all threads. */
    public record ThreadPair(Measurement oneThread, Measurement allThreads) {
        public ThreadPair {
            Check.notNull("oneThread", oneThread);
            Check.notNull("allThreads", allThreads);
        }

        /**
         * The one-thread measurement, or for all threads the larger of the two: what one thread reaches, all threads
         * reach too, so an all-thread figure below the one-thread one is noise, not a ceiling.
         */
        public Measurement pick(boolean allThreadsUsed) {
            if (!allThreadsUsed) return oneThread;
            return allThreads.value() >= oneThread.value() ? allThreads : oneThread;
        }
    }

    /**
     * Peak FMA throughput of one precision.
     *
     * @param vector JDK Vector API with the preferred species; null when the Vector API module is unavailable
     * @param scalar {@code Math.fma} on scalars
     */
    public record FmaPeak(ThreadPair vector, ThreadPair scalar) {
        public FmaPeak {
            Check.notNull("scalar", scalar);
        }

        /** The faster of the vector and scalar measurements. */
        public Measurement best(boolean allThreadsUsed) {
            Measurement s = scalar.pick(allThreadsUsed);
            if (vector == null) return s;
            Measurement v = vector.pick(allThreadsUsed);
            return v.value() >= s.value() ? v : s;
        }
    }

    /**
     * One JMH-timed ceiling. {@code value = operationsPerSecond × workPerOperation / 10^9} of the best fork: a
     * ceiling is a maximum, and a fork that ran while the machine was busy can only be slower.
     *
     * @param value               GB/s or GFLOP/s
     * @param error               JMH's 99.9 % confidence half-width in the same unit; null when JMH gave none
     * @param unit                "GB/s" or "GFLOP/s"
     * @param threads             JMH threads (each with its own state); the value is their sum
     * @param benchmark           fully qualified JMH benchmark method
     * @param operationsPerSecond JMH's primary score (ops/s, summed over threads)
     * @param workPerOperation    bytes or flops one JMH operation counts
     * @param accounting          how the work per operation was counted
     * @param forks               JMH forks measured (null in profiles written before forks were kept apart)
     * @param forkSpread          (best − worst fork) / best fork, null with one fork
     * @param flag                why this figure is not to be trusted (forks too far apart even after a repeat),
     *                            empty when it is; null in older profiles
     */
    public record Measurement(
        double value,
        Double error,
        String unit,
        int threads,
        String benchmark,
        double operationsPerSecond,
        double workPerOperation,
        String accounting,
        Integer forks,
        Double forkSpread,
        String flag) {

        /** A measurement of one fork, without spread. */
        public Measurement(double value, Double error, String unit, int threads, String benchmark,
                           double operationsPerSecond, double workPerOperation, String accounting) {
            this(value, error, unit, threads, benchmark, operationsPerSecond, workPerOperation, accounting, null, null, null);
        }
    }
}
