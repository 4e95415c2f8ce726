package org.hyakuyobako.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows staged in a CSV file and bulk-loaded into a DuckDB table with {@code COPY}.
 *
 * <p>Why not DuckDB's Appender: it costs about half a microsecond per value through JNI, 15 µs per
 * flow row, which made the store the slowest stage on flow-heavy captures; writing CSV and letting
 * DuckDB's parallel CSV reader load it measured eight times faster (docs/adr/0003). Strings are
 * always quoted with doubled inner quotes, so commas, quotes and newlines from the network stay
 * inside their field; an empty unquoted field is NULL.
 */
final class CsvBatch {
    private final Path file;
    private final String table;
    private Writer out;
    private long rows;
    private boolean firstField = true;

    CsvBatch(Path file, String table) {
        this.file = file;
        this.table = table;
    }

    private Writer out() throws IOException {
        if (out == null) {
            out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
        }
        return out;
    }

    private void separator() throws IOException {
        if (!firstField) {
            out().write(',');
        }
        firstField = false;
    }

    CsvBatch number(long v) throws IOException {
        separator();
        out().write(Long.toString(v));
        return this;
    }

    /** A number, or NULL when it is 0 (an unknown AS number). */
    CsvBatch numberOrNull(long v) throws IOException {
        if (v == 0) {
            separator();
            return this;
        }
        return number(v);
    }

    /** A count that may be unknown (negative): NULL then, never a made-up -1 in a column people sum. */
    CsvBatch count(long v) throws IOException {
        separator();
        if (v >= 0) {
            out().write(Long.toString(v));
        }
        return this;
    }

    CsvBatch number(double v) throws IOException {
        separator();
        out().write(Double.toString(v));
        return this;
    }

    CsvBatch text(String v) throws IOException {
        separator();
        if (v == null) {
            return this;
        }
        Writer w = out();
        w.write('"');
        if (v.indexOf('"') < 0) {
            w.write(v);
        } else {
            w.write(v.replace("\"", "\"\""));
        }
        w.write('"');
        return this;
    }

    void endRow() throws IOException {
        out().write('\n');
        firstField = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Loads the staged rows into the table and starts a new, empty batch. */
    void load(Connection connection) throws IOException, SQLException {
        if (out == null) {
            return;
        }
        out.close();
        out = null;
        if (rows > 0) {
            try (Statement s = connection.createStatement()) {
                s.execute("COPY " + table + " FROM '" + file.toAbsolutePath().toString().replace("'", "''")
                        + "' (FORMAT csv, HEADER false, QUOTE '\"', ESCAPE '\"', NULLSTR '')");
            }
        }
        rows = 0;
        Files.deleteIfExists(file);
    }

    void discard() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        Files.deleteIfExists(file);
    }
}
