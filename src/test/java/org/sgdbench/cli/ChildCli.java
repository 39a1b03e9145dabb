package org.sgdbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM (same class path and flags as the tests), for what an in-process run cannot show: a
 * process killed outright, two runs at once, an environment without OpenCL. stdout and stderr go to files under
 * {@code logDir}, so a test can read them while the child runs.
 */
final class ChildCli {
    /** A guard against a hung child, not a timing assertion: generous for a loaded 2-core machine. */
    static final long GUARD_MINUTES = 10;

    final Process process;
    final Path stdout, stderr;

    private ChildCli(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ChildCli start(Path logDir, Map<String, String> env, String... args) throws IOException {
        return start(logDir, env, List.of(), args);
    }

    static ChildCli start(Path logDir, Map<String, String> env, List<String> jvmArgs, String... args) throws IOException {
        return start(logDir, null, env, jvmArgs, args);
    }

    /** @param workDir the child's working directory (null: this JVM's) */
    static ChildCli start(Path logDir, Path workDir, Map<String, String> env, List<String> jvmArgs, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SgdBench.class.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "stdout", ".txt"), err = Files.createTempFile(logDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        if (workDir != null) pb.directory(workDir.toFile());
        return new ChildCli(pb.start(), out, err);
    }

    /** Waits for the child to end and returns its exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(GUARD_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("child CLI still running after " + GUARD_MINUTES + " min; stderr:\n" + err());
        }
        return process.exitValue();
    }

    /** kill -9: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(GUARD_MINUTES, TimeUnit.MINUTES);
    }

    String out() { return read(stdout); }

    String err() { return read(stderr); }

    /** stderr lines that are messages of sgdbench itself (not the JVM's own warnings). */
    List<String> messages() {
        return err().lines().filter(l -> l.startsWith("sgdbench:")).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
