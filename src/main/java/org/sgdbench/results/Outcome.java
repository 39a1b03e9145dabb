package org.sgdbench.results;

/**
 * What happened to one cell of a table (as in Java Matrix Benchmark's error enum). Only OK rows carry numbers
 * that mean what the column says.
 */
public enum Outcome {
    /** Ran and, for accuracy rows, passed its tolerance. */
    OK,
    /** The backend cannot run on this machine (module, natives or device missing); the reason is recorded. */
    UNAVAILABLE,
    /** The backend runs here but does not implement this kernel or precision. */
    NOT_SUPPORTED,
    /** Ran, but the error exceeds the tolerance. */
    LARGE_ERROR,
    /** NaN or Inf appeared: a status, never a throughput. */
    DIVERGED,
    /** The reference is not valid for this quantity (e.g. infinite fourth moment): deliberately not judged. */
    NOT_JUDGED,
    /** Crashed; the reason is recorded. */
    FAILED;

    public boolean failing() { return this == LARGE_ERROR || this == FAILED; }
}
