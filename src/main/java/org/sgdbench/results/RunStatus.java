package org.sgdbench.results;

/** Life cycle of a run directory, recorded in run.json. */
public enum RunStatus {
    /**
     * Started. A run.json that still says this while its process is gone was killed outright: readers show it as
     * {@link RunManifest#INTERRUPTED} (see {@link RunManifest#displayStatus()}).
     */
    RUNNING,
    /** Every step finished (some rows may still be unavailable, not supported or failing). */
    COMPLETE,
    /** Stopped halfway (interrupted or a step failed): what finished is kept. */
    INCOMPLETE
}
