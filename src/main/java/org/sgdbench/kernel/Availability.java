package org.sgdbench.kernel;

/** Whether a backend can run on this machine, and why not when it cannot. */
public record Availability(boolean available, String reason) {
    public static Availability yes(String detail) { return new Availability(true, detail); }

    public static Availability no(String reason) { return new Availability(false, reason); }
}
