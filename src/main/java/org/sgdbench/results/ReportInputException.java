package org.sgdbench.results;

import java.nio.file.Path;

/**
 * An input file of a report, comparison or export is missing or unreadable. The message is one line that names the
 * file; the CLI turns it into exit code 2.
 */
public final class ReportInputException extends RuntimeException {
    private final transient Path file;

    public ReportInputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ReportInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() { return file; }

    /** A one-line description of a Jackson/IO failure (the first line of its message, without the source dump). */
    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
