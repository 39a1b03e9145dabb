package org.sgdbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @Test
    void everyRunGetsAFreshDirectoryAndNeverOverwritesAnother(@TempDir Path root) throws Exception {
        RunDirectory a = RunDirectory.create(root, "p-1", Map.of("quick", true), "t", "c");
        RunDirectory b = RunDirectory.create(root, "p-1", Map.of("quick", true), "t", "c");
        assertThat(a.path()).isNotEqualTo(b.path());
        AtomicFiles.writeString(a.file("accuracy.md"), "kept");
        b.finish(RunStatus.COMPLETE);
        a.finish(RunStatus.COMPLETE);
        assertThat(Files.readString(a.file("accuracy.md"))).isEqualTo("kept");
    }

    @Test
    void runJsonRecordsStepsAndStatus(@TempDir Path root) throws Exception {
        RunDirectory r = RunDirectory.create(root, "p-2", Map.of("walkers", 64), "t", "abc");
        assertThat(RunDirectory.readManifest(r.path()).status()).isEqualTo(RunStatus.RUNNING);
        r.stepDone("accuracy");
        r.message("simd unavailable: test");
        assertThat(RunDirectory.readManifest(r.path()).steps()).containsExactly("accuracy");
        r.finish(RunStatus.INCOMPLETE);
        RunManifest m = RunDirectory.readManifest(r.path());
        assertThat(m.status()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(m.finishedAt()).isNotNull();
        assertThat(m.messages()).containsExactly("simd unavailable: test");
        assertThat(m.gitCommit()).isEqualTo("abc");
        try (var s = Files.list(r.path())) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary files left").containsExactly("run.json");
        }
    }
}
