package org.sgdbench.solver.transfer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sgdbench.kernel.CsrMatrix;

/**
 * Matrix Market text files (NIST's exchange format, read by scipy.io.mmread, MKL's and cuSPARSE's samples, Julia,
 * MATLAB): a transfer operator as {@code matrix coordinate real general} (1-based row and column, rows = target
 * cells, entries in the CSR's order: by row, then increasing k) and a density as {@code matrix array real general}
 * (one column). Values are written in Java's shortest round-trip decimal form, so reading a file back gives the
 * very same doubles. Files are written to a temporary sibling and moved into place.
 */
public final class MatrixMarket {
    public static final String MATRIX_HEADER = "%%MatrixMarket matrix coordinate real general";
    public static final String VECTOR_HEADER = "%%MatrixMarket matrix array real general";

    private MatrixMarket() {}

    /** Writes {@code a}; each line of {@code comment} becomes a % comment line. */
    public static void writeMatrix(CsrMatrix a, String comment, Path target) throws IOException {
        atomically(target, w -> {
            w.write(MATRIX_HEADER);
            w.write('\n');
            comments(w, comment);
            w.write(a.rows() + " " + a.cols() + " " + a.nnz() + "\n");
            int[] rp = a.rowPtr(), ci = a.colIdx();
            double[] v = a.values();
            StringBuilder line = new StringBuilder(64);
            for (int r = 0; r < a.rows(); r++)
                for (int k = rp[r]; k < rp[r + 1]; k++) {
                    line.setLength(0);
                    line.append(r + 1).append(' ').append(ci[k] + 1).append(' ').append(v[k]).append('\n');
                    w.append(line);
                }
        });
    }

    /** Writes {@code x} as an n × 1 dense column. */
    public static void writeVector(double[] x, String comment, Path target) throws IOException {
        atomically(target, w -> {
            w.write(VECTOR_HEADER);
            w.write('\n');
            comments(w, comment);
            w.write(x.length + " 1\n");
            for (double d : x) w.write(Double.toString(d) + "\n");
        });
    }

    /** Reads a {@code matrix coordinate real general} file into CSR (entries of a row kept in file order). */
    public static CsrMatrix readMatrix(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            expectHeader(in, MATRIX_HEADER, file);
            String[] size = sizeLine(in, file, 3);
            int rows = Integer.parseInt(size[0]), cols = Integer.parseInt(size[1]), nnz = Integer.parseInt(size[2]);
            int[] ri = new int[nnz], ci = new int[nnz];
            double[] v = new double[nnz];
            int[] rowPtr = new int[rows + 1];
            for (int k = 0; k < nnz; k++) {
                String line = in.readLine();
                if (line == null) throw new IOException(file + ": " + nnz + " entries declared, " + k + " found");
                String[] f = line.trim().split("\\s+");
                ri[k] = Integer.parseInt(f[0]) - 1;
                ci[k] = Integer.parseInt(f[1]) - 1;
                v[k] = Double.parseDouble(f[2]);
                if (ri[k] < 0 || ri[k] >= rows || ci[k] < 0 || ci[k] >= cols)
                    throw new IOException(file + ": entry " + (k + 1) + " outside the " + rows + "×" + cols + " matrix");
                rowPtr[ri[k] + 1]++;
            }
            for (int r = 0; r < rows; r++) rowPtr[r + 1] += rowPtr[r];
            int[] next = java.util.Arrays.copyOf(rowPtr, rows);
            int[] col = new int[nnz];
            double[] val = new double[nnz];
            for (int k = 0; k < nnz; k++) {
                int at = next[ri[k]]++;
                col[at] = ci[k];
                val[at] = v[k];
            }
            return new CsrMatrix(rows, cols, rowPtr, col, val);
        }
    }

    /** Reads an n × 1 {@code matrix array real general} file. */
    public static double[] readVector(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            expectHeader(in, VECTOR_HEADER, file);
            String[] size = sizeLine(in, file, 2);
            if (!"1".equals(size[1])) throw new IOException(file + ": a vector has one column, not " + size[1]);
            double[] x = new double[Integer.parseInt(size[0])];
            for (int i = 0; i < x.length; i++) {
                String line = in.readLine();
                if (line == null) throw new IOException(file + ": " + x.length + " values declared, " + i + " found");
                x[i] = Double.parseDouble(line.trim());
            }
            return x;
        }
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static void atomically(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                body.write(w);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void comments(Writer w, String comment) throws IOException {
        if (comment == null || comment.isEmpty()) return;
        for (String line : comment.split("\n")) w.write("% " + line + "\n");
    }

    private static void expectHeader(BufferedReader in, String header, Path file) throws IOException {
        String first = in.readLine();
        if (first == null || !first.trim().equalsIgnoreCase(header))
            throw new IOException(file + ": expected the header '" + header + "', found '" + first + "'");
    }

    private static String[] sizeLine(BufferedReader in, Path file, int fields) throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && (line.startsWith("%") || line.isBlank()));
        if (line == null) throw new IOException(file + ": no size line");
        String[] f = line.trim().split("\\s+");
        if (f.length != fields) throw new IOException(file + ": the size line needs " + fields + " numbers: '" + line + "'");
        return f;
    }
}
