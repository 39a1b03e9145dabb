package org.sgdbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's .gitignore lets a run's published files through and keeps the rest out: checked with git itself
 * on a fake run directory in a scratch repository that has the same .gitignore.
 */
class PublishedFilesTest {
    @TempDir
    Path repo;

    private static final String RUN = "results/amd-epyc-2c2t-24g-ad79f131/20261201T000000Z/";

    private String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void touch(String path) throws IOException {
        Path f = repo.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
    }

    @Test
    void aRunsPublishedFilesAreCommittableAndTheRestIsIgnored() throws Exception {
        assumeTrue(gitAvailable(), "git is not installed");
        Files.copy(Path.of(".gitignore"), repo.resolve(".gitignore"));
        git("init", "-q");
        List<String> published = List.of("run.json", "hardware-profile.json", "jmh.json", "throughput.json",
            "throughput.md", "throughput.csv", "accuracy.json", "accuracy.md", "accuracy.csv", "trajectories.json",
            "mlp.json", "native-reference.json", "headline.md", "headline.png");
        List<String> local = List.of("report.html", "logs/jmh-0.log", "logs/ceilings.txt", ".run.json.tmp123",
            "native-operators/transfer-1d-16384.mtx");
        for (String f : published) touch(RUN + f);
        for (String f : local) touch(RUN + f);
        touch("results/README.md");
        touch("results/mlp-minima/mlp-minimum-H16-seed1-penalty0-n1437.json");
        touch("results/amd-epyc-2c2t-24g-ad79f131/baseline.json");
        touch("hardware-profiles/amd-epyc-2c2t-24g-ad79f131.json");
        touch("hardware-profiles/.amd-epyc-2c2t-24g-ad79f131.json.tmp");

        List<String> untracked = git("status", "--porcelain", "-uall").lines().map(l -> l.substring(3)).toList();
        assertThat(untracked).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
            published.stream().map(f -> RUN + f),
            java.util.stream.Stream.of(".gitignore", "results/README.md", "hardware-profiles/amd-epyc-2c2t-24g-ad79f131.json")).toList());
        String ignored = git("status", "--porcelain", "--ignored", "-uall");
        for (String f : local) assertThat(ignored).contains("!! " + RUN + f);
        assertThat(ignored).contains("!! results/mlp-minima/", "!! results/amd-epyc-2c2t-24g-ad79f131/baseline.json",
            "!! hardware-profiles/.amd-epyc-2c2t-24g-ad79f131.json.tmp");
    }
}
