package org.sgdbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the suite's checkout, when git and a repository are there ("+dirty" when tracked sources differ
 * from it); "unknown" otherwise.
 */
final class GitInfo {
    private GitInfo() {}

    static String commit() {
        try {
            // the suite's own checkout (set by the launcher), not the directory the user runs from
            java.io.File home = new java.io.File(System.getProperty("sgdbench.home", "."));
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(home).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                Process d = new ProcessBuilder(dirtyCheck()).directory(home).start();
                String dirty = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                d.waitFor(5, TimeUnit.SECONDS);
                return dirty.isEmpty() ? out : out + "+dirty";
            }
        } catch (IOException e) {
            // no git here: fine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    /**
     * {@code git status} of the tracked files, leaving out what runs write: a run from the repository root (the way to
     * publish one) rewrites the committed hardware profile and adds to results/, which would mark every published
     * run "+dirty".
     */
    static java.util.List<String> dirtyCheck() {
        return java.util.List.of("git", "status", "--porcelain", "--untracked-files=no", "--", ".",
            ":(exclude)results", ":(exclude)hardware-profiles");
    }
}
