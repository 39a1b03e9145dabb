package org.sgdbench.problem;

/** Floating-point precision of a kernel's state and arithmetic. */
public enum Precision {
    F32(4), F64(8);

    private final int bytes;

    Precision(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }
}
