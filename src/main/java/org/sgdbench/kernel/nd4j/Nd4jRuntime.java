package org.sgdbench.kernel.nd4j;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.sgdbench.kernel.Availability;

/**
 * The process-wide side of ND4J: loading the backend (natives), thread settings and what to record about them.
 *
 * <p>Threads. libnd4j keeps its thread counts in one process-global {@code sd::Environment}. Observed with
 * 1.0.0-M2.1: {@link Environment#maxThreads()} is fixed when the natives load (OMP_NUM_THREADS if set, else the
 * core count) and {@link Environment#setMaxThreads} does not change it; {@link Environment#setMaxMasterThreads}
 * sets the threads an op's parallel loops use and is capped at maxThreads; {@code Nd4j.factory().blas()
 * .setMaxThreads} sets OpenBLAS's pool (not used by the element-wise ops of these kernels, set for consistency).
 * So a kernel gets min(requested, maxThreads) op threads; to oversubscribe the cores, start the JVM with
 * OMP_NUM_THREADS. Because the settings are global, every ND4J kernel re-applies its own count at the start of
 * each {@code advance}/{@code step} (native setter calls, negligible next to a step) and reports the effective
 * count in {@code device()}. Element-wise ops shorter than {@link Environment#elementwiseThreshold()} run on
 * one thread whatever the setting.
 */
final class Nd4jRuntime {
    private static volatile Availability availability;

    private Nd4jRuntime() {}

    /** Loads ND4J once; never throws: missing natives or an unsupported platform give an unavailable answer. */
    static Availability probe() {
        Availability a = availability;
        if (a == null) {
            synchronized (Nd4jRuntime.class) {
                a = availability;
                if (a == null) availability = a = load();
            }
        }
        return a;
    }

    private static Availability load() {
        try {
            Object backend = Nd4j.getBackend();
            // A tiny computation proves that the native library is loaded and works, not just that classes exist.
            INDArray probe = Nd4j.createFromArray(1.0f, 2.0f, 3.0f);
            probe.muli(2.0f).addi(1.0f);
            double sum = probe.sumNumber().doubleValue();
            if (sum != 15.0) return Availability.no("ND4J self-check computed " + sum + " instead of 15");
            return Availability.yes("ND4J " + version() + " " + backend.getClass().getSimpleName() + ", BLAS "
                + Nd4j.factory().blas().getBlasVendor());
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            return Availability.no("ND4J failed to initialise: " + root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    /**
     * Asks for {@code threads} op threads (libnd4j master threads, capped at its maxThreads) and OpenBLAS threads;
     * returns the op threads actually in effect.
     */
    static int applyThreads(int threads) {
        Environment env = Nd4j.getEnvironment();
        int effective = Math.min(threads, env.maxThreads());
        if (env.maxMasterThreads() != effective) env.setMaxMasterThreads(effective);
        if (Nd4j.factory().blas().getMaxThreads() != threads) Nd4j.factory().blas().setMaxThreads(threads);
        return env.maxMasterThreads();
    }

    /** What {@link #applyThreads} would give, without changing anything. */
    static int effectiveThreads(int threads) {
        return Math.min(threads, Nd4j.getEnvironment().maxThreads());
    }

    /**
     * libgomp's wait policy of this process (the launcher sets PASSIVE unless the user chose): with ACTIVE, or unset
     * (spin, then sleep), idle OpenMP workers spin between ND4J ops and take the cores from the Java threads.
     */
    static String ompWaitPolicy() {
        String p = System.getenv("OMP_WAIT_POLICY");
        return p == null || p.isBlank() ? "unset (spin then sleep)" : p.trim();
    }

    static DataType dataType(org.sgdbench.problem.Precision precision) {
        return precision == org.sgdbench.problem.Precision.F64 ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** ND4J's version from its Maven metadata (present in the plain and the shaded jar). */
    static String version() { return mavenVersion("org.nd4j", "nd4j-api"); }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Nd4j.class.getResourceAsStream(resource)) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** What the backend runs on, for the hardware profile: only called when {@link #probe()} is available. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("nd4j.version", version());
        env.put("nd4j.backend", Nd4j.getBackend().getClass().getName());
        env.put("nd4j.blas.vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        // Environment.blasMajorVersion() answers 0.0.0 on the CPU backend: take the bundled OpenBLAS's version.
        env.put("nd4j.blas.artifact", "org.bytedeco:openblas:" + mavenVersion("org.bytedeco", "openblas"));
        Environment e = Nd4j.getEnvironment();
        env.put("nd4j.maxThreads", Integer.toString(e.maxThreads()));
        env.put("nd4j.maxMasterThreads", Integer.toString(e.maxMasterThreads()));
        env.put("nd4j.blas.threads", Integer.toString(Nd4j.factory().blas().getMaxThreads()));
        env.put("nd4j.elementwiseThreshold", Integer.toString(e.elementwiseThreshold()));
        env.put("omp.waitPolicy", ompWaitPolicy());
        env.put("nd4j.threads.setting", "per kernel call: Environment.setMaxMasterThreads(min(threads, maxThreads))"
            + " + Blas.setMaxThreads(threads); maxThreads fixed at load (OMP_NUM_THREADS or cores)");
        try {
            env.put("javacpp.version", org.bytedeco.javacpp.Loader.getVersion());
            env.put("javacpp.platform", org.bytedeco.javacpp.Loader.getPlatform());
        } catch (Throwable ignored) {
            // JavaCPP metadata is informative only.
        }
        return env;
    }
}
