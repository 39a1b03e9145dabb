package org.sgdbench.hardware;

/** JMH could not measure a ceiling (a fork failed, a benchmark errored, or a result is missing). */
public final class CeilingProbeException extends RuntimeException {
    public CeilingProbeException(String message, Throwable cause) { super(message, cause); }

    public CeilingProbeException(String message) { super(message); }
}
