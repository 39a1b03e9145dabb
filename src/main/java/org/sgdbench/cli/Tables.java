package org.sgdbench.cli;

import java.io.IOException;
import java.util.List;
import org.sgdbench.report.AccuracyReport;
import org.sgdbench.report.ThroughputReport;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.AtomicFiles;
import org.sgdbench.results.Json;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.results.ThroughputRow;

/** Writes the rendered tables of a run, atomically. */
final class Tables {
    private Tables() {}

    static void writeAccuracy(RunDirectory run, List<AccuracyRow> rows) throws IOException {
        Json.writeRows(run.file("accuracy.json"), rows);
        AtomicFiles.writeString(run.file("accuracy.md"), AccuracyReport.markdown(rows, "Accuracy — run " + run.runId()));
        AtomicFiles.writeString(run.file("accuracy.csv"), AccuracyReport.csv(rows));
    }

    static void writeThroughput(RunDirectory run, List<ThroughputRow> rows) throws IOException {
        Json.writeRows(run.file("throughput.json"), rows);
        AtomicFiles.writeString(run.file("throughput.md"), ThroughputReport.markdown(rows, "Throughput — run " + run.runId()));
        AtomicFiles.writeString(run.file("throughput.csv"), ThroughputReport.csv(rows));
    }
}
