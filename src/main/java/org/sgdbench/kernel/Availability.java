package org.sgdbench.kernel;

/**
 * Whether a backend can run on this machine, and why not when it cannot. {@code failed} tells a provider that
 * broke (a bug, reported as a failure with its message) from a backend that is merely missing here (library,
 * module or device absent, platform unsupported).
 */
public record Availability(boolean available, String reason, boolean failed) {
    public static Availability yes(String detail) { return new Availability(true, detail, false); }

    /** Missing library, module or device, or an unsupported platform. */
    public static Availability no(String reason) { return new Availability(false, reason, false); }

    /** The provider threw something other than "unsupported here": a failure, never hidden as unavailable. */
    public static Availability failure(String reason) { return new Availability(false, reason, true); }
}
