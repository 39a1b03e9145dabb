package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.report.RunFixture;
import org.sgdbench.results.Json;

/**
 * The runs committed under the repository's results/ folder are read out of the box: {@code compare --across} with no
 * run reads ./results (the latest run of each profile), {@code list} lists them, and a run named beside the folder
 * that holds it is shown once.
 */
class CommittedRunsTest {
    @TempDir
    Path repo;

    private Path secondMachine() throws Exception {
        Path a = RunFixture.copy(repo, RunFixture.RUN);
        Path other = repo.resolve("results/amd-epyc-8c16t-64g-0badcafe/20260301T000000Z");
        Files.createDirectories(other);
        ObjectNode run = (ObjectNode) Json.MAPPER.readTree(a.resolve("run.json").toFile());
        run.put("profileId", "amd-epyc-8c16t-64g-0badcafe").put("runId", "20260301T000000Z");
        Json.write(other.resolve("run.json"), run);
        Files.copy(a.resolve("throughput.json"), other.resolve("throughput.json"));
        // the MLP minima cache lives beside the profile folders and is no run
        Files.createDirectories(repo.resolve("results/mlp-minima"));
        Files.writeString(repo.resolve("results/mlp-minima/mlp-minimum-H16-seed1-penalty0-n1437.json"), "{}");
        return other;
    }

    @Test
    void compareAcrossAloneReadsTheResultsFolderOfTheWorkingDirectory() throws Exception {
        secondMachine();
        ChildCli c = ChildCli.start(repo.resolve("logs"), repo, Map.of(), List.of(), "compare", "--across");
        assertThat(c.waitFor()).as(c.err()).isZero();
        assertThat(c.out()).contains("# Across machines").contains(RunFixture.PROFILE + " (run " + RunFixture.RUN + ")")
            .contains("amd-epyc-8c16t-64g-0badcafe (run 20260301T000000Z)");
    }

    @Test
    void aMachinePublishedAsABenchmarkRunAndALaterAccuracyRunIsComparedByItsBenchmarks() throws Exception {
        secondMachine();
        Path accuracyOnly = repo.resolve("results/amd-epyc-8c16t-64g-0badcafe/20260302T000000Z");
        Files.createDirectories(accuracyOnly);
        ObjectNode run = (ObjectNode) Json.MAPPER.readTree(repo.resolve(
            "results/amd-epyc-8c16t-64g-0badcafe/20260301T000000Z/run.json").toFile());
        run.put("runId", "20260302T000000Z").put("startedAt", "2027-01-01T00:00:00Z"); // later than the benchmark run
        Json.write(accuracyOnly.resolve("run.json"), run);
        CliRun r = CliRun.of("compare", "--across", repo.resolve("results").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("amd-epyc-8c16t-64g-0badcafe (run 20260301T000000Z)").doesNotContain("20260302T000000Z");
    }

    @Test
    void aRunNamedBesideItsResultsFolderIsShownOnce() throws Exception {
        Path other = secondMachine();
        CliRun r = CliRun.of("compare", "--across", repo.resolve("results").toString(), other.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("- amd-epyc-8c16t-64g-0badcafe"))).hasSize(1);
    }

    @Test
    void listShowsTheCommittedRunsAndNotTheMinimaCache() throws Exception {
        secondMachine();
        CliRun r = CliRun.of("list", "--json", "--out", repo.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var runs = Json.MAPPER.readTree(r.out()).get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.findValuesAsText("runId")).containsExactlyInAnyOrder(RunFixture.RUN, "20260301T000000Z");
    }

    @Test
    void compareWithoutARunIsBadInput() {
        CliRun r = CliRun.of("compare");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).contains("compare needs CANDIDATE");
    }
}
