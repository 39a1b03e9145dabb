package org.sgdbench.problem;

/**
 * A spec or option was rejected. The message always names the field and its allowed range, so the CLI can
 * print it as one line and exit with {@code ExitCodes.BAD_INPUT}.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private final String field;
    private final String allowed;

    public InvalidSpecException(String field, Object value, String allowed) {
        super(field + " = " + value + " is out of range; allowed: " + allowed);
        this.field = field;
        this.allowed = allowed;
    }

    public String field() { return field; }

    public String allowed() { return allowed; }
}
