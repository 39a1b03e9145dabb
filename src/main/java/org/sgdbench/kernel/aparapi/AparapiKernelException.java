package org.sgdbench.kernel.aparapi;

/**
 * An Aparapi kernel could not run on the device it was given: Java bytecode that Aparapi cannot translate to
 * OpenCL, an OpenCL build error, a failed launch, or a missing capability (fp64). Aparapi would fall back to its
 * Java thread pool and only log a warning; sgdbench turns that into this error, so that no result is reported
 * under the wrong device. The message carries Aparapi's own reason.
 */
public final class AparapiKernelException extends RuntimeException {
    private final String device;
    private final String reason;

    public AparapiKernelException(String kernel, String device, String reason) {
        super("Aparapi could not run " + kernel + " on " + device + ": " + reason + " (no fallback to the Java thread pool)");
        this.device = device;
        this.reason = reason;
    }

    /** The device that was asked for. */
    public String device() { return device; }

    /** Aparapi's reason, as it logged or threw it. */
    public String reason() { return reason; }
}
