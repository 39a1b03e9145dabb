package org.sgdbench.cli;

/** Exit codes of every sgdbench command, in one place. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The run failed (a benchmark crashed, an accuracy check failed, a regression was found). */
    public static final int RUN_FAILED = 1;
    /** Bad input: an option or spec out of range, a missing or corrupt file. Nothing was written. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {}
}
