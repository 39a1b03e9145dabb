package org.sgdbench.cli;

/** A CLI input that is not a spec field (a missing file, an unreadable run directory): exit 2, one line. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) { super(message); }
}
