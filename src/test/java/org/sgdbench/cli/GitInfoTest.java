package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's own outputs (results/, hardware-profiles/) do not make the checkout "+dirty"; a changed source does. */
class GitInfoTest {
    private static String git(Path dir, String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>(java.util.List.of("git", "-c", "user.email=t@t", "-c", "user.name=t"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    private static String dirty(Path dir) throws Exception {
        Process p = new ProcessBuilder(GitInfo.dirtyCheck()).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void runOutputsAreNotDirtSourcesAre(@TempDir Path repo) throws Exception {
        boolean haveGit;
        try {
            haveGit = new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            haveGit = false;
        }
        assumeTrue(haveGit, "no git");
        git(repo, "init", "-q");
        Files.createDirectories(repo.resolve("hardware-profiles"));
        Files.createDirectories(repo.resolve("results/p/r"));
        Files.writeString(repo.resolve("hardware-profiles/p.json"), "{}");
        Files.writeString(repo.resolve("results/p/r/run.json"), "{}");
        Files.writeString(repo.resolve("Kernel.java"), "class Kernel {}");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "x");
        assertThat(dirty(repo)).isEmpty();
        Files.writeString(repo.resolve("hardware-profiles/p.json"), "{\"capturedAt\": 1}");
        Files.writeString(repo.resolve("results/p/r/run.json"), "{\"status\": 1}");
        assertThat(dirty(repo)).isEmpty();
        Files.writeString(repo.resolve("Kernel.java"), "class Kernel { int changed; }");
        assertThat(dirty(repo)).contains("Kernel.java");
    }
}
