package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.kernel.Backend;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Precision;

/** Capture on this machine, the profile id's stability and privacy, and the JSON file round trip. */
class HardwareProfileTest {
    private static HardwareProfile first;
    private static HardwareProfile second;

    @BeforeAll
    static void captureTwice() {
        first = HardwareProbe.capture(null);
        second = HardwareProbe.capture(null);
    }

    private static boolean linux() { return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"); }

    @Test
    void profileIdIsStableAcrossCapturesAndAFunctionOfTheHardwareOnly() {
        assertThat(second.profileId()).isEqualTo(first.profileId());
        assertThat(first.profileId()).matches(ProfileIds.VALID);
        assertThat(first.profileId())
            .isEqualTo(ProfileIds.of(first.cpu(), first.totalMemoryBytes(), first.simd().isaFlags()));
        HardwareProfile.Cpu cpu = first.cpu();
        assertThat(first.profileId()).startsWith(ProfileIds.vendorSlug(cpu.vendor()) + "-")
            .contains("-" + cpu.physicalCores() + "c" + cpu.logicalCores() + "t-")
            .matches(".*-[0-9a-f]{8}");
    }

    @Test
    void profileIdContainsNoHostName() throws Exception {
        List<String> hostNames = new ArrayList<>();
        hostNames.add(InetAddress.getLocalHost().getHostName());
        if (System.getenv("HOSTNAME") != null) hostNames.add(System.getenv("HOSTNAME"));
        String readable = ProfileIds.readablePart(first.cpu(), first.totalMemoryBytes());
        for (String host : hostNames) {
            String h = host.toLowerCase(Locale.ROOT).split("\\.")[0];
            assumeFalse(h.isEmpty());
            // only if the CPU's own name happens to contain the host name is the check meaningless
            assumeFalse(readable.contains(h), "host name '" + h + "' occurs in the hardware name " + readable);
            assertThat(first.profileId()).doesNotContain(h).doesNotContain(ProfileIds.slug(h));
        }
    }

    @Test
    void profileFieldsAreFilledOnThisMachine() {
        HardwareProfile.Cpu cpu = first.cpu();
        assertThat(cpu.vendor()).isNotBlank().isNotEqualTo("unknown");
        assertThat(cpu.model()).isNotBlank().isNotEqualTo("unknown");
        assertThat(cpu.physicalCores()).isPositive();
        assertThat(cpu.logicalCores()).isGreaterThanOrEqualTo(cpu.physicalCores());
        assertThat(cpu.sockets()).isPositive();
        assertThat(first.totalMemoryBytes()).isGreaterThan(1L << 28);
        assertThat(first.os().name()).isNotBlank();
        assertThat(first.os().version()).isNotBlank();
        assertThat(first.os().arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(first.jvm().version()).isEqualTo(System.getProperty("java.runtime.version"));
        assertThat(first.jvm().vendor()).isNotBlank();
        assertThat(first.jvm().availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        // surefire's argLine passes the suite's flags; they must be recorded
        assertThat(first.jvm().inputArguments()).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(first.capturedAt()).isNotBlank();
        if (linux()) {
            String arch = System.getProperty("os.arch");
            if (arch.equals("amd64") || arch.equals("x86_64")) assertThat(first.simd().isaFlags()).contains("sse2");
            if (arch.equals("aarch64")) assertThat(first.simd().isaFlags()).contains("asimd");
        }
    }

    @Test
    void cachesAreParsedInBytesWithAnL1DataCacheAndALastLevel() {
        assumeTrue(linux(), "cache sizes are checked on Linux");
        List<HardwareProfile.Cache> caches = first.cpu().caches();
        assertThat(caches).isNotEmpty();
        assertThat(caches).anyMatch(c -> c.level() == 1 && c.type().equals("DATA"));
        for (HardwareProfile.Cache c : caches) {
            assertThat(c.sizeBytes()).as("L%d %s", c.level(), c.type()).isGreaterThanOrEqualTo(1024);
            assertThat(c.lineSizeBytes()).isBetween(16, 1024);
        }
        HardwareProfile.Cache l1d = caches.stream().filter(c -> c.level() == 1 && c.type().equals("DATA")).findFirst().orElseThrow();
        long llc = HardwareProbe.lastLevelCacheBytes(first.cpu());
        assertThat(llc).isGreaterThanOrEqualTo(l1d.sizeBytes());
        assertThat(HardwareProbe.totalLastLevelCacheBytes(first.cpu())).isGreaterThanOrEqualTo(llc);
        Path sysfs = Path.of("/sys/devices/system/cpu/cpu0/cache");
        if (Files.isDirectory(sysfs)) { // sysfs says e.g. "48K": the profile must say the same in bytes
            assertThat(l1d.sizeBytes() % 1024).isZero();
        }
    }

    @Test
    void everyBackendIsRecordedWithItsAvailability() {
        Map<String, HardwareProfile.BackendInfo> backends = first.backends();
        for (Backend b : Backend.values()) {
            assertThat(backends).containsKey(b.id());
            HardwareProfile.BackendInfo info = backends.get(b.id());
            assertThat(info.available()).isEqualTo(b.availability().available());
            assertThat(info.reason()).isNotBlank();
        }
        assertThat(backends.get("scalar").available()).isTrue();
    }

    @Test
    void vectorApiIsReportedWithItsPreferredWidthWhenTheModuleIsResolved() {
        HardwareProfile.VectorApi v = first.simd().vectorApi();
        assertThat(v.moduleResolved()).isEqualTo(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        if (v.moduleResolved()) {
            assertThat(v.moduleInJdk()).isTrue();
            assertThat(v.preferredBitSize()).isIn(64, 128, 256, 512, 1024, 2048);
        } else {
            assertThat(v.preferredBitSize()).isNull();
            assertThat(v.detail()).isNotBlank();
        }
    }

    @Test
    void profileRoundTripsThroughItsJsonFile(@TempDir Path root) throws Exception {
        HardwareProfile withCeilings = first.withCeilings(sampleCeilings());
        Path file = HardwareProfiles.writeProfile(root, withCeilings);
        assertThat(file).isEqualTo(root.resolve("hardware-profiles").resolve(first.profileId() + ".json"));
        assertThat(Files.readString(file)).contains("\"profileId\"").contains("\"triadBandwidth\"");
        HardwareProfile back = HardwareProfiles.read(file);
        assertThat(back).isEqualTo(withCeilings);
        assertThat(back.ceilings().peakGflops(Precision.F32, true)).isEqualTo(64.0);
        assertThat(back.ceilings().bandwidthGBs(true, false)).isEqualTo(12.5);
        // a second write replaces the first, leaving no temporary files behind
        HardwareProfiles.writeProfile(root, first);
        assertThat(HardwareProfiles.read(file)).isEqualTo(first);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void aProfileIdThatIsNotASafeFileNameIsRejected(@TempDir Path root) {
        HardwareProfile evil = new HardwareProfile("../../etc/passwd", first.capturedAt(), first.cpu(),
            first.totalMemoryBytes(), first.os(), first.jvm(), first.simd(), first.backends(), null);
        assertThatThrownBy(() -> HardwareProfiles.writeProfile(root, evil))
            .isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("profileId");
    }

    static Ceilings sampleCeilings() {
        Ceilings.Measurement gb = new Ceilings.Measurement(12.5, 0.5, "GB/s", 1, "b.readSum", 10.0, 1.25e9, "read");
        Ceilings.Measurement gbAll = new Ceilings.Measurement(20.0, null, "GB/s", 2, "b.readSum", 16.0, 1.25e9, "read");
        Ceilings.ThreadPair bw = new Ceilings.ThreadPair(gb, gbAll);
        Ceilings.Measurement s = new Ceilings.Measurement(8.0, 0.1, "GFLOP/s", 1, "f.s", 4e9, 2, "scalar");
        Ceilings.Measurement v = new Ceilings.Measurement(32.0, 0.1, "GFLOP/s", 1, "f.v", 1e9, 32, "vector");
        Ceilings.Measurement vAll = new Ceilings.Measurement(64.0, 0.1, "GFLOP/s", 2, "f.v", 2e9, 32, "vector");
        Ceilings.ThreadPair scalar = new Ceilings.ThreadPair(s, s);
        Ceilings.ThreadPair vector = new Ceilings.ThreadPair(v, vAll);
        return new Ceilings("quick", 2, "2026-01-01T00:00:00Z", "1.37", "settings", bw, bw,
            new Ceilings.FmaPeak(null, scalar), new Ceilings.FmaPeak(vector, scalar));
    }
}
