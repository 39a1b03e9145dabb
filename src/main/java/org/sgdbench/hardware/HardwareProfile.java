package org.sgdbench.hardware;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sgdbench.problem.Check;

/**
 * What a machine is, as written to {@code hardware-profiles/<profile-id>.json}: the hardware (CPU, caches, memory,
 * SIMD), the software that ran on it (OS, JVM, backends) and the measured {@link Ceilings}. Only the hardware part
 * enters {@link #profileId()} (see {@link ProfileIds}), so that the same machine keeps its id across OS and JVM
 * updates; the host name never enters it.
 *
 * @param profileId  stable id of the hardware, e.g. {@code intel-xeon-2c2t-24g-1a2b3c4d}
 * @param capturedAt ISO-8601 instant of the capture
 * @param ceilings   measured machine ceilings, or null when they were not measured
 */
public record HardwareProfile(
    String profileId,
    String capturedAt,
    Cpu cpu,
    long totalMemoryBytes,
    Os os,
    Jvm jvm,
    Simd simd,
    Map<String, BackendInfo> backends,
    Ceilings ceilings) {

    public HardwareProfile {
        Check.notNull("profileId", profileId);
        Check.notNull("cpu", cpu);
        Check.notNull("os", os);
        Check.notNull("jvm", jvm);
        Check.notNull("simd", simd);
        backends = backends == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(backends));
    }

    /** The same profile with other ceilings (e.g. measured after the capture). */
    public HardwareProfile withCeilings(Ceilings measured) {
        return new HardwareProfile(profileId, capturedAt, cpu, totalMemoryBytes, os, jvm, simd, backends, measured);
    }

    /**
     * The processor.
     *
     * @param vendor          CPUID vendor string, e.g. GenuineIntel, AuthenticAMD, ARM
     * @param model           marketing name, e.g. "Intel(R) Xeon(R) Platinum 8480+"
     * @param family          CPU family number as the OS reports it
     * @param modelNumber     CPU model number
     * @param stepping        CPU stepping
     * @param microarchitecture OSHI's microarchitecture guess, "unknown" when it has none
     * @param physicalCores   physical cores visible to the OS (all sockets)
     * @param logicalCores    hardware threads visible to the OS
     * @param sockets         physical packages
     * @param maxFrequencyHz  advertised maximum frequency, -1 when unknown
     * @param caches          every distinct cache level/type, largest level first
     */
    public record Cpu(
        String vendor,
        String model,
        String family,
        String modelNumber,
        String stepping,
        String microarchitecture,
        int physicalCores,
        int logicalCores,
        int sockets,
        long maxFrequencyHz,
        List<Cache> caches) {
        public Cpu {
            caches = caches == null ? List.of() : List.copyOf(caches);
        }
    }

    /**
     * One cache of one core or package.
     *
     * @param type          UNIFIED, DATA, INSTRUCTION or TRACE
     * @param sizeBytes     capacity of one instance in bytes
     * @param associativity ways, 0 when unknown
     */
    public record Cache(int level, String type, long sizeBytes, int lineSizeBytes, int associativity) {}

    /** @param bitness 32 or 64 as the OS reports it */
    public record Os(String name, String version, String arch, int bitness) {}

    /**
     * The JVM that captured the profile.
     *
     * @param availableProcessors {@code Runtime.availableProcessors()}: may be below the logical cores (cgroups)
     * @param maxHeapBytes        {@code Runtime.maxMemory()}
     * @param inputArguments      {@code RuntimeMXBean.getInputArguments()}
     */
    public record Jvm(
        String vendor, String name, String version, int availableProcessors, long maxHeapBytes,
        List<String> inputArguments) {
        public Jvm {
            inputArguments = inputArguments == null ? List.of() : List.copyOf(inputArguments);
        }
    }

    /**
     * SIMD capabilities.
     *
     * @param isaFlags  the SIMD-relevant CPU feature flags, sorted (sse*, avx*, avx512*, fma, amx*, neon/asimd*, sve*…)
     * @param vectorApi whether the JDK Vector API can run here and at which width
     */
    public record Simd(List<String> isaFlags, VectorApi vectorApi) {
        public Simd {
            isaFlags = isaFlags == null ? List.of() : List.copyOf(isaFlags);
        }
    }

    /**
     * The JDK incubator Vector API.
     *
     * @param moduleInJdk      the JDK ships {@code jdk.incubator.vector}
     * @param moduleResolved   the module is in this JVM's boot layer ({@code --add-modules jdk.incubator.vector})
     * @param preferredBitSize {@code VectorShape.preferredShape().vectorBitSize()}, null when not resolved
     * @param detail           how the answer was obtained, or why there is none
     */
    public record VectorApi(boolean moduleInJdk, boolean moduleResolved, Integer preferredBitSize, String detail) {}

    /**
     * One backend as probed on this machine.
     *
     * @param environment the backend's own description ({@code BackendProvider.environment()}): library versions,
     *                    BLAS, OpenCL platforms and devices…; empty when unavailable
     */
    public record BackendInfo(boolean available, String reason, Map<String, String> environment) {
        public BackendInfo {
            environment = environment == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(environment));
        }
    }
}
