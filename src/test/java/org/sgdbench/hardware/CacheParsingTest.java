package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache sizes normalised to bytes, sorted, and last-level instances counted from sysfs. */
class CacheParsingTest {
    @Test
    void sizesReportedInKibAreScaledToBytesAndSortedLargestLevelFirst() {
        List<HardwareProfile.Cache> oshi = List.of(
            new HardwareProfile.Cache(1, "DATA", 48, 64, 12),
            new HardwareProfile.Cache(3, "UNIFIED", 307200, 64, 20),
            new HardwareProfile.Cache(1, "INSTRUCTION", 32, 64, 8),
            new HardwareProfile.Cache(2, "UNIFIED", 2048, 64, 16));
        List<HardwareProfile.Cache> caches = HardwareProbe.normaliseCaches(oshi);
        assertThat(caches).extracting(HardwareProfile.Cache::sizeBytes)
            .containsExactly(300L << 20, 2L << 20, 48L << 10, 32L << 10);
        assertThat(caches).extracting(HardwareProfile.Cache::type)
            .containsExactly("UNIFIED", "UNIFIED", "DATA", "INSTRUCTION");
    }

    @Test
    void sizesAlreadyInBytesAreKeptAndDuplicatesDropped() {
        HardwareProfile.Cache l1 = new HardwareProfile.Cache(1, "DATA", 32768, 64, 8);
        HardwareProfile.Cache l2 = new HardwareProfile.Cache(2, "UNIFIED", 1 << 20, 64, 16);
        assertThat(HardwareProbe.normaliseCaches(List.of(l1, l2, l1))).containsExactly(l2, l1);
    }

    @Test
    void lastLevelCacheIsTheLargestDataOrUnifiedLevel() {
        HardwareProfile.Cpu cpu = new HardwareProfile.Cpu("v", "m", "f", "m", "s", "u", 4, 8, 1, -1, List.of(
            new HardwareProfile.Cache(4, "INSTRUCTION", 1 << 30, 64, 0),
            new HardwareProfile.Cache(3, "UNIFIED", 32 << 20, 64, 16),
            new HardwareProfile.Cache(1, "DATA", 32 << 10, 64, 8)));
        assertThat(HardwareProbe.lastLevelCacheBytes(cpu)).isEqualTo(32L << 20);
    }

    @Test
    void lastLevelInstancesAreTheDistinctSharingSets(@TempDir Path sys) throws Exception {
        // 4 CPUs, two L3 instances (like two AMD CCDs), each CPU with a private L1
        for (int cpu = 0; cpu < 4; cpu++) {
            write(sys, cpu, 0, "1", "Data", Integer.toString(cpu));
            write(sys, cpu, 3, "3", "Unified", cpu < 2 ? "0-1" : "2-3");
        }
        Files.createDirectories(sys.resolve("cpufreq")); // not a cpuN folder
        assertThat(HardwareProbe.cacheInstances(sys, 3)).isEqualTo(2);
        assertThat(HardwareProbe.cacheInstances(sys, 1)).isEqualTo(4);
        assertThat(HardwareProbe.cacheInstances(sys.resolve("absent"), 3)).isZero();
    }

    private static void write(Path sys, int cpu, int index, String level, String type, String shared) throws Exception {
        Path dir = Files.createDirectories(sys.resolve("cpu" + cpu).resolve("cache").resolve("index" + index));
        Files.writeString(dir.resolve("level"), level + "\n");
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("shared_cpu_list"), shared + "\n");
    }
}
