package org.sgdbench.kernel;

/** A backend was asked for but cannot run on this machine; the message carries the probe's reason. */
public final class BackendUnavailableException extends RuntimeException {
    private final Backend backend;

    public BackendUnavailableException(Backend backend, String reason) {
        super(backend.id() + " backend unavailable: " + reason);
        this.backend = backend;
    }

    public Backend backend() { return backend; }
}
