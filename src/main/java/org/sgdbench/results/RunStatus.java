package org.sgdbench.results;

/** Life cycle of a run directory, recorded in run.json. */
public enum RunStatus {
    /** Started; if a run.json still says this, the process died before finishing. */
    RUNNING,
    /** Every step finished (some benchmark rows may still be UNAVAILABLE etc.). */
    COMPLETE,
    /** Stopped halfway (interrupted or a step failed): what finished is kept. */
    INCOMPLETE
}
