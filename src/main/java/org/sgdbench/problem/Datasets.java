package org.sgdbench.problem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The datasets shipped inside the jar (resources under {@code org/sgdbench/datasets/}, provenance, licences and
 * checksums in the README there) and their standardisation. Nothing is downloaded at run time.
 */
public final class Datasets {
    private static final String DIR = "/org/sgdbench/datasets/";
    private static final List<String> DIABETES_FEATURES =
        List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    private Datasets() {}

    /** The diabetes data (442 × 10, Efron et al. 2004) standardised by {@link Standardization#ZSCORE}: d = 11. */
    public static Dataset diabetes() { return diabetes(Standardization.ZSCORE); }

    public static Dataset diabetes(Standardization s) {
        double[][] raw = readNumeric("diabetes_data_raw.csv.gz", "\\s+");
        double[][] target = readNumeric("diabetes_target.csv.gz", "\\s+");
        if (raw.length != target.length) throw new IllegalStateException("diabetes: feature and target rows differ");
        double[] y = new double[target.length];
        for (int i = 0; i < y.length; i++) y[i] = target[i][0];
        return regression("diabetes", DIABETES_FEATURES, "progression", raw, y, s);
    }

    /**
     * The digits data (1797 images of 8×8 pixels, UCI optical-recognition test set): x = the 64 pixel intensities
     * scaled from 0..16 to [0, 1] (no centring, no intercept column), y = the class 0..9.
     */
    public static Dataset digits() {
        double[][] rows = readNumeric("digits.csv.gz", ",");
        int n = rows.length, d = 64;
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d + 1) throw new IllegalStateException("digits: row " + (i + 1) + " has " + rows[i].length + " columns");
            for (int j = 0; j < d; j++) x[i * d + j] = rows[i][j] / 16.0;
            y[i] = rows[i][d];
        }
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) names.add("px" + j / 8 + "" + j % 8);
        return new Dataset("digits", names, "class", "digits.csv.gz, pixels / 16", n, d, x, y);
    }

    /**
     * Builds a regression dataset from raw columns: standardised and given an intercept column by
     * {@link Standardization#ZSCORE}, or exactly as given by {@link Standardization#NONE}. A constant feature
     * cannot be z-scored: it is rejected naming the column.
     */
    public static Dataset regression(String name, List<String> features, String targetName, double[][] raw,
                                     double[] y, Standardization s) {
        int n = raw.length, k = features.size();
        if (s == Standardization.NONE) {
            double[] x = new double[n * k];
            for (int i = 0; i < n; i++) System.arraycopy(raw[i], 0, x, i * k, k);
            return new Dataset(name, features, targetName, name + ", as given", n, k, x, y.clone());
        }
        int d = k + 1;
        double[] x = new double[n * d];
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (double[] r : raw) mean += r[j];
            mean /= n;
            double ss = 0;
            for (double[] r : raw) ss += (r[j] - mean) * (r[j] - mean);
            double sd = Math.sqrt(ss / n);
            if (!(sd > 0)) throw new InvalidSpecException("column " + features.get(j), "constant", "a column that varies (z-scoring divides by its standard deviation)");
            for (int i = 0; i < n; i++) x[i * d + j] = (raw[i][j] - mean) / sd;
        }
        for (int i = 0; i < n; i++) x[i * d + k] = 1.0;
        double my = 0;
        for (double v : y) my += v;
        my /= n;
        double sy = 0;
        for (double v : y) sy += (v - my) * (v - my);
        sy = Math.sqrt(sy / n);
        if (!(sy > 0)) throw new InvalidSpecException("column " + targetName, "constant", "a target that varies");
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) ys[i] = (y[i] - my) / sy;
        List<String> names = new ArrayList<>(features);
        names.add("intercept");
        return new Dataset(name, names, targetName, name + ", z-scored, intercept column", n, d, x, ys);
    }

    private static double[][] readNumeric(String file, String separator) {
        try (InputStream in = Datasets.class.getResourceAsStream(DIR + file)) {
            if (in == null) throw new IllegalStateException("dataset resource " + DIR + file + " is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII));
            List<double[]> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty()) continue;
                String[] cells = line.split(separator);
                double[] row = new double[cells.length];
                for (int j = 0; j < cells.length; j++) row[j] = Double.parseDouble(cells[j]);
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException("reading dataset resource " + file, e);
        }
    }
}
