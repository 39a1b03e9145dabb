package org.sgdbench.kernel;

/** A backend exists and is available, but does not implement this kernel or precision (NOT_SUPPORTED). */
public final class KernelNotSupportedException extends RuntimeException {
    public KernelNotSupportedException(String message) { super(message); }
}
