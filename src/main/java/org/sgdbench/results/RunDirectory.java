package org.sgdbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results/<profile-id>/<run-id>/}: created fresh for every run (an existing directory is never reused or
 * overwritten), with run.json rewritten atomically after every finished step. If the JVM is stopped before
 * {@link #finish}, a shutdown hook marks the run INCOMPLETE; if it is killed outright, run.json still says
 * RUNNING with the steps that finished, every file already written is whole, and readers show the run as
 * {@link RunManifest#INTERRUPTED} because the process recorded in run.json is gone.
 */
public final class RunDirectory {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String runId, profileId, startedAt, suiteVersion, gitCommit;
    private final Map<String, Object> config;
    private final List<String> steps = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private RunStatus status = RunStatus.RUNNING;
    private String finishedAt;
    private final Thread hook;
    private final long pid = ProcessHandle.current().pid();
    private final String processStartedAt = RunManifest.currentProcessStart();

    private RunDirectory(Path dir, String runId, String profileId, Map<String, Object> config, String suiteVersion,
                         String gitCommit) {
        this.dir = dir;
        this.runId = runId;
        this.profileId = profileId;
        this.config = new LinkedHashMap<>(config);
        this.suiteVersion = suiteVersion;
        this.gitCommit = gitCommit;
        this.startedAt = Instant.now().toString();
        this.hook = new Thread(() -> {
            synchronized (this) {
                if (status == RunStatus.RUNNING) {
                    messages.add("interrupted before the end: results kept, run marked incomplete");
                    status = RunStatus.INCOMPLETE;
                    finishedAt = Instant.now().toString();
                    try {
                        save();
                    } catch (IOException ignored) {
                        // best effort while the JVM goes down
                    }
                }
            }
        }, "sgdbench-incomplete-marker");
    }

    /** Creates a new run directory under {@code resultsRoot/profileId/} with a fresh, time-based id. */
    public static RunDirectory create(Path resultsRoot, String profileId, Map<String, Object> config,
                                      String suiteVersion, String gitCommit) throws IOException {
        Path parent = resultsRoot.resolve(profileId);
        Files.createDirectories(parent);
        String base = ID.format(Instant.now());
        for (int i = 0; i < 1000; i++) {
            String id = i == 0 ? base : base + "-" + i;
            try {
                Path d = Files.createDirectory(parent.resolve(id));
                RunDirectory rd = new RunDirectory(d, id, profileId, config, suiteVersion, gitCommit);
                rd.save();
                Runtime.getRuntime().addShutdownHook(rd.hook);
                return rd;
            } catch (FileAlreadyExistsException e) {
                // another run started in the same second: take the next suffix, never reuse a directory
            }
        }
        throw new IOException("could not create a fresh run directory under " + parent);
    }

    public Path path() { return dir; }

    public String runId() { return runId; }

    public Path file(String name) { return dir.resolve(name); }

    public synchronized void stepDone(String step) throws IOException {
        steps.add(step);
        save();
    }

    public synchronized void message(String m) { messages.add(m); }

    /** Adds a message and rewrites run.json at once (for notes that must survive a kill). */
    public synchronized void note(String m) throws IOException {
        messages.add(m);
        save();
    }

    /** Name of the run's own copy of the hardware profile it was measured against. */
    public static final String PROFILE_COPY = "hardware-profile.json";

    /** Keeps a copy of the hardware profile in the run directory, so that a copied run reports the same ceilings. */
    public void copyProfile(Path profileFile) throws IOException {
        AtomicFiles.write(dir.resolve(PROFILE_COPY), Files.readAllBytes(profileFile));
    }

    /** Marks the run finished with {@code finalStatus} and removes the shutdown hook. */
    public synchronized void finish(RunStatus finalStatus) throws IOException {
        status = finalStatus;
        finishedAt = Instant.now().toString();
        save();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private void save() throws IOException {
        Json.write(dir.resolve("run.json"), new RunManifest(suiteVersion, gitCommit, runId, profileId, startedAt,
            finishedAt, status, config, steps, messages, pid, processStartedAt));
    }

    public static RunManifest readManifest(Path runDir) {
        try {
            return Json.read(runDir.resolve("run.json"), RunManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
