package org.sgdbench.hardware;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OperatingSystem;

/** Captures the {@link HardwareProfile} of the machine this JVM runs on (OSHI for hardware and OS). */
public final class HardwareProbe {
    private HardwareProbe() {}

    /**
     * The profile of this machine, with {@code ceilings} (null when not measured). Probes every {@link Backend}
     * for its availability and environment; a backend whose environment query fails is recorded as available with
     * the failure in its reason, not dropped.
     */
    public static HardwareProfile capture(Ceilings ceilings) {
        SystemInfo si = new SystemInfo();
        CentralProcessor processor = si.getHardware().getProcessor();
        HardwareProfile.Cpu cpu = cpu(processor);
        long memory = si.getHardware().getMemory().getTotal();
        List<String> isa = isaFlags(processor);
        String id = ProfileIds.of(cpu, memory, isa);
        return new HardwareProfile(
            id,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            cpu,
            memory,
            os(si.getOperatingSystem()),
            jvm(),
            new HardwareProfile.Simd(isa, VectorApiProbe.probe()),
            backends(),
            ceilings);
    }

    /** The processor of this machine (identity, topology, caches). */
    public static HardwareProfile.Cpu cpu() { return cpu(new SystemInfo().getHardware().getProcessor()); }

    /** Physical memory in bytes. */
    public static long totalMemoryBytes() { return new SystemInfo().getHardware().getMemory().getTotal(); }

    /** Size of the largest data or unified cache in bytes (one instance), or -1 when none is reported. */
    public static long lastLevelCacheBytes(HardwareProfile.Cpu cpu) {
        return cpu.caches().stream()
            .filter(c -> !"INSTRUCTION".equals(c.type()) && !"TRACE".equals(c.type()))
            .max(Comparator.comparingInt(HardwareProfile.Cache::level)
                .thenComparingLong(HardwareProfile.Cache::sizeBytes))
            .map(HardwareProfile.Cache::sizeBytes)
            .orElse(-1L);
    }

    /**
     * Bytes of last-level cache in the whole machine: one instance times the number of instances. Linux: the
     * instances are the distinct {@code shared_cpu_list}s of that cache level in sysfs (AMD has one L3 per CCD,
     * several per socket); elsewhere one instance per socket is assumed. -1 when no cache is reported.
     */
    public static long totalLastLevelCacheBytes(HardwareProfile.Cpu cpu) {
        long one = lastLevelCacheBytes(cpu);
        if (one <= 0) return -1;
        int level = cpu.caches().stream()
            .filter(c -> c.sizeBytes() == one).mapToInt(HardwareProfile.Cache::level).max().orElse(0);
        int instances = cacheInstances(Path.of("/sys/devices/system/cpu"), level);
        return one * Math.max(instances > 0 ? instances : cpu.sockets(), 1);
    }

    /** Distinct sharing sets of the data/unified caches of {@code level} under a sysfs cpu folder; 0 if unknown. */
    static int cacheInstances(Path sysCpu, int level) {
        Set<String> sharing = new HashSet<>();
        try (var cpus = Files.newDirectoryStream(sysCpu, "cpu[0-9]*")) {
            for (Path cpuDir : cpus) {
                Path cacheDir = cpuDir.resolve("cache");
                if (!Files.isDirectory(cacheDir)) continue;
                try (var indices = Files.newDirectoryStream(cacheDir, "index[0-9]*")) {
                    for (Path index : indices) {
                        String lvl = Files.readString(index.resolve("level")).trim();
                        String type = Files.readString(index.resolve("type")).trim();
                        if (!lvl.equals(Integer.toString(level)) || type.equals("Instruction")) continue;
                        sharing.add(Files.readString(index.resolve("shared_cpu_list")).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return sharing.size();
    }

    static HardwareProfile.Cpu cpu(CentralProcessor p) {
        CentralProcessor.ProcessorIdentifier id = p.getProcessorIdentifier();
        List<HardwareProfile.Cache> caches = new ArrayList<>();
        for (CentralProcessor.ProcessorCache c : p.getProcessorCaches()) {
            caches.add(new HardwareProfile.Cache(
                c.getLevel(), c.getType().name(), Integer.toUnsignedLong(c.getCacheSize()), c.getLineSize(),
                Byte.toUnsignedInt(c.getAssociativity())));
        }
        return new HardwareProfile.Cpu(
            nonBlank(id.getVendor()), nonBlank(id.getName()).trim(), nonBlank(id.getFamily()),
            nonBlank(id.getModel()), nonBlank(id.getStepping()), nonBlank(id.getMicroarchitecture()),
            p.getPhysicalProcessorCount(), p.getLogicalProcessorCount(), p.getPhysicalPackageCount(),
            p.getMaxFreq(), normaliseCaches(caches));
    }

    /**
     * Sorted (largest level first, then type), distinct, and in bytes. OSHI 6.8 on Linux reports the sysfs sizes
     * ("48K") in KiB rather than bytes; an L1 cache smaller than 1 KiB does not exist, so an L1 reported below 1024
     * means every size is in KiB and is scaled.
     */
    static List<HardwareProfile.Cache> normaliseCaches(List<HardwareProfile.Cache> raw) {
        boolean inKiB = raw.stream().anyMatch(c -> c.level() == 1 && c.sizeBytes() > 0 && c.sizeBytes() < 1024);
        return raw.stream()
            .map(c -> inKiB
                ? new HardwareProfile.Cache(c.level(), c.type(), c.sizeBytes() * 1024, c.lineSizeBytes(), c.associativity())
                : c)
            .distinct()
            .sorted(Comparator.comparingInt(HardwareProfile.Cache::level).reversed()
                .thenComparing(HardwareProfile.Cache::type))
            .toList();
    }

    static List<String> isaFlags(CentralProcessor p) {
        List<String> flags = IsaFlags.simdRelevant(p.getFeatureFlags());
        if (flags.isEmpty()) flags = IsaFlags.simdRelevant(IsaFlags.procCpuinfoFeatureLines(Path.of("/proc/cpuinfo")));
        return flags;
    }

    static HardwareProfile.Os os(OperatingSystem os) {
        return new HardwareProfile.Os(
            nonBlank(os.getFamily()), String.valueOf(os.getVersionInfo()), System.getProperty("os.arch"), os.getBitness());
    }

    static HardwareProfile.Jvm jvm() {
        Runtime rt = Runtime.getRuntime();
        return new HardwareProfile.Jvm(
            System.getProperty("java.vm.vendor"),
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version", System.getProperty("java.version")),
            rt.availableProcessors(),
            rt.maxMemory(),
            ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static Map<String, HardwareProfile.BackendInfo> backends() {
        Map<String, HardwareProfile.BackendInfo> out = new TreeMap<>();
        for (Backend b : Backend.values()) {
            Availability a = b.availability();
            Map<String, String> env = Map.of();
            String reason = a.reason();
            if (a.available()) {
                try {
                    env = b.provider().map(BackendProvider::environment).orElse(Map.of());
                } catch (RuntimeException | LinkageError e) {
                    reason = reason + "; environment() failed: " + e;
                }
            }
            out.put(b.id(), new HardwareProfile.BackendInfo(a.available(), reason, env));
        }
        return out;
    }

    private static String nonBlank(String s) { return s == null || s.isBlank() ? "unknown" : s; }
}
