package org.sgdbench.results;

import java.util.List;
import java.util.Map;

/**
 * run.json: what ran, where, when, with which configuration, and whether it finished.
 *
 * @param steps    the steps that finished, in order (profile, accuracy, benchmarks, tables)
 * @param messages one-line notes (unavailable backends, failures) for a reader of the run
 */
public record RunManifest(String suiteVersion, String gitCommit, String runId, String profileId, String startedAt,
                          String finishedAt, RunStatus status, Map<String, Object> config, List<String> steps,
                          List<String> messages) {
    public RunManifest {
        config = Map.copyOf(config);
        steps = List.copyOf(steps);
        messages = List.copyOf(messages);
    }
}
