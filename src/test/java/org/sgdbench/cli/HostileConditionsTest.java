package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.hardware.HardwareProbe;
import org.sgdbench.hardware.HardwareProfile;
import org.sgdbench.hardware.HardwareProfiles;
import org.sgdbench.report.RunData;
import org.sgdbench.report.RunFixture;
import org.sgdbench.results.Json;
import org.sgdbench.results.RunManifest;
import org.sgdbench.results.RunStatus;

/**
 * The CLI under hostile conditions, in child JVMs: killed outright during the accuracy pass and during the
 * benchmarks, two runs at once on one profile, a results directory made read-only halfway, a corrupted hardware
 * profile, no OpenCL driver. Every run is small (scalar F64, 1024 walkers, a few cheap cases) so the suite stays quick
 * on two cores; nothing here measures or asserts time.
 */
class HostileConditionsTest {
    /** A small accuracy-only run: scalar F64, 1024 walkers, the named cases. */
    static String[] accuracyRun(Path out, String cases, String... more) {
        return Stream.concat(Stream.of("run", "--only", "accuracy", "--backend", "scalar", "--precision", "F64",
            "--walkers", "1024", "--case", cases, "--out", out.toString()), Stream.of(more)).toArray(String[]::new);
    }

    /** The run directories under {@code out/results/<profile>/}. */
    static List<Path> runDirs(Path out) throws IOException {
        Path results = out.resolve("results");
        if (!Files.isDirectory(results)) return List.of();
        try (Stream<Path> s = Files.walk(results, 2)) {
            return s.filter(p -> p.getNameCount() == results.getNameCount() + 2 && Files.isDirectory(p)).sorted().toList();
        }
    }

    /** Every regular file under {@code dir} with its bytes (relative path → content). */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    /** Waits until {@code file} exists and holds rows of {@code caseId}; fails if the child ends first. */
    static void awaitRowsOf(ChildCli child, Path out, List<Path> before, String file, String caseId) throws Exception {
        while (true) {
            for (Path d : runDirs(out)) {
                if (before.contains(d)) continue;
                Path f = d.resolve(file);
                if (Files.exists(f) && Files.readString(f).contains("\"" + caseId + "\"")) return;
            }
            assertThat(child.process.isAlive()).as("the run ended before it could be interrupted: %s", child.err()).isTrue();
            Thread.sleep(20);
        }
    }

    static Path newRun(Path out, List<Path> before) throws IOException {
        List<Path> now = runDirs(out).stream().filter(d -> !before.contains(d)).toList();
        assertThat(now).hasSize(1);
        return now.get(0);
    }

    /** Every non-hidden file is whole: each .json parses; temporary files are hidden (dot-names) by construction. */
    static void assertNoTornFiles(Path runDir) throws IOException {
        try (Stream<Path> s = Files.walk(runDir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                assertThat(p.getFileName().toString()).doesNotEndWith(".tmp");
                if (p.toString().endsWith(".json"))
                    assertThat(Json.MAPPER.readTree(p.toFile())).as("%s parses", p).isNotNull();
            }
        }
    }

    @Test
    void killDuringTheAccuracyPassKeepsFinishedCasesAndEveryCommandShowsTheRunInterrupted(@TempDir Path out,
                                                                                         @TempDir Path logs) throws Exception {
        ChildCli earlier = ChildCli.start(logs, Map.of(), accuracyRun(out, "unstable"));
        assertThat(earlier.waitFor()).as(earlier.err()).isZero();
        Path earlierRun = runDirs(out).get(0);
        Map<String, byte[]> earlierFiles = snapshot(earlierRun);

        List<Path> before = runDirs(out);
        ChildCli child = ChildCli.start(logs, Map.of(),
            accuracyRun(out, "critical-eta-lambda-1,rademacher-hessian-noise,flat-diffusive"));
        awaitRowsOf(child, out, before, "accuracy.json", "critical-eta-lambda-1");
        child.kill();
        Path killed = newRun(out, before);

        RunManifest m = Json.read(killed.resolve("run.json"), RunManifest.class);
        assertThat(m.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(m.displayStatus()).isEqualTo(RunManifest.INTERRUPTED);
        assertNoTornFiles(killed);
        RunData data = RunData.load(killed);
        assertThat(data.status()).isEqualTo("INCOMPLETE (interrupted)");
        assertThat(data.accuracy()).extracting(r -> r.caseId()).contains("critical-eta-lambda-1");
        assertThat(data.trajectories()).extracting(t -> t.caseId()).contains("critical-eta-lambda-1");

        CliRun report = CliRun.of("report", killed.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(Files.readString(killed.resolve("report.html"))).contains("INCOMPLETE (interrupted)");
        CliRun list = CliRun.of("list", "--out", out.toString());
        assertThat(list.out().lines().filter(l -> l.contains(killed.getFileName().toString())))
            .singleElement().asString().contains("INCOMPLETE (interrupted)");
        CliRun baseline = CliRun.of("baseline", "set", killed.toString());
        assertThat(baseline.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(baseline.errLines()).doesNotContain("\n").contains("INCOMPLETE (interrupted)").contains("not COMPLETE");
        assertThat(Files.exists(killed.getParent().resolve("baseline.json"))).isFalse();
        CliRun compare = CliRun.of("compare", earlierRun.toString(), killed.toString());
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("INCOMPLETE (interrupted)").contains("only what both runs hold");

        assertThat(snapshot(earlierRun)).as("the earlier run is byte-identical").containsExactlyEntriesOf(earlierFiles);
    }

    @Test
    void killDuringTheBenchmarksKeepsAReadableInterruptedRun(@TempDir Path out, @TempDir Path logs) throws Exception {
        // ceilings already in this machine's profile (taken from the test fixture), so the run measures none
        RunFixture.copy(out, "20260101T000000Z");
        HardwareProfile fixture = HardwareProfiles.read(HardwareProfiles.path(out, RunFixture.PROFILE));
        HardwareProfile here = HardwareProbe.capture(null).withCeilings(fixture.ceilings());
        HardwareProfiles.writeProfile(out, here);
        Path earlierRun = out.resolve("results").resolve(RunFixture.PROFILE).resolve("20260101T000000Z");
        Map<String, byte[]> earlierFiles = snapshot(earlierRun);

        List<Path> before = runDirs(out);
        // JMH holds a machine-wide lock; another JMH run on this machine (a measurement elsewhere) must not make this
        // run fail on its own before it is killed: the test measures nothing, so it may ignore the lock
        ChildCli child = ChildCli.start(logs, Map.of(), List.of("-Djmh.ignoreLock=true"), "run", "--quick", "--only",
            "throughput", "--kernel",
            "fokker-planck", "--backend", "scalar", "--precision", "F64", "--out", out.toString());
        Path log;
        while (true) {
            Optional<Path> run = runDirs(out).stream().filter(d -> !before.contains(d)).findFirst();
            if (run.isPresent() && Files.exists(run.get().resolve("logs/jmh-0.log"))) {
                log = run.get();
                break;
            }
            assertThat(child.process.isAlive()).as("the run ended before JMH started: %s", child.err()).isTrue();
            Thread.sleep(20);
        }
        List<ProcessHandle> forks = child.process.descendants().toList();
        child.kill();
        forks.forEach(ProcessHandle::destroyForcibly); // JMH's fork would end by itself once its host is gone
        Path killed = log;

        assertNoTornFiles(killed);
        RunData data = RunData.load(killed);
        assertThat(data.status()).as("%s\n%s", data.manifest().messages(), child.err()).isEqualTo(RunManifest.INTERRUPTED);
        CliRun report = CliRun.of("report", killed.toString());
        assertThat(report.code()).as(report.err()).isZero();
        CliRun baseline = CliRun.of("baseline", "set", killed.toString());
        assertThat(baseline.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(baseline.errLines().lines().count()).isEqualTo(1);
        assertThat(snapshot(earlierRun)).as("the earlier run is byte-identical").containsExactlyEntriesOf(earlierFiles);
    }

    @Test
    void twoRunsAtOnceOnOneProfileNeitherClobbersTheOther(@TempDir Path out, @TempDir Path logs) throws Exception {
        ChildCli a = ChildCli.start(logs, Map.of(), accuracyRun(out, "unstable"));
        ChildCli b = ChildCli.start(logs, Map.of(), accuracyRun(out, "critical-eta-lambda-1"));
        assertThat(a.waitFor()).as(a.err()).isZero();
        assertThat(b.waitFor()).as(b.err()).isZero();
        List<Path> runs = runDirs(out);
        assertThat(runs).hasSize(2);
        for (Path r : runs) {
            RunData d = RunData.load(r);
            assertThat(d.status()).isEqualTo("COMPLETE");
            // run.json says what each setting applied to: the walkers reached the accuracy pass, no benchmark ran
            assertThat(d.manifest().config()).containsEntry("accuracy.walkers", 1024).doesNotContainKey("benchmarks.kernels");
            assertThat(d.accuracy()).extracting(x -> x.caseId()).containsOnly(
                d.manifest().config().get("accuracy.cases").toString().replaceAll("[\\[\\]]", ""));
        }
        // the last line on stdout is the run directory, for scripts
        List<String> printed = Stream.of(a, b).map(c -> c.out().strip().lines().reduce((x, y) -> y).orElse("")).toList();
        assertThat(printed.stream().map(Path::of).map(Path::toAbsolutePath).sorted().toList())
            .isEqualTo(runs.stream().map(Path::toAbsolutePath).toList());
        try (Stream<Path> s = Files.list(out.resolve(HardwareProfiles.FOLDER))) {
            for (Path p : s.toList()) assertThat(HardwareProfiles.read(p).profileId()).isNotBlank();
        }
    }

    @Test
    void aCorruptedHardwareProfileIsMeasuredAgainAndACorruptedCopyIsBadInputNamingIt(@TempDir Path out,
                                                                                     @TempDir Path logs) throws Exception {
        ChildCli first = ChildCli.start(logs, Map.of(), accuracyRun(out, "unstable"));
        assertThat(first.waitFor()).as(first.err()).isZero();
        Path profile;
        try (Stream<Path> s = Files.list(out.resolve(HardwareProfiles.FOLDER))) {
            profile = s.findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(profile);
        Files.write(profile, java.util.Arrays.copyOf(whole, whole.length / 2)); // torn in the middle
        ChildCli second = ChildCli.start(logs, Map.of(), accuracyRun(out, "unstable"));
        assertThat(second.waitFor()).as(second.err()).isZero();
        assertThat(second.err()).contains("unreadable").doesNotContain("\tat ");
        assertThat(HardwareProfiles.read(profile).profileId()).isEqualTo(profile.getFileName().toString().replace(".json", ""));

        Path run = runDirs(out).get(0);
        Files.writeString(run.resolve("hardware-profile.json"), "{\"profileId\": ");
        CliRun report = CliRun.of("report", run.toString());
        assertThat(report.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.errLines()).doesNotContain("\n").contains("hardware-profile.json").doesNotContain("Exception:");
    }

    /**
     * Where directory permissions bite, the run directory is made read-only; as root (permissions do not stop root)
     * it is swapped for a plain file, which stops every write into it just as well.
     */
    @Test
    void aResultsDirectoryMadeUnwritableHalfwayEndsClearlyWithNothingHalfWritten(@TempDir Path out, @TempDir Path logs)
            throws Exception {
        Path probe = Files.createDirectory(logs.resolve("probe"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean permissionsBite;
        try {
            Files.createFile(probe.resolve("x"));
            permissionsBite = false;
        } catch (IOException e) {
            permissionsBite = true;
        }

        List<Path> before = runDirs(out);
        ChildCli child = ChildCli.start(logs, Map.of(),
            accuracyRun(out, "critical-eta-lambda-1,rademacher-hessian-noise,flat-diffusive"));
        awaitRowsOf(child, out, before, "accuracy.json", "critical-eta-lambda-1");
        Path run = newRun(out, before), moved = run.resolveSibling(run.getFileName() + "-moved");
        if (permissionsBite) Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("r-xr-xr-x"));
        else {
            Files.move(run, moved);
            Files.writeString(run, "not a directory");
        }
        int code = child.waitFor();
        if (permissionsBite) Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        else {
            Files.delete(run);
            Files.move(moved, run);
        }
        assertThat(code).as(child.err()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(child.messages()).singleElement().asString().contains("cannot write").contains(run.toString());
        assertThat(child.err()).doesNotContain("\tat ");
        assertNoTornFiles(run);
        assertThat(RunData.load(run).accuracy()).extracting(r -> r.caseId()).contains("critical-eta-lambda-1");
    }

    @Test
    void withoutOpenClADefaultRunPassesWithAparapiUnavailableAndStrictFailsNamingIt(@TempDir Path out,
                                                                                   @TempDir Path logs) throws Exception {
        Path emptyIcd = Files.createDirectory(logs.resolve("empty-icd"));
        Map<String, String> noOpenCl = Map.of("OCL_ICD_VENDORS", emptyIcd.toString());
        String[] common = {"run", "--only", "accuracy", "--precision", "F64", "--walkers", "1024", "--case", "unstable",
            "--out", out.toString()};
        ChildCli strict = ChildCli.start(logs, noOpenCl, Stream.concat(Stream.of(common), Stream.of("--strict"))
            .toArray(String[]::new));
        assertThat(strict.waitFor()).as(strict.err()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(strict.messages()).singleElement().asString().contains("aparapi").contains("unavailable");
        assertThat(runDirs(out)).as("a strict run that cannot start writes no run").isEmpty();

        ChildCli plain = ChildCli.start(logs, noOpenCl, common);
        assertThat(plain.waitFor()).as(plain.err()).isZero();
        Path run = runDirs(out).get(0);
        assertThat(Files.readString(run.resolve("accuracy.md"))).contains("unavailable: ").doesNotContain("FAIL");
        JsonNode rows = Json.MAPPER.readTree(run.resolve("accuracy.json").toFile()).get("rows");
        assertThat(rows.findValuesAsText("backend")).contains("aparapi");
        assertThat(plain.out().strip().lines().reduce((x, y) -> y).orElse("")).isEqualTo(run.toString());
    }
}
