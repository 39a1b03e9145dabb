package org.sgdbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void writtenFilesAreReadableByOthers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "old");
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "x");
        assertThatThrownBy(() -> AtomicFiles.writeString(blocked.resolve("b.json"), "new")).isInstanceOf(IOException.class);
        assertThat(Files.readString(f)).isEqualTo("old");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("a.json", "not-a-dir");
        }
    }

    @Test
    void everyObjectCarriesTheSchemaVersionAndRowsFilesReadBothLayouts(@TempDir Path dir) throws IOException {
        Path obj = dir.resolve("o.json"), rows = dir.resolve("r.json"), legacy = dir.resolve("l.json");
        Json.write(obj, java.util.Map.of("a", 1));
        assertThat(Json.MAPPER.readTree(obj.toFile()).get("schemaVersion").asInt()).isEqualTo(Json.SCHEMA_VERSION);
        Json.writeRows(rows, List.of("x", "y"));
        assertThat(Json.MAPPER.readTree(rows.toFile()).get("schemaVersion").asInt()).isEqualTo(Json.SCHEMA_VERSION);
        Files.writeString(legacy, "[\"x\", \"y\"]");
        var type = new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {};
        assertThat(Json.readRows(rows, type)).containsExactly("x", "y");
        assertThat(Json.readRows(legacy, type)).containsExactly("x", "y");
        Files.writeString(legacy, "");
        assertThatThrownBy(() -> Json.readRows(legacy, type)).isInstanceOf(IOException.class);
    }

    @Test
    void aRunningManifestIsInterruptedOnlyWhenItsProcessIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        RunManifest dead = manifest(RunStatus.RUNNING, p.pid(), null);
        RunManifest alive = manifest(RunStatus.RUNNING, ProcessHandle.current().pid(), RunManifest.currentProcessStart());
        RunManifest recycled = manifest(RunStatus.RUNNING, ProcessHandle.current().pid(), "2001-01-01T00:00:00Z");
        assertThat(dead.displayStatus()).isEqualTo(RunManifest.INTERRUPTED);
        assertThat(alive.displayStatus()).isEqualTo("RUNNING");
        assertThat(recycled.displayStatus()).as("same pid, another process").isEqualTo(RunManifest.INTERRUPTED);
        assertThat(manifest(RunStatus.COMPLETE, p.pid(), null).displayStatus()).isEqualTo("COMPLETE");
    }

    private static RunManifest manifest(RunStatus s, long pid, String started) {
        return new RunManifest("v", "c", "r", "p", "t0", null, s, java.util.Map.of(), List.of(), List.of(), pid, started);
    }
}
